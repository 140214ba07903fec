/** The login form (`GET /login`, `POST /login.do`), the signed-in home page and server info. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { UaaContext } from "../context";
import { serverInfo } from "../discovery";
import { firstValues, parseParams, readForm, redirect, sendHtml, sendJson } from "../http";
import { homePage, loginPage } from "../login-page";
import { loginForm, loginPageParams } from "../params";
import {
  CSRF_COOKIE,
  CURRENT_USER_COOKIE,
  SESSION_COOKIE,
  csrfCookie,
  isCsrfToken,
  newCsrfToken,
  parseCookies,
  serializeCookie,
} from "../sessions";

/** `Accept: application/json` turns `/login` into the server-info document, which the cf CLI reads. */
function wantsJson(req: IncomingMessage): boolean {
  return /\bapplication\/json\b/i.test(req.headers.accept ?? "");
}

export function info(ctx: UaaContext, _req: IncomingMessage, res: ServerResponse): void {
  sendJson(res, 200, serverInfo(ctx.baseUrl, ctx.startedAtMs));
}

export function showLogin(ctx: UaaContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (wantsJson(req)) return info(ctx, req, res);
  const { error } = loginPageParams.safeParse(firstValues(url.searchParams)).data ?? {};
  // UAA issues a fresh token on every page view; reusing a valid cookie instead keeps two open login
  // tabs from invalidating each other, and is indistinguishable to a client.
  const existing = parseCookies(req).get(CSRF_COOKIE);
  const csrfToken = isCsrfToken(existing) ? existing : newCsrfToken();
  sendHtml(res, 200, loginPage({ csrfToken, ...(error === undefined ? {} : { error }) }), {
    "Set-Cookie": csrfCookie(csrfToken, ctx.secureCookies),
  });
}

export async function submitLogin(ctx: UaaContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = parseParams(loginForm, firstValues(await readForm(req)));
  const cookies = parseCookies(req);
  const csrf = cookies.get(CSRF_COOKIE);
  // Double-submit check of CookieBasedCsrfTokenRepository; UAA's failure URL for it.
  if (!isCsrfToken(csrf) || form["X-Uaa-Csrf"] !== csrf)
    return redirect(res, "/login?error=invalid_login_request");

  const user = ctx.users.authenticate(form.username, form.password, ctx.now());
  if (!user) return redirect(res, "/login?error=login_failure");

  // A new session id on login (session-fixation protection), keeping the saved authorize request.
  const previous = ctx.sessions.get(cookies.get(SESSION_COOKIE));
  ctx.sessions.delete(previous?.id);
  const session = ctx.sessions.create({ userId: user.user.guid, authTimeMs: ctx.now() });
  const secure = ctx.secureCookies;
  redirect(res, previous?.savedAuthorize ?? "/", {
    "Set-Cookie": [
      serializeCookie(SESSION_COOKIE, session.id, { secure }),
      serializeCookie(CURRENT_USER_COOKIE, encodeURIComponent(JSON.stringify({ userId: user.user.guid })), {
        secure,
        httpOnly: false,
      }),
    ],
  });
}

export function home(ctx: UaaContext, req: IncomingMessage, res: ServerResponse): void {
  const session = ctx.sessions.get(parseCookies(req).get(SESSION_COOKIE));
  const user = session?.userId === undefined ? undefined : ctx.users.get(session.userId);
  if (!user) return redirect(res, "/login");
  sendHtml(res, 200, homePage(user.user.username));
}
