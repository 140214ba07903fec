import "server-only";
import { decodeJwt } from "jose";
import type { JWT } from "next-auth/jwt";
import { decode, encode } from "next-auth/jwt";
import { env } from "@/lib/env";
import { privilegesOf } from "./scopes";
import type { TokenSet } from "./refresh";

/**
 * The session cookie: an encrypted JWT (JWE, keyed by AUTH_SECRET) that holds
 * the user's UAA tokens. It is HttpOnly, so the browser's scripts never read
 * it, and encrypted, so the tokens are not in it as text either. This module
 * is the one place that knows its name, how it is chunked and what is in it.
 */

export type SessionClaims = JWT & {
  /** The UAA user id, which is also the CF user guid. */
  sub: string;
  name: string;
  email: string;
  isAdmin: boolean;
  readsGlobally: boolean;
  accessToken: string;
  refreshToken: string;
  issuedAt: number;
  expiresAt: number;
};

/** Twelve hours, UAA's default access-token validity; the refresh token keeps the session alive within it. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** Auth.js's names: `__Secure-` prefixed where cookies are Secure (production). */
export function sessionCookieName(): string {
  return env().isProduction ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/** Auth.js splits cookies over 4 kB into `<name>.0`, `<name>.1`, …; the value is their concatenation. */
export function readChunkedCookie(
  cookies: { name: string; value: string }[],
  name: string,
): string | undefined {
  const whole = cookies.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = cookies
    .map((c) => ({
      c,
      index: c.name.startsWith(`${name}.`) ? Number(c.name.slice(name.length + 1)) : Number.NaN,
    }))
    .filter(({ index }) => Number.isInteger(index))
    .sort((a, b) => a.index - b.index);
  return chunks.length > 0 ? chunks.map(({ c }) => c.value).join("") : undefined;
}

/** Splits a value the way Auth.js does (4096 bytes less an allowance for the attributes). */
export function chunkCookie(name: string, value: string): { name: string; value: string }[] {
  const size = 4096 - 160;
  if (value.length <= size) return [{ name, value }];
  const chunks: { name: string; value: string }[] = [];
  for (let i = 0; i * size < value.length; i++)
    chunks.push({ name: `${name}.${i}`, value: value.slice(i * size, (i + 1) * size) });
  return chunks;
}

function isSessionClaims(token: JWT | null): token is SessionClaims {
  return (
    !!token &&
    typeof token.sub === "string" &&
    typeof token.accessToken === "string" &&
    typeof token.refreshToken === "string" &&
    typeof token.expiresAt === "number" &&
    typeof token.issuedAt === "number"
  );
}

export async function decodeSession(value: string | undefined): Promise<SessionClaims | null> {
  if (!value) return null;
  try {
    const token = await decode({ token: value, secret: env().authSecret, salt: sessionCookieName() });
    return isSessionClaims(token) ? token : null;
  } catch {
    return null; // tampered, or encrypted under another secret
  }
}

export function encodeSession(claims: SessionClaims): Promise<string> {
  return encode({
    token: claims,
    secret: env().authSecret,
    salt: sessionCookieName(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

/** The claims of a fresh sign-in, read from the access token UAA issued. */
export function claimsFromSignIn(tokens: TokenSet): SessionClaims {
  const payload = decodeJwt(tokens.accessToken);
  const scopes = Array.isArray(payload.scope)
    ? payload.scope.filter((s): s is string => typeof s === "string")
    : [];
  const userId = typeof payload.user_id === "string" ? payload.user_id : String(payload.sub ?? "");
  return {
    sub: userId,
    name: typeof payload.user_name === "string" ? payload.user_name : userId,
    email: typeof payload.email === "string" ? payload.email : "",
    ...privilegesOf(scopes),
    ...tokens,
  };
}

export function withTokens(claims: SessionClaims, tokens: TokenSet): SessionClaims {
  return { ...claims, ...tokens, ...privilegesOf(scopesOf(tokens.accessToken)) };
}

function scopesOf(accessToken: string): string[] {
  const scope = decodeJwt(accessToken).scope;
  return Array.isArray(scope) ? scope.filter((s): s is string => typeof s === "string") : [];
}
