/**
 * The UAA stand-in driven the way its real clients drive it: a standards OAuth/OIDC client
 * (oauth4webapi, the library Auth.js uses) for discovery, the code flow and refresh; fetch with a cookie
 * jar for the browser's part (login form, redirects); the cf CLI's password grant with Basic `cf:`.
 */
import { createRemoteJWKSet, jwtVerify } from "jose";
import * as oauth from "oauth4webapi";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ids } from "../seed";
import {
  APP_ORIGIN,
  Browser,
  CALLBACK,
  DASHBOARD,
  DEMO_PASSWORD,
  RESOURCE_SERVER,
  cfPasswordGrant,
  decodePart,
  location,
  signInThrough,
  startUaa,
  submitLoginForm,
  tokenRequest,
  type RunningUaa,
} from "./test-support";

let running: RunningUaa;
let as: oauth.AuthorizationServer;
const client: oauth.Client = { client_id: DASHBOARD.id };
const clientAuth = oauth.ClientSecretBasic(DASHBOARD.secret);
const insecure = { [oauth.allowInsecureRequests]: true };
const ALL_SCOPES = "openid cloud_controller.read cloud_controller.write cloud_controller.admin";

beforeAll(async () => {
  running = await startUaa();
  const issuer = new URL(`${running.base}/oauth/token`);
  const response = await oauth.discoveryRequest(issuer, { algorithm: "oidc", ...insecure });
  as = await oauth.processDiscoveryResponse(issuer, response);
});
afterAll(() => running.close());
afterEach(() => {
  running.uaa.resetFaults();
  running.resetClock();
});

function endpoint(value: string | undefined): URL {
  if (value === undefined) throw new Error("endpoint missing from discovery");
  return new URL(value);
}

type AuthorizeRequest = { url: URL; verifier: string; state: string; nonce: string };

async function authorizeRequest(
  overrides: Record<string, string | null> = {},
  method: "S256" | "plain" = "S256",
): Promise<AuthorizeRequest> {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const url = endpoint(as.authorization_endpoint);
  const params: Record<string, string | null> = {
    client_id: client.client_id,
    response_type: "code",
    redirect_uri: CALLBACK,
    scope: ALL_SCOPES,
    state,
    nonce,
    code_challenge: method === "S256" ? await oauth.calculatePKCECodeChallenge(verifier) : verifier,
    code_challenge_method: method,
    ...overrides,
  };
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  return { url, verifier, state, nonce };
}

function exchange(
  callback: URL,
  request: AuthorizeRequest,
  verifier: string | typeof oauth.nopkce = request.verifier,
) {
  const params = oauth.validateAuthResponse(as, client, callback, request.state);
  return oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, CALLBACK, verifier, insecure);
}

/** The OAuth error body of a token response, via oauth4webapi. */
async function oauthError(
  response: Response,
): Promise<{ status: number; error: string; description?: string }> {
  try {
    await oauth.processAuthorizationCodeResponse(as, client, response);
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError) {
      return { status: error.status, error: error.error, description: error.error_description };
    }
    throw error;
  }
  throw new Error("expected an error response");
}

async function signedInBrowser(
  username: string,
): Promise<{ browser: Browser; tokens: oauth.TokenEndpointResponse }> {
  const browser = new Browser(running.base);
  const request = await authorizeRequest();
  const callback = await signInThrough(browser, request.url, username);
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, await exchange(callback, request), {
    expectedNonce: request.nonce,
    requireIdToken: true,
  });
  return { browser, tokens };
}

describe("discovery", () => {
  it("serves the same document at both paths, with the issuer ending in /oauth/token", async () => {
    const bare = (await (await fetch(`${running.base}/.well-known/openid-configuration`)).json()) as unknown;
    const underIssuer = (await (
      await fetch(`${running.base}/oauth/token/.well-known/openid-configuration`)
    ).json()) as unknown;
    expect(bare).toEqual(underIssuer);
    expect(as.issuer).toBe(`${running.base}/oauth/token`);
    expect(as.jwks_uri).toBe(`${running.base}/token_keys`);
    expect(as.end_session_endpoint).toBe(`${running.base}/logout.do`);
    expect(as).not.toHaveProperty("revocation_endpoint");
    expect(as).not.toHaveProperty("introspection_endpoint");
  });
});

describe("authorization code flow", () => {
  it("signs in through the login form, exchanges the code, reads userinfo, and verifies with the published keys", async () => {
    const browser = new Browser(running.base);
    const request = await authorizeRequest();
    const callback = await signInThrough(browser, request.url, "olivia");
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
    expect(callback.searchParams.get("code")).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(callback.searchParams.get("state")).toBe(request.state);

    const response = await exchange(callback, request);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("pragma")).toBe("no-cache");
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, {
      expectedNonce: request.nonce,
      requireIdToken: true,
    });
    // olivia asked for admin too, but holds only the three ordinary groups.
    expect(tokens.scope).toBe("openid cloud_controller.read cloud_controller.write");
    expect(tokens.expires_in).toBe(43199);
    expect(tokens.refresh_token).toMatch(/^[0-9a-f]{32}-r$/);

    const idClaims = oauth.getValidatedIdTokenClaims(tokens);
    expect(idClaims).toMatchObject({
      sub: ids.users.olivia,
      aud: [DASHBOARD.id],
      nonce: request.nonce,
      amr: ["pwd"],
      email_verified: true,
      scope: ["openid"],
      grant_type: "authorization_code",
    });

    // What the CF API does with the token: verify against /token_keys, issuer and audience.
    const { payload, protectedHeader } = await jwtVerify(
      tokens.access_token,
      createRemoteJWKSet(endpoint(as.jwks_uri)),
      { issuer: as.issuer, audience: "cloud_controller" },
    );
    expect(protectedHeader).toEqual({
      jku: `${running.base}/token_keys`,
      kid: expect.stringMatching(/^sim-/) as unknown,
      typ: "JWT",
      alg: "RS256",
    });
    expect(payload).toMatchObject({
      sub: ids.users.olivia,
      user_id: ids.users.olivia,
      user_name: "olivia",
      email: "olivia@example.gov",
      origin: "uaa",
      zid: "uaa",
      client_id: DASHBOARD.id,
      cid: DASHBOARD.id,
      azp: DASHBOARD.id,
      grant_type: "authorization_code",
      scope: ["openid", "cloud_controller.read", "cloud_controller.write"],
      aud: [DASHBOARD.id, "openid", "cloud_controller"],
      nonce: request.nonce,
    });
    expect(payload.jti).toBe(tokens.jti);
    expect(payload.jti).toMatch(/^[0-9a-f]{32}$/);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(43199);
    expect(payload).not.toHaveProperty("client_auth_method");

    const userinfo = await oauth.processUserInfoResponse(
      as,
      client,
      ids.users.olivia,
      await oauth.userInfoRequest(as, client, tokens.access_token, insecure),
    );
    expect(userinfo).toMatchObject({
      user_name: "olivia",
      given_name: "Olivia",
      family_name: "Orgmanager",
      name: "Olivia Orgmanager",
      email: "olivia@example.gov",
      email_verified: true,
    });
  });

  it("rotates refresh tokens: each refresh returns a new one and the old one is then refused", async () => {
    const { tokens } = await signedInBrowser("sam");
    const first = tokens.refresh_token ?? "";
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, clientAuth, first, insecure),
    );
    expect(refreshed.refresh_token).toMatch(/^[0-9a-f]{32}-r$/);
    expect(refreshed.refresh_token).not.toBe(first);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.scope).toBe(tokens.scope);
    // A refreshed token keeps the original grant and authentication time, as in UAA.
    const before = decodePart(tokens.access_token, 1);
    const after = decodePart(refreshed.access_token, 1);
    expect(after.grant_type).toBe("authorization_code");
    expect(after.auth_time).toBe(before.auth_time);

    const stale = await oauth.refreshTokenGrantRequest(as, client, clientAuth, first, insecure);
    expect(stale.status).toBe(401);
    expect(stale.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token"/);
    await expect(oauth.processRefreshTokenResponse(as, client, stale.clone())).rejects.toBeInstanceOf(
      oauth.WWWAuthenticateChallengeError,
    );
    expect(await stale.json()).toEqual({
      error: "invalid_token",
      error_description: "The token expired, was revoked, or the token ID is incorrect.",
    });

    // The new one works (once).
    const again = await oauth.refreshTokenGrantRequest(
      as,
      client,
      clientAuth,
      refreshed.refresh_token ?? "",
      insecure,
    );
    expect(again.status).toBe(200);
  });

  it("gives admin cloud_controller.admin and ordinary users not", async () => {
    const { tokens: admin } = await signedInBrowser("admin");
    expect(admin.scope?.split(" ")).toContain("cloud_controller.admin");
    const { tokens: devon } = await signedInBrowser("devon");
    expect(devon.scope?.split(" ")).not.toContain("cloud_controller.admin");
  });

  it("refuses a second exchange of the same code", async () => {
    const browser = new Browser(running.base);
    const request = await authorizeRequest();
    const callback = await signInThrough(browser, request.url, "devon");
    expect((await exchange(callback, request)).status).toBe(200);
    expect(await oauthError(await exchange(callback, request))).toEqual({
      status: 400,
      error: "invalid_grant",
      description: `Invalid authorization code: ${callback.searchParams.get("code")}`,
    });
  });

  it("checks PKCE with UAA's error texts", async () => {
    const browser = new Browser(running.base);
    const wrong = oauth.generateRandomCodeVerifier();
    const request = await authorizeRequest();
    const callback = await signInThrough(browser, request.url, "devon");
    expect(await oauthError(await exchange(callback, request, wrong))).toEqual({
      status: 400,
      error: "invalid_grant",
      description: `Invalid code verifier: ${wrong}`,
    });

    // The browser is signed in now: authorize answers with a code straight away.
    const missing = await authorizeRequest();
    const missingCallback = new URL(location(await browser.get(missing.url.href)));
    expect(await oauthError(await exchange(missingCallback, missing, oauth.nopkce))).toEqual({
      status: 400,
      error: "invalid_grant",
      description: "PKCE error: Code verifier must be provided for this authorization code.",
    });

    const unasked = await authorizeRequest({ code_challenge: null, code_challenge_method: null });
    const unaskedCallback = new URL(location(await browser.get(unasked.url.href)));
    expect(await oauthError(await exchange(unaskedCallback, unasked))).toEqual({
      status: 400,
      error: "invalid_grant",
      description: "PKCE error: Code verifier not required for this authorization code.",
    });

    const plain = await authorizeRequest({}, "plain");
    const plainCallback = new URL(location(await browser.get(plain.url.href)));
    expect((await exchange(plainCallback, plain)).status).toBe(200);
  });

  it("requires the token request's redirect_uri to repeat the authorize request's", async () => {
    const browser = new Browser(running.base);
    const request = await authorizeRequest();
    const callback = await signInThrough(browser, request.url, "devon");
    const params = oauth.validateAuthResponse(as, client, callback, request.state);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      clientAuth,
      params,
      `${APP_ORIGIN}/`,
      request.verifier,
      insecure,
    );
    expect(await oauthError(response)).toEqual({
      status: 400,
      error: "invalid_grant",
      description: "Redirect URI mismatch.",
    });
  });

  it("reports a scope the client may not have to the redirect URI", async () => {
    const browser = new Browser(running.base);
    await signedInBrowserReuse(browser, "devon");
    const request = await authorizeRequest({ scope: "openid profile" });
    const callback = new URL(location(await browser.get(request.url.href)));
    expect(callback.searchParams.get("error")).toBe("invalid_scope");
    expect(callback.searchParams.get("error_description")).toBe(
      "profile is invalid. Please use a valid scope name in the request",
    );
    expect(callback.searchParams.get("state")).toBe(request.state);
    expect(callback.searchParams.has("code")).toBe(false);
  });
});

/** Signs an existing browser in (for tests that then work with the session). */
async function signedInBrowserReuse(browser: Browser, username: string): Promise<void> {
  const request = await authorizeRequest();
  const callback = await signInThrough(browser, request.url, username);
  expect(callback.searchParams.has("code")).toBe(true);
}

describe("authorize endpoint refusals", () => {
  it("shows an error page, never a redirect, for an unregistered redirect_uri or an unknown client", async () => {
    for (const browser of [new Browser(running.base), await signedIn("devon")]) {
      const refusals: Record<string, string>[] = [
        { redirect_uri: "https://evil.example/api/auth/callback/uaa" },
        { redirect_uri: `${APP_ORIGIN}/api/auth/callback/other` },
        { client_id: "no-such-client" },
      ];
      for (const overrides of refusals) {
        const response = await browser.get((await authorizeRequest(overrides)).url.href);
        expect(response.status).toBe(400);
        expect(response.headers.get("location")).toBeNull();
        expect(response.headers.get("content-type")).toMatch(/^text\/html/);
        expect(await response.text()).toMatch(/Invalid redirect|No client with requested id/);
      }
    }
  });

  it("answers prompt=none without a session with login_required at the redirect URI, and with a code with one", async () => {
    const browser = new Browser(running.base);
    const silent = await authorizeRequest({ prompt: "none" });
    const refused = new URL(location(await browser.get(silent.url.href)));
    expect(`${refused.origin}${refused.pathname}`).toBe(CALLBACK);
    expect(refused.searchParams.get("error")).toBe("login_required");
    expect(refused.searchParams.get("session_state")).toMatch(/^[0-9a-f]{64}\.[0-9a-f]{64}$/);
    expect(refused.searchParams.has("code")).toBe(false);

    await signedInBrowserReuse(browser, "devon");
    const again = await authorizeRequest({ prompt: "none" });
    const granted = new URL(location(await browser.get(again.url.href)));
    expect(granted.searchParams.get("code")).toMatch(/^[A-Za-z0-9]{32}$/);
  });
});

async function signedIn(username: string): Promise<Browser> {
  const browser = new Browser(running.base);
  await signedInBrowserReuse(browser, username);
  return browser;
}

describe("login form", () => {
  it("is a small accessible page with labelled fields, a CSRF field and no script", async () => {
    const response = await fetch(`${running.base}/login`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    const html = await response.text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).toMatch(/<main>[\s\S]*<h1>[^<]+<\/h1>[\s\S]*<\/main>/);
    expect(html).toMatch(/<label for="username">Username<\/label>\s*<input id="username" name="username"/);
    expect(html).toMatch(
      /<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/,
    );
    expect(html).toMatch(/<button type="submit">Sign in<\/button>/);
    expect(html).not.toMatch(/<script/i);
    const form = /name="X-Uaa-Csrf" value="([A-Za-z0-9]{22})"/.exec(html)?.[1];
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("X-Uaa-Csrf="));
    expect(cookie).toBe(`X-Uaa-Csrf=${form}; Path=/; Max-Age=86400; HttpOnly; SameSite=Lax`);
  });

  it("shows UAA's message in an alert after a wrong password, and creates no session", async () => {
    const browser = new Browser(running.base);
    const request = await authorizeRequest();
    expect(location(await browser.get(request.url.href))).toBe("/login");
    for (const [username, password] of [
      ["olivia", "wrong-password"],
      ["nobody", DEMO_PASSWORD],
    ] as const) {
      const failed = await submitLoginForm(browser, username, password);
      expect(location(failed)).toBe("/login?error=login_failure");
    }
    const html = await (await browser.get("/login?error=login_failure")).text();
    expect(html).toContain(
      '<div class="alert" role="alert">Provided credentials are invalid. Please try again.</div>',
    );
    expect(location(await browser.get(request.url.href))).toBe("/login");
  });

  it("refuses a submission whose CSRF value does not match the cookie", async () => {
    const browser = new Browser(running.base);
    await browser.get("/login");
    const response = await browser.post("/login.do", {
      username: "olivia",
      password: DEMO_PASSWORD,
      "X-Uaa-Csrf": "AAAAAAAAAAAAAAAAAAAAAA",
    });
    expect(location(response)).toBe("/login?error=invalid_login_request");
    expect(browser.cookies.has("JSESSIONID")).toBe(false);
  });

  it("sets an HttpOnly, SameSite=Lax session cookie and returns to UAA's home without a saved request", async () => {
    const browser = new Browser(running.base);
    const page = await browser.get("/login");
    const csrf = /value="([A-Za-z0-9]{22})"/.exec(await page.text())?.[1] ?? "";
    const response = await browser.post("/login.do", {
      username: "audrey",
      password: DEMO_PASSWORD,
      "X-Uaa-Csrf": csrf,
    });
    expect(location(response)).toBe("/");
    const session = response.headers.getSetCookie().find((c) => c.startsWith("JSESSIONID="));
    expect(session).toMatch(/^JSESSIONID=[0-9A-F]{32}; Path=\/; HttpOnly; SameSite=Lax$/);
    const home = await browser.get("/");
    expect(await home.text()).toContain("<strong>audrey</strong>");
  });

  it("answers /info and /login with Accept: application/json with the server info", async () => {
    const info = (await (await fetch(`${running.base}/info`)).json()) as Record<string, unknown>;
    const login = (await (
      await fetch(`${running.base}/login`, { headers: { Accept: "application/json" } })
    ).json()) as unknown;
    expect(login).toEqual(info);
    expect(info.prompts).toEqual({ username: ["text", "Username"], password: ["password", "Password"] });
  });
});

describe("logout", () => {
  it("redirects only to the client's registered URIs and ends the session", async () => {
    const browser = await signedIn("olivia");
    const session = browser.cookies.get("JSESSIONID");
    const out = await browser.get(
      `/logout.do?redirect=${encodeURIComponent(`${APP_ORIGIN}/`)}&client_id=${DASHBOARD.id}`,
    );
    expect(location(out)).toBe(`${APP_ORIGIN}/`);
    expect(out.headers.getSetCookie()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^JSESSIONID=; Path=\/; Max-Age=0/)]) as unknown,
    );
    expect(browser.cookies.has("JSESSIONID")).toBe(false);
    // Even with the old cookie replayed, the session is gone server-side.
    const replay = new Browser(running.base);
    replay.cookies.set("JSESSIONID", session ?? "");
    expect(location(await replay.get((await authorizeRequest()).url.href))).toBe("/login");
    expect(location(await browser.get((await authorizeRequest()).url.href))).toBe("/login");
  });

  it("sends anything unregistered to the login page", async () => {
    const browser = await signedIn("olivia");
    for (const query of [
      `redirect=${encodeURIComponent("https://evil.example/")}&client_id=${DASHBOARD.id}`,
      `redirect=${encodeURIComponent(`${APP_ORIGIN}/`)}`,
      `redirect=${encodeURIComponent("//evil.example/")}&client_id=${DASHBOARD.id}`,
      `post_logout_redirect_uri=${encodeURIComponent(`${APP_ORIGIN}/`)}&client_id=cf`,
      "",
    ]) {
      expect(location(await browser.get(`/logout.do?${query}`))).toBe("/login");
    }
  });

  it("accepts post_logout_redirect_uri with an id_token_hint naming the client", async () => {
    const { browser, tokens } = await signedInBrowser("olivia");
    const target = `${APP_ORIGIN}/`;
    const out = await browser.get(
      `/logout.do?post_logout_redirect_uri=${encodeURIComponent(target)}&id_token_hint=${tokens.id_token ?? ""}`,
    );
    expect(location(out)).toBe(target);
  });
});

describe("faults", () => {
  it("revokeRefreshTokens invalidates every refresh token the user holds, by username or guid", async () => {
    const first = (await (await cfPasswordGrant(running.base, "bruno")).json()) as { refresh_token: string };
    const { tokens: browserTokens } = await signedInBrowser("bruno");
    running.uaa.revokeRefreshTokens("bruno");
    const refused = await tokenRequest(
      running.base,
      { grant_type: "refresh_token", refresh_token: first.refresh_token },
      "cf",
      "",
    );
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({
      error: "invalid_token",
      error_description: "revocable signature mismatch",
    });
    const refusedBrowser = await oauth.refreshTokenGrantRequest(
      as,
      client,
      clientAuth,
      browserTokens.refresh_token ?? "",
      insecure,
    );
    expect(refusedBrowser.status).toBe(401);

    // Tokens issued afterwards work, until the next revocation (by guid this time).
    const fresh = (await (await cfPasswordGrant(running.base, "bruno")).json()) as { refresh_token: string };
    const ok = await tokenRequest(
      running.base,
      { grant_type: "refresh_token", refresh_token: fresh.refresh_token },
      "cf",
      "",
    );
    expect(ok.status).toBe(200);
    const rotated = (await ok.json()) as { refresh_token: string };
    running.uaa.revokeRefreshTokens(ids.users.bruno);
    const after = await tokenRequest(
      running.base,
      { grant_type: "refresh_token", refresh_token: rotated.refresh_token },
      "cf",
      "",
    );
    expect(after.status).toBe(401);
    expect(() => running.uaa.revokeRefreshTokens("no-such-user")).toThrow(/Unknown UAA user/);
  });

  it("setAccessTokenLifetime shortens new tokens until resetFaults, and expired tokens are refused", async () => {
    running.uaa.setAccessTokenLifetime(60);
    const short = (await (await cfPasswordGrant(running.base, "sasha")).json()) as {
      access_token: string;
      expires_in: number;
    };
    expect(short.expires_in).toBe(60);
    const claims = decodePart(short.access_token, 1);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(60);

    const userinfo = () =>
      fetch(`${running.base}/userinfo`, { headers: { Authorization: `Bearer ${short.access_token}` } });
    expect((await userinfo()).status).toBe(200);
    running.advanceClock(61);
    const expired = await userinfo();
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toMatch(
      /^Bearer realm="UAA\/oauth", error="invalid_token"/,
    );
    expect(await expired.json()).toEqual({
      error: "invalid_token",
      error_description: expect.stringMatching(
        /^Invalid access token: expired at \w{3} \w{3} \d{2} [\d:]{8} UTC \d{4}$/,
      ) as unknown,
    });

    running.uaa.resetFaults();
    const normal = (await (await cfPasswordGrant(running.base, "sasha")).json()) as { expires_in: number };
    expect(normal.expires_in).toBe(43199);
    expect(() => running.uaa.setAccessTokenLifetime(-1)).toThrow(RangeError);
  });
});

describe("password grant (cf CLI)", () => {
  it("issues tokens to Basic cf: with client_auth_method none, and refreshes them with rotation", async () => {
    const response = await cfPasswordGrant(running.base, "admin");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body)).toEqual([
      "access_token",
      "token_type",
      "id_token",
      "refresh_token",
      "expires_in",
      "scope",
      "jti",
    ]);
    expect(body.token_type).toBe("bearer");
    expect(body.scope?.split(" ")).toContain("cloud_controller.admin");
    const claims = decodePart(body.access_token ?? "", 1);
    expect(claims).toMatchObject({
      client_id: "cf",
      grant_type: "password",
      client_auth_method: "none",
      user_name: "admin",
    });
    expect(claims.aud).toEqual(["cf", "openid", "cloud_controller"]);
    expect(decodePart(body.id_token ?? "", 1)).toMatchObject({
      aud: ["cf"],
      amr: ["pwd"],
      grant_type: "password",
    });

    const refreshed = await tokenRequest(
      running.base,
      { grant_type: "refresh_token", refresh_token: body.refresh_token ?? "" },
      "cf",
      "",
    );
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as Record<string, string>;
    expect(next.refresh_token).not.toBe(body.refresh_token);
    expect(decodePart(next.access_token ?? "", 1)).toMatchObject({
      grant_type: "password",
      client_auth_method: "none",
    });
  });

  it("narrows to the requested scopes and refuses scopes outside the client or the user", async () => {
    const narrow = (await (
      await cfPasswordGrant(running.base, "olivia", { scope: "cloud_controller.read" })
    ).json()) as Record<string, string>;
    expect(narrow.scope).toBe("cloud_controller.read");
    expect(narrow).not.toHaveProperty("id_token");

    const outside = await cfPasswordGrant(running.base, "olivia", { scope: "openid uaa.admin" });
    expect(outside.status).toBe(400);
    expect(await outside.json()).toEqual({
      error: "invalid_scope",
      error_description: "uaa.admin is invalid. Please use a valid scope name in the request",
    });

    const notHers = await cfPasswordGrant(running.base, "olivia", { scope: "cloud_controller.admin" });
    expect(notHers.status).toBe(400);
    expect(await notHers.json()).toEqual({
      error: "invalid_scope",
      error_description:
        "[cloud_controller.admin] is invalid. This user is not allowed any of the requested scopes",
    });
  });

  it("answers a wrong password with 401 invalid_client Bad credentials", async () => {
    const response = await tokenRequest(
      running.base,
      { grant_type: "password", username: "olivia", password: "nope" },
      "cf",
      "",
    );
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/error="invalid_client"/);
    expect(await response.json()).toEqual({ error: "invalid_client", error_description: "Bad credentials" });
  });
});

describe("client authentication and grants", () => {
  it("refuses wrong or missing client credentials", async () => {
    const wrong = await tokenRequest(
      running.base,
      { grant_type: "refresh_token", refresh_token: "x" },
      DASHBOARD.id,
      "wrong",
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toBe(
      'Basic realm="UAA/client", error="invalid_client", error_description="Bad credentials"',
    );
    expect(await wrong.json()).toEqual({ error: "invalid_client", error_description: "Bad credentials" });

    const none = await fetch(`${running.base}/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: string }).error).toBe("unauthorized");
  });

  it("refuses a grant type the client does not have", async () => {
    for (const [form, id, secret] of [
      [
        { grant_type: "password", username: "olivia", password: DEMO_PASSWORD },
        DASHBOARD.id,
        DASHBOARD.secret,
      ],
      [{ grant_type: "client_credentials" }, "cf", ""],
      [{ grant_type: "authorization_code", code: "x" }, "cf", ""],
    ] as const) {
      const response = await tokenRequest(running.base, form, id, secret);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: "invalid_client",
        error_description: "Unauthorized grant type",
      });
    }
  });

  it("accepts client credentials in the body (client_secret_post)", async () => {
    const response = await fetch(`${running.base}/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: RESOURCE_SERVER.id,
        client_secret: RESOURCE_SERVER.secret,
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body)).toEqual(["access_token", "token_type", "expires_in", "scope", "jti"]);
    expect(decodePart(body.access_token ?? "", 1)).toMatchObject({
      sub: RESOURCE_SERVER.id,
      authorities: RESOURCE_SERVER.authorities,
      scope: RESOURCE_SERVER.authorities,
      grant_type: "client_credentials",
    });
  });

  it("answers malformed requests with 400, unknown routes with 404, wrong methods with 405", async () => {
    const json = await fetch(`${running.base}/oauth/token`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Authorization: `Basic ${Buffer.from("cf:").toString("base64")}`,
      },
      body: JSON.stringify({ grant_type: "password" }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe("invalid_request");
    const missing = await tokenRequest(running.base, {}, "cf", "");
    expect(await missing.json()).toEqual({
      error: "invalid_request",
      error_description: "Missing grant type",
    });
    const unknownGrant = await tokenRequest(running.base, { grant_type: "implicit" }, "cf", "");
    expect(unknownGrant.status).toBe(400);
    expect(((await unknownGrant.json()) as { error: string }).error).toBe("unsupported_grant_type");
    expect((await fetch(`${running.base}/nowhere`)).status).toBe(404);
    expect((await fetch(`${running.base}/oauth/token`)).status).toBe(405);
  });
});

describe("resource endpoints", () => {
  it("/userinfo needs the openid scope and a valid token", async () => {
    const withoutOpenid = (await (
      await cfPasswordGrant(running.base, "devon", { scope: "cloud_controller.read" })
    ).json()) as {
      access_token: string;
    };
    const forbidden = await fetch(`${running.base}/userinfo`, {
      headers: { Authorization: `Bearer ${withoutOpenid.access_token}` },
    });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: string }).error).toBe("insufficient_scope");

    const anonymous = await fetch(`${running.base}/userinfo`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer realm="UAA\/oauth"/);

    const garbage = await fetch(`${running.base}/userinfo`, {
      headers: { Authorization: "Bearer not-a-token" },
    });
    expect(garbage.status).toBe(401);
    expect(((await garbage.json()) as { error: string }).error).toBe("invalid_token");

    // Signed by another UAA (another key): refused.
    const other = await startUaa();
    try {
      const foreign = (await (await cfPasswordGrant(other.base, "devon")).json()) as { access_token: string };
      const refused = await fetch(`${running.base}/userinfo`, {
        headers: { Authorization: `Bearer ${foreign.access_token}` },
      });
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error_description: string }).error_description).toMatch(
        /unknown signing key/,
      );
    } finally {
      await other.close();
    }
  });

  it("/introspect tells a resource server whether a token is active", async () => {
    const basic = `Basic ${Buffer.from(`${RESOURCE_SERVER.id}:${RESOURCE_SERVER.secret}`).toString("base64")}`;
    const introspect = (token: string, authorization = basic) =>
      fetch(`${running.base}/introspect`, {
        method: "POST",
        headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token }),
      });
    const user = (await (await cfPasswordGrant(running.base, "devon")).json()) as { access_token: string };
    const active = await introspect(user.access_token);
    expect(active.status).toBe(200);
    expect(await active.json()).toMatchObject({ active: true, user_name: "devon", client_id: "cf" });
    expect(await (await introspect("garbage")).json()).toEqual({ active: false });

    const serviceToken = (await (
      await tokenRequest(
        running.base,
        { grant_type: "client_credentials" },
        RESOURCE_SERVER.id,
        RESOURCE_SERVER.secret,
      )
    ).json()) as { access_token: string };
    expect((await introspect(user.access_token, `Bearer ${serviceToken.access_token}`)).status).toBe(200);
    // A client without uaa.resource may not, nor may nobody.
    expect(
      (await introspect(user.access_token, `Basic ${Buffer.from("cf:").toString("base64")}`)).status,
    ).toBe(403);
    expect((await introspect(user.access_token, "")).status).toBe(401);

    running.advanceClock(43200);
    expect(await (await introspect(user.access_token)).json()).toEqual({ active: false });
  });

  it("/token_keys carries an ETag and answers 304 to it; /token_key is the same key", async () => {
    const keys = await fetch(`${running.base}/token_keys`);
    const etag = keys.headers.get("etag") ?? "";
    expect(etag).toMatch(/^\d+$/);
    const { keys: list } = (await keys.json()) as { keys: Record<string, string>[] };
    expect(list).toHaveLength(1);
    expect(list[0]?.value).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----$/);
    expect((await fetch(`${running.base}/token_keys`, { headers: { "If-None-Match": etag } })).status).toBe(
      304,
    );
    expect(await (await fetch(`${running.base}/token_key`)).json()).toEqual(list[0]);
  });
});
