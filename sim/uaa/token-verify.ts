/**
 * The checks UAA's own resource endpoints (/userinfo, /introspect) apply to a bearer token: its key,
 * signature, issuer, client and user, revocation signature and expiry, each refused in UAA's words.
 */
import { z } from "zod";
import type { ClientRegistry } from "./clients";
import { OAuthError, javaDate } from "./errors";
import { tokenKid, type SigningKey } from "./keys";
import type { UaaClient } from "./types";
import type { UserDirectory, UserRecord } from "./users";

/** The claims the resource endpoints rely on; everything else is passed through untouched. */
const accessClaimsSchema = z.looseObject({
  jti: z.string(),
  iss: z.string(),
  exp: z.number(),
  cid: z.string(),
  scope: z.array(z.string()),
  user_id: z.string().optional(),
  rev_sig: z.string().optional(),
});

export type VerifiedAccessToken = {
  claims: z.infer<typeof accessClaimsSchema>;
  client: UaaClient;
  user?: UserRecord;
};

type VerifyDeps = {
  issuer: string;
  key: SigningKey;
  clients: ClientRegistry;
  users: UserDirectory;
  now: () => number;
  /** What the token's `rev_sig` must be for this client (and user) now (./revocation.ts). */
  revocationSignature: (client: UaaClient, user?: UserRecord) => string;
};

const invalidAccessToken = (description: string) =>
  new OAuthError(401, "invalid_token", description, { challenge: { scheme: "Bearer", realm: "UAA/oauth" } });

export async function verifyAccessToken(token: string, deps: VerifyDeps): Promise<VerifiedAccessToken> {
  const { isJwt, kid } = tokenKid(token);
  if (!isJwt) throw invalidAccessToken("The token expired, was revoked, or the token ID is incorrect.");
  if (kid === undefined) throw invalidAccessToken("kid claim not found in JWT token header");
  if (kid !== deps.key.kid) {
    throw invalidAccessToken(`Token header claim [kid] references unknown signing key : [${kid}]`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(await deps.key.verifySignature(token)).toString("utf8"));
  } catch {
    throw invalidAccessToken("Could not verify token signature.");
  }
  const parsed = accessClaimsSchema.safeParse(payload);
  if (!parsed.success) throw invalidAccessToken("Cannot read token claims");
  const claims = parsed.data;
  if (claims.iss !== deps.issuer) {
    throw invalidAccessToken(
      `Invalid issuer (${claims.iss}) for token did not match expected: ${deps.issuer}`,
    );
  }
  const client = deps.clients.get(claims.cid);
  if (!client) throw invalidAccessToken(`The token refers to a non-existent client: ${claims.cid}`);
  const user = claims.user_id === undefined ? undefined : deps.users.get(claims.user_id);
  if (claims.user_id !== undefined && !user) {
    throw invalidAccessToken(`Token bears a non-existent user ID: ${claims.user_id}`);
  }
  if (claims.rev_sig !== undefined && claims.rev_sig !== deps.revocationSignature(client, user)) {
    throw invalidAccessToken("revocable signature mismatch");
  }
  if (claims.exp * 1000 < deps.now()) {
    throw invalidAccessToken(`Invalid access token: expired at ${javaDate(claims.exp * 1000)}`);
  }
  return { claims, client, ...(user ? { user } : {}) };
}
