import { UaaUnavailableError, RefreshRefusedError } from "@/lib/auth/errors";
import { CfApiError, CfUnavailableError } from "@/lib/cf/errors";
import { MESSAGES } from "./messages";

/**
 * One failure model for pages, route handlers and actions (docs/design.md §11):
 * whatever failed (CF, the UAA, the database, the dashboard's own code)
 * becomes one typed value through `toFailure`, worded from the one table in
 * messages.ts. Pure: no logging, no I/O.
 */

export type FailureKind =
  /** The session is over or the token was refused: sign in again. */
  | "sign-in"
  /** CF refused the user's role (403 CF-NotAuthorized). */
  | "forbidden"
  /** The org or space is suspended (403 CF-OrgSuspended / CF-SpaceSuspended). */
  | "suspended"
  /** CF does not show it to the user, or it does not exist (404; some 422s). */
  | "not-found"
  /** The input was refused, by the dashboard's validation or by CF (400, 422). */
  | "invalid"
  /** What the user read has changed since (a stale version): nothing was written. */
  | "conflict"
  | "rate-limited"
  /** CF, the UAA or the database could not be reached, timed out, failed (5xx) or answered nonsense. */
  | "unavailable"
  /** A write CF did not confirm: it may or may not have been made. */
  | "unconfirmed"
  /** A bug or an unexpected exception in the dashboard. */
  | "internal";

export type Failure = {
  kind: FailureKind;
  /** The HTTP status CF or the UAA answered, when one did. */
  status?: number;
  /** CF's own error code and title (e.g. 10008, "CF-UnprocessableEntity"), when CF sent one. */
  code?: number;
  title?: string;
  /** A sentence a person understands. */
  message: string;
  /** Per field (a dotted path into the input, e.g. `rules.0.spaces`), why its value was refused. */
  fieldErrors?: Record<string, string[]>;
};

/** Reads show what failed; writes never claim more than CF confirmed. */
export type Operation = "read" | "write";

/** Whether CF's refusal of an unbind means the wanted state already holds (the cf CLI treats it the same way). */
export function alreadyDone(error: unknown, action: "bind" | "unbind"): boolean {
  return (
    action === "unbind" &&
    error instanceof CfApiError &&
    error.status === 422 &&
    error.detail.endsWith("Ensure the space is bound to this security group.")
  );
}

function fromCf(error: CfApiError, operation: Operation): Failure {
  const cf = { status: error.status, code: error.code, title: error.title };
  const as = (kind: FailureKind, message: string): Failure => ({ kind, ...cf, message });
  switch (error.title) {
    case "CF-OrgSuspended":
      return as("suspended", MESSAGES.orgSuspended);
    case "CF-SpaceSuspended":
      return as("suspended", MESSAGES.spaceSuspended);
    case "CF-NotAuthorized":
      return as("forbidden", operation === "write" ? MESSAGES.notAuthorized : MESSAGES.readForbidden);
  }
  if (error.status === 401) return as("sign-in", MESSAGES.signIn);
  if (error.status === 403)
    return as("forbidden", operation === "write" ? MESSAGES.notAuthorized : MESSAGES.readForbidden);
  if (error.status === 404) {
    if (error.detail.startsWith("Security group")) return as("not-found", MESSAGES.groupInvisible);
    if (error.detail.startsWith("Space")) return as("not-found", MESSAGES.spaceGone);
    if (error.detail.startsWith("Organization")) return as("not-found", MESSAGES.orgGone);
    return as("not-found", operation === "write" ? MESSAGES.spaceGone : MESSAGES.notFound);
  }
  if (error.status === 422 && error.detail.includes("do not exist, or you do not have access"))
    return as("not-found", MESSAGES.spaceGone);
  if (error.status === 429) return as("rate-limited", MESSAGES.rateLimited);
  // CF's 422 texts are precise and meant for people (rule validation, duplicate names, entitlement).
  if (error.status === 422 || error.status === 400) return as("invalid", error.detail);
  if (operation === "write") return as("unconfirmed", MESSAGES.unconfirmed);
  return as("unavailable", MESSAGES.cfServerError);
}

/**
 * A Failure already decided, thrown through code that cannot return it (a
 * read inside a change, before anything was written).
 */
export class FailureError extends Error {
  override readonly name = "FailureError";
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/** The one function from anything thrown to a Failure. */
export function toFailure(error: unknown, operation: Operation): Failure {
  if (error instanceof FailureError) return error.failure;
  if (error instanceof CfApiError) return fromCf(error, operation);
  if (error instanceof CfUnavailableError) {
    if (operation === "write") return { kind: "unconfirmed", message: MESSAGES.unconfirmed };
    return {
      kind: "unavailable",
      message:
        error.reason.includes("shape") || error.reason.includes("JSON")
          ? MESSAGES.cfMalformed
          : MESSAGES.cfUnreachable,
    };
  }
  if (error instanceof RefreshRefusedError) return { kind: "sign-in", message: MESSAGES.signIn };
  if (error instanceof UaaUnavailableError) return { kind: "unavailable", message: MESSAGES.uaaUnreachable };
  if (error instanceof DatabaseUnavailableError)
    return {
      kind: operation === "write" ? "unconfirmed" : "unavailable",
      message: MESSAGES.databaseUnavailable,
    };
  return {
    kind: operation === "write" ? "unconfirmed" : "internal",
    message: operation === "write" ? MESSAGES.internalWrite : MESSAGES.internalRead,
  };
}

/** The change history's database could not be reached or refused a write. */
export class DatabaseUnavailableError extends Error {
  override readonly name = "DatabaseUnavailableError";
}

/** A failure made by the dashboard itself (validation, a missing group), in the same shape. */
export function failure(kind: FailureKind, message: string): Failure {
  return { kind, message };
}

/** The HTTP status a route handler answers a failure with. */
export function httpStatusOf(failure: Failure): number {
  switch (failure.kind) {
    case "sign-in":
      return 401;
    case "forbidden":
    case "suspended":
      return 403;
    case "not-found":
      return 404;
    case "invalid":
      // A document read and refused in named places is unprocessable; anything else is a bad request.
      return failure.status === 422 || failure.fieldErrors !== undefined ? 422 : 400;
    case "conflict":
      // The only conflict is a stale version (If-Match): the precondition failed.
      return 412;
    case "rate-limited":
      return 429;
    case "unavailable":
    case "unconfirmed":
      return 502;
    case "internal":
      return 500;
  }
}
