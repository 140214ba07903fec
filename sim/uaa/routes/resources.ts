/** Discovery, keys, and the endpoints that read tokens: /userinfo, /introspect, /check_token. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { UaaContext } from "../context";
import { openIdConfiguration } from "../discovery";
import { OAuthError, fullAuthenticationRequired } from "../errors";
import { bearerToken, firstValues, parseParams, readForm, sendJson } from "../http";
import { tokenCheckForm } from "../params";
import type { VerifiedAccessToken } from "../tokens";

const RESOURCE_REALM = { scheme: "Bearer", realm: "UAA/oauth" } as const;
const CLIENT_REALM = { scheme: "Basic", realm: "UAA/client" } as const;

export function discovery(ctx: UaaContext, _req: IncomingMessage, res: ServerResponse): void {
  sendJson(res, 200, openIdConfiguration(ctx.baseUrl, ctx.issuer));
}

/**
 * The ETag is the zone's last-modified time in epoch ms, unquoted, as TokenKeyEndpoint sends it; a
 * matching If-None-Match gets 304.
 */
function keysResponse(ctx: UaaContext, req: IncomingMessage, res: ServerResponse, body: unknown): void {
  const etag = String(ctx.startedAtMs);
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, { ETag: etag });
    res.end();
    return;
  }
  sendJson(res, 200, body, { ETag: etag });
}

export function tokenKeys(ctx: UaaContext, req: IncomingMessage, res: ServerResponse): void {
  keysResponse(ctx, req, res, { keys: [ctx.key.publicJwk] });
}

export function tokenKey(ctx: UaaContext, req: IncomingMessage, res: ServerResponse): void {
  keysResponse(ctx, req, res, ctx.key.publicJwk);
}

export async function userinfo(ctx: UaaContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const presented = bearerToken(req);
  if (presented === undefined) throw fullAuthenticationRequired(RESOURCE_REALM);
  const { claims, user } = await ctx.tokens.verifyAccessToken(presented);
  if (!user || !claims.scope.includes("openid")) {
    throw new OAuthError(403, "insufficient_scope", "Insufficient scope for this resource", {
      extra: { scope: "openid" },
    });
  }
  const u = user.user;
  // UserInfoResponse is NON_NULL except previous_logon_time; seeded users have no phone number, so
  // `phone_number` is absent, as UAA leaves it out for such a user.
  sendJson(res, 200, {
    user_id: u.guid,
    user_name: u.username,
    given_name: u.givenName,
    family_name: u.familyName,
    email: u.email,
    email_verified: true,
    previous_logon_time: user.previousLogonMs,
    name: `${u.givenName} ${u.familyName}`,
    sub: u.guid,
  });
}

/**
 * Who may inspect tokens: a client with the `uaa.resource` authority, by Basic auth (deprecated but
 * still accepted) or by a client-credentials bearer token carrying that scope.
 */
async function requireResourceServer(ctx: UaaContext, req: IncomingMessage): Promise<void> {
  const presented = bearerToken(req);
  if (presented !== undefined) {
    const { claims, user } = await ctx.tokens.verifyAccessToken(presented);
    if (user || !claims.scope.includes("uaa.resource")) {
      throw new OAuthError(403, "insufficient_scope", "Insufficient scope for this resource", {
        extra: { scope: "uaa.resource" },
      });
    }
    return;
  }
  if (!/^basic\s/i.test(req.headers.authorization ?? "")) throw fullAuthenticationRequired(CLIENT_REALM);
  const { client } = ctx.clients.authenticate(req, {});
  if (!client.authorities?.includes("uaa.resource")) {
    throw new OAuthError(403, "access_denied", "Access is denied");
  }
}

/** Always 200; anything wrong with the token is just `{"active": false}`. */
export async function introspect(ctx: UaaContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await requireResourceServer(ctx, req);
  const form = parseParams(tokenCheckForm, firstValues(await readForm(req)));
  let verified: VerifiedAccessToken;
  try {
    verified = await ctx.tokens.verifyAccessToken(form.token ?? "");
  } catch (error) {
    if (error instanceof OAuthError) return sendJson(res, 200, { active: false });
    throw error;
  }
  sendJson(res, 200, { ...verified.claims, active: true });
}

/**
 * The deprecated check_token: the claims, or 400 (not 401: the caller did authenticate) invalid_token;
 * `scopes` lists scopes the token must carry.
 */
export async function checkToken(ctx: UaaContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await requireResourceServer(ctx, req);
  const form = parseParams(tokenCheckForm, firstValues(await readForm(req)));
  if (form.token === undefined || form.token === "") {
    throw new OAuthError(400, "invalid_token", "Token parameter must be set");
  }
  let verified: VerifiedAccessToken;
  try {
    verified = await ctx.tokens.verifyAccessToken(form.token);
  } catch (error) {
    if (error instanceof OAuthError) throw new OAuthError(400, "invalid_token", error.description);
    throw error;
  }
  const required = (form.scopes ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const held = verified.claims.scope.map((s) => s.toLowerCase());
  const missing = required.filter((scope) => !held.includes(scope.toLowerCase()));
  if (missing.length > 0) {
    throw new OAuthError(400, "invalid_scope", `Some requested scopes are missing: ${missing.join(",")}`);
  }
  sendJson(res, 200, verified.claims);
}
