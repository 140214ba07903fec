import "server-only";
import { decodeJwt } from "jose";
import { getServerSession, type ServerSession } from "./session";
import { privilegesOf } from "./scopes";

/**
 * Who is calling a route that a pipeline may call as well as the browser
 * (`/api/orgs/:orgGuid/policy`, docs/design.md §10): `Authorization: bearer <a
 * UAA access token>` when the request carries one, else the browser session.
 *
 * The token's claims (user id, name, scopes) are read without checking its
 * signature here, exactly as the session reads its own access token: CF is
 * the authority. Every decision is taken only after CF has accepted this
 * very token for the org and the caller's roles (a forged, expired or
 * revoked token is answered 401 by CF, and so by the route), and a JWT's
 * signature covers all its claims, so a token CF accepts cannot carry claims
 * its issuer did not sign. See docs/adr/0006-org-policy.md.
 */

export type Caller = { session: ServerSession; via: "bearer" | "session" };

/** The token of an `Authorization: bearer …` header (the scheme is case-insensitive). */
export function bearerToken(headers: Headers): { token: string } | "none" | "malformed" {
  const header = headers.get("authorization");
  if (header === null) return "none";
  const token = /^bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header)?.[1];
  return token === undefined ? "malformed" : { token };
}

/** A session made from a user's access token; null for a token that names no user (a client's own). */
export function sessionFromToken(token: string): ServerSession | null {
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(token);
  } catch {
    return null;
  }
  // UAA puts the user's guid (also their CF user guid) in user_id; client tokens have none.
  if (typeof claims.user_id !== "string" || claims.user_id === "") return null;
  const scopes = Array.isArray(claims.scope)
    ? claims.scope.filter((s): s is string => typeof s === "string")
    : [];
  return {
    user: {
      id: claims.user_id,
      name: typeof claims.user_name === "string" ? claims.user_name : claims.user_id,
      email: typeof claims.email === "string" ? claims.email : "",
      ...privilegesOf(scopes),
    },
    accessToken: token,
  };
}

/**
 * The caller of a request: its bearer token, when it sends one (the browser
 * session is then ignored), else the session. `invalid`: an Authorization
 * header that is not a user's bearer token.
 */
export async function callerOf(request: Request): Promise<Caller | null | "invalid"> {
  const bearer = bearerToken(request.headers);
  if (bearer === "malformed") return "invalid";
  if (bearer !== "none") {
    const session = sessionFromToken(bearer.token);
    return session === null ? "invalid" : { session, via: "bearer" };
  }
  const session = await getServerSession();
  return session === null ? null : { session, via: "session" };
}
