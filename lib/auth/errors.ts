/**
 * The UAA's failures, as types the failure model (lib/failures) can tell
 * apart. Pure, so the mapping is unit-tested without a UAA.
 */

/** UAA refused the refresh token (revoked, expired, already used): the user must sign in again. */
export class RefreshRefusedError extends Error {
  override readonly name = "RefreshRefusedError";
}

/** The UAA could not be reached, timed out, or answered with something other than a token or a refusal. */
export class UaaUnavailableError extends Error {
  override readonly name = "UaaUnavailableError";
}
