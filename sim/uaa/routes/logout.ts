/**
 * `/logout.do`: ends the UAA session and redirects, but only to a whitelisted target (WhitelistLogoutHandler):
 * UAA's own pages, or a registered redirect URI of the client named by `client_id` or by the `azp` of a
 * valid `id_token_hint`. Anything else lands on the login page, so the endpoint is no open redirect.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { UaaContext } from "../context";
import { firstValues, readForm, redirect } from "../http";
import { logoutParams } from "../params";
import { anyRedirectMatches } from "../redirect-uris";
import { CSRF_COOKIE, CURRENT_USER_COOKIE, SESSION_COOKIE, expireCookie, parseCookies } from "../sessions";

const DEFAULT_TARGET = "/login";

export async function logout(
  ctx: UaaContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const body = req.method === "POST" ? await readForm(req) : new URLSearchParams();
  const parsed = logoutParams.safeParse(firstValues(url.searchParams, body));
  const params = parsed.success ? parsed.data : {};
  ctx.sessions.delete(parseCookies(req).get(SESSION_COOKIE));

  const secure = ctx.secureCookies;
  redirect(res, await target(ctx, params), {
    "Set-Cookie": [
      expireCookie(SESSION_COOKIE, { secure }),
      expireCookie(CSRF_COOKIE, { secure }),
      expireCookie(CURRENT_USER_COOKIE, { secure, httpOnly: false }),
    ],
  });
}

async function target(
  ctx: UaaContext,
  params: {
    redirect?: string;
    post_logout_redirect_uri?: string;
    client_id?: string;
    id_token_hint?: string;
  },
): Promise<string> {
  const requested = params.post_logout_redirect_uri ?? params.redirect;
  if (requested === undefined) return DEFAULT_TARGET;
  if (isInternal(ctx.baseUrl, requested)) return requested;
  const clientId =
    params.id_token_hint === undefined ? params.client_id : await authorizedParty(ctx, params.id_token_hint);
  const client = ctx.clients.get(clientId);
  return client && anyRedirectMatches(client.redirectUris, requested) ? requested : DEFAULT_TARGET;
}

/** A path on the UAA itself (not `//host`, which a browser reads as another origin), or its own URL. */
function isInternal(baseUrl: string, target: string): boolean {
  if (/^\/(?![/\\])/.test(target)) return true;
  return target.startsWith(`${baseUrl}/`);
}

/** The client of an ID token this UAA signed; an invalid hint names no client. Expiry does not matter here. */
async function authorizedParty(ctx: UaaContext, idToken: string): Promise<string | undefined> {
  try {
    const payload: unknown = JSON.parse(Buffer.from(await ctx.key.verifySignature(idToken)).toString("utf8"));
    if (
      typeof payload === "object" &&
      payload !== null &&
      "azp" in payload &&
      typeof payload.azp === "string"
    ) {
      return payload.azp;
    }
  } catch {
    // Not ours, or not a JWT: no client whitelist.
  }
  return undefined;
}
