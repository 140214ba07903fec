/**
 * The browser side of UAA: the `JSESSIONID` session (saved authorize request, then the signed-in user)
 * and the `X-Uaa-Csrf` double-submit cookie of the login form.
 */
import { randomBytes, randomInt } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const SESSION_COOKIE = "JSESSIONID";
export const CSRF_COOKIE = "X-Uaa-Csrf";
/** Set at login and cleared at logout by UAA, for its session-management page script. */
export const CURRENT_USER_COOKIE = "Current-User";
/** CookieBasedCsrfTokenRepository.DEFAULT_COOKIE_MAX_AGE. */
const CSRF_MAX_AGE = 24 * 60 * 60;
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export type Session = {
  readonly id: string;
  /** Path and query of the /oauth/authorize request that sent the user to the login form. */
  savedAuthorize?: string;
  userId?: string;
  authTimeMs?: number;
};

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  get(id: string | undefined): Session | undefined {
    return id === undefined ? undefined : this.sessions.get(id);
  }

  create(fields: Omit<Session, "id"> = {}): Session {
    // Tomcat's format: 32 upper-case hex characters.
    const session: Session = { id: randomBytes(16).toString("hex").toUpperCase(), ...fields };
    this.sessions.set(session.id, session);
    return session;
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id);
  }
}

export function parseCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    // The first value wins, as in the Servlet API.
    if (name && !cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

export type CookieOptions = { secure: boolean; httpOnly?: boolean; maxAge?: number };

/** Path=/ and SameSite=Lax, as UAA's cookies: sent on the top-level redirect back from the client. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${value}`,
    "Path=/",
    ...(options.maxAge === undefined ? [] : [`Max-Age=${options.maxAge}`]),
    ...(options.httpOnly === false ? [] : ["HttpOnly"]),
    ...(options.secure ? ["Secure"] : []),
    "SameSite=Lax",
  ].join("; ");
}

export function expireCookie(name: string, options: CookieOptions): string {
  return serializeCookie(name, "", { ...options, maxAge: 0 });
}

/** 22 alphanumeric characters (about 131 bits), as UAA's CSRF tokens. */
export function newCsrfToken(): string {
  return Array.from({ length: 22 }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join("");
}

export function isCsrfToken(value: string | undefined): value is string {
  return value !== undefined && /^[A-Za-z0-9]{22}$/.test(value);
}

export function csrfCookie(token: string, secure: boolean): string {
  return serializeCookie(CSRF_COOKIE, token, { secure, maxAge: CSRF_MAX_AGE });
}
