import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { RefreshRefusedError, UaaUnavailableError } from "./errors";
import { needsRefresh, refreshTokens } from "./refresh";
import { decodeSession, readChunkedCookie, sessionCookieName, withTokens } from "./session-token";

/**
 * The signed-in user, for server components, route handlers and server
 * actions. Every data read and every action calls this itself: the proxy's
 * redirect is a convenience, not the check.
 */

export type SignedInUser = {
  /** The UAA user id, which is also the CF user guid. */
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
  readsGlobally: boolean;
};

export type ServerSession = { user: SignedInUser; accessToken: string };

/** The session of this request, or null. Refreshes the access token if it is about to expire. */
export const getServerSession = cache(async (): Promise<ServerSession | null> => {
  const jar = await cookies();
  let claims = await decodeSession(readChunkedCookie(jar.getAll(), sessionCookieName()));
  if (!claims) return null;
  if (needsRefresh(claims)) {
    // Normally the proxy has refreshed already and this request carries the new cookie;
    // a render cannot set cookies, so a refresh here serves this request only.
    try {
      claims = withTokens(claims, await refreshTokens(claims.refreshToken));
    } catch (error) {
      if (error instanceof RefreshRefusedError) return null;
      // The UAA is away, not the session: the current token may still serve (a token CF refuses
      // later leads to sign-in, as usual).
      if (!(error instanceof UaaUnavailableError)) throw error;
    }
  }
  const { sub, name, email, isAdmin, readsGlobally, accessToken } = claims;
  return { user: { id: sub, name, email, isAdmin, readsGlobally }, accessToken };
});

/** The path being rendered, as the proxy recorded it, so sign-in can come back to it. */
export async function currentPath(): Promise<string> {
  return (await headers()).get("x-request-path") ?? "/orgs";
}

export function signInPath(callbackPath: string, reason?: "expired"): string {
  const params = new URLSearchParams({ callbackUrl: callbackPath });
  if (reason) params.set("reason", reason);
  return `/signin?${params.toString()}`;
}

/** The session, or a redirect to sign-in that comes back to this page. */
export async function requireSession(): Promise<ServerSession> {
  const session = await getServerSession();
  if (!session) redirect(signInPath(await currentPath()));
  return session;
}
