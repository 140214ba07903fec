/**
 * `GET /oauth/authorize`, response_type=code only. Order as in UAA: the client and its redirect URI are
 * checked first and failures there are shown as a page (never redirected to an unchecked URI); without a
 * session the user goes to the login form; everything after that is reported to the client's redirect URI.
 */
import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { validateChallenge } from "../codes";
import type { UaaContext } from "../context";
import { OAuthError, invalidRequest } from "../errors";
import { firstValues, redirect, sendHtml } from "../http";
import { errorPage } from "../login-page";
import { authorizeParams } from "../params";
import { anyRedirectMatches, withFragment, withQuery } from "../redirect-uris";
import { grantUserScopes, parseScopeParam } from "../scopes";
import { SESSION_COOKIE, parseCookies, serializeCookie } from "../sessions";
import type { UaaClient } from "../types";

export function authorize(ctx: UaaContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const parsed = authorizeParams.safeParse(firstValues(url.searchParams));
  if (!parsed.success) return sendHtml(res, 400, errorPage("The authorization request is malformed."));
  const params = parsed.data;

  const client = ctx.clients.get(params.client_id);
  if (!client) {
    const message =
      params.client_id === undefined
        ? "A client id must be provided"
        : `No client with requested id: ${params.client_id}`;
    return sendHtml(res, 400, errorPage(message));
  }
  const resolved = resolveRedirect(client, params.redirect_uri);
  if ("error" in resolved) return sendHtml(res, 400, errorPage(resolved.error));
  const redirectUri = resolved.uri;

  const session = ctx.sessions.get(parseCookies(req).get(SESSION_COOKIE));
  const user = session?.userId === undefined ? undefined : ctx.users.get(session.userId);
  if (!session || !user || session.authTimeMs === undefined) {
    if (params.prompt === "none") {
      // UaaAuthorizationEndpoint.commence: for the code flow the error goes in the query (the
      // fragment is only for implicit responses), with a session_state and without `state`.
      return redirect(
        res,
        withQuery(redirectUri, {
          error: "login_required",
          session_state: sessionState(client.id, redirectUri),
        }),
      );
    }
    // Remember the request, as Spring's saved request, and send the browser to the form.
    const current = session ?? ctx.sessions.create();
    current.savedAuthorize = `${url.pathname}${url.search}`;
    const headers: Record<string, string> = session
      ? {}
      : { "Set-Cookie": serializeCookie(SESSION_COOKIE, current.id, { secure: ctx.secureCookies }) };
    // Relative, so the browser stays on the host it used and its session cookie keeps being sent.
    return redirect(res, "/login", headers);
  }

  try {
    if (params.response_type === undefined) {
      throw invalidRequest("Missing response_type in authorization request");
    }
    const responseTypes = parseScopeParam(params.response_type) ?? [];
    if (responseTypes.length !== 1 || responseTypes[0] !== "code") {
      throw new OAuthError(400, "unsupported_response_type", "Unsupported response types");
    }
    const codeChallengeMethod = validateChallenge(params.code_challenge, params.code_challenge_method);
    const scopes = grantUserScopes(client.scopes, user.user.groups, parseScopeParam(params.scope));
    if (!client.autoApprove) {
      if (params.prompt === "none") {
        return redirect(res, withFragment(redirectUri, { error: "interaction_required" }));
      }
      return sendHtml(
        res,
        501,
        errorPage(`The stand-in has no approval page; register ${client.id} with autoApprove: true.`),
      );
    }
    const code = ctx.codes.issue({
      clientId: client.id,
      userId: user.user.guid,
      ...(params.redirect_uri === undefined ? {} : { redirectUriParam: params.redirect_uri }),
      redirectUri,
      scopes,
      ...(params.code_challenge === undefined ? {} : { codeChallenge: params.code_challenge }),
      codeChallengeMethod,
      ...(params.nonce === undefined ? {} : { nonce: params.nonce }),
      authTimeSec: Math.floor(session.authTimeMs / 1000),
    });
    return redirect(res, withQuery(redirectUri, { code, state: params.state }));
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    return redirect(
      res,
      withQuery(redirectUri, {
        error: error.error,
        error_description: error.description,
        state: params.state,
      }),
    );
  }
}

/** The redirect URI to use, or the page text UAA shows when there is none it may use. */
function resolveRedirect(
  client: UaaClient,
  requested: string | undefined,
): { uri: string } | { error: string } {
  if (!client.grantTypes.includes("authorization_code")) {
    return { error: "A redirect_uri can only be used by implicit or authorization_code grant types." };
  }
  if (client.redirectUris.length === 0) return { error: "Client registration is missing redirect_uri" };
  if (requested === undefined) {
    // Spring: without a parameter, a single registered (non-wildcard) URI is used as is.
    const only = client.redirectUris.length === 1 ? client.redirectUris[0] : undefined;
    return only !== undefined && !/[*?]/.test(only)
      ? { uri: only }
      : { error: "A redirectUri must be either supplied or preconfigured in the ClientDetails" };
  }
  return anyRedirectMatches(client.redirectUris, requested)
    ? { uri: requested }
    : { error: `Invalid redirect ${requested} did not match one of the registered values` };
}

/** OpenIdSessionStateCalculator: sha256("<client> <origin> <user> <salt>") "." salt; no user here. */
function sessionState(clientId: string, redirectUri: string): string {
  const salt = randomBytes(32).toString("hex");
  const origin = new URL(redirectUri).origin;
  const hash = createHash("sha256").update(`${clientId} ${origin}  ${salt}`, "utf8").digest("hex");
  return `${hash}.${salt}`;
}
