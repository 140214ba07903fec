/** `POST /oauth/token` with the four grants the stand-in supports. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import type { ClientAuthentication } from "../clients";
import { validateVerifierFormat, verifyPkce } from "../codes";
import type { UaaContext } from "../context";
import { OAuthError, badCredentials, invalidRequest } from "../errors";
import { firstValues, parseParams, readForm, sendJson } from "../http";
import { tokenForm } from "../params";
import { grantUserScopes, parseScopeParam, requireAllowed } from "../scopes";
import type { TokenResponse } from "../tokens";
import type { GrantType } from "../types";

type TokenForm = z.infer<typeof tokenForm>;

const GRANT_TYPES: readonly GrantType[] = [
  "authorization_code",
  "refresh_token",
  "password",
  "client_credentials",
];
const isGrantType = (value: string): value is GrantType => (GRANT_TYPES as readonly string[]).includes(value);

export async function token(
  ctx: UaaContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  // Parameters may come in the query too (Spring binds both), but the body wins.
  const form = parseParams(tokenForm, firstValues(await readForm(req), url.searchParams));
  const auth = ctx.clients.authenticate(req, form);
  if (form.grant_type === undefined || form.grant_type === "") throw invalidRequest("Missing grant type");
  if (!isGrantType(form.grant_type))
    throw new OAuthError(400, "unsupported_grant_type", "Unsupported grant type");
  if (!auth.client.grantTypes.includes(form.grant_type)) {
    throw new OAuthError(401, "invalid_client", "Unauthorized grant type");
  }
  const body = await grant(ctx, form.grant_type, form, auth);
  sendJson(res, 200, body, { "Cache-Control": "no-store", Pragma: "no-cache" });
}

function grant(
  ctx: UaaContext,
  type: GrantType,
  form: TokenForm,
  auth: ClientAuthentication,
): Promise<TokenResponse> {
  const requestedScopes = parseScopeParam(form.scope);
  switch (type) {
    case "authorization_code":
      return authorizationCode(ctx, form, auth);
    case "refresh_token":
      return ctx.tokens.refresh(form.refresh_token, auth, requestedScopes);
    case "password":
      return password(ctx, form, auth, requestedScopes);
    case "client_credentials":
      return ctx.tokens.issueClientToken(auth, requestedScopes);
  }
}

/** Checks in the order of UAA's AuthorizationCodeTokenGranter. */
function authorizationCode(
  ctx: UaaContext,
  form: TokenForm,
  auth: ClientAuthentication,
): Promise<TokenResponse> {
  if (form.code === undefined) throw invalidRequest("An authorization code must be supplied.");
  validateVerifierFormat(form.code_verifier);
  const code = ctx.codes.consume(form.code);
  verifyPkce(code, form.code_verifier);
  // redirect_uri must repeat what was sent to /oauth/authorize (and may be omitted only if nothing was).
  if (
    (form.redirect_uri !== undefined || code.redirectUriParam !== undefined) &&
    form.redirect_uri !== code.redirectUri
  ) {
    throw new OAuthError(400, "invalid_grant", "Redirect URI mismatch.");
  }
  if (code.clientId !== auth.client.id) throw new OAuthError(401, "invalid_client", "Client ID mismatch");
  const user = ctx.users.get(code.userId);
  if (!user) throw new OAuthError(400, "invalid_grant", `Invalid authorization code: ${form.code}`);
  return ctx.tokens.issueUserTokens({
    client: auth.client,
    clientAuthMethod: auth.method,
    user,
    scopes: code.scopes,
    grantType: "authorization_code",
    authTimeSec: code.authTimeSec,
    amr: ["pwd"],
    ...(code.nonce === undefined ? {} : { nonce: code.nonce }),
  });
}

function password(
  ctx: UaaContext,
  form: TokenForm,
  auth: ClientAuthentication,
  requestedScopes: string[] | undefined,
): Promise<TokenResponse> {
  // Scope validation comes first in UAA (TokenEndpoint), before the user is authenticated.
  requireAllowed(requestedScopes, auth.client.scopes);
  const now = ctx.now();
  // Since UAA 76.26 a wrong user password is `invalid_client` "Bad credentials", like a wrong client secret.
  const user = ctx.users.authenticate(form.username ?? "", form.password ?? "", now);
  if (!user) throw badCredentials("user");
  return ctx.tokens.issueUserTokens({
    client: auth.client,
    clientAuthMethod: auth.method,
    user,
    scopes: grantUserScopes(auth.client.scopes, user.user.groups, requestedScopes),
    grantType: "password",
    authTimeSec: Math.floor(now / 1000),
    amr: ["pwd"],
  });
}
