/**
 * Conformance: every UAA fixture in sim/fixtures/uaa that the stand-in has a counterpart for is
 * held against the stand-in's response for the same request: same keys, nesting, value kinds and
 * null-versus-absent (values differ). Fixtures without a counterpart are listed with the reason, and a
 * new fixture fails the inventory test until it is placed in one list or the other.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shapeDifferences } from "../testing/shape";
import {
  Browser,
  CALLBACK,
  DASHBOARD,
  RESOURCE_SERVER,
  cfPasswordGrant,
  decodePart,
  signInThrough,
  startUaa,
  tokenRequest,
  type RunningUaa,
} from "./test-support";
import { WATCHER_CLIENT_ID, WATCHER_CLIENT_SECRET } from "./clients";

const FIXTURES = new URL("../fixtures/uaa/", import.meta.url);

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8"));
}

/** Fixtures the stand-in cannot produce, and why. */
const WITHOUT_COUNTERPART: Record<string, string> = {
  "uaa_token_response_jwt_saml2_bearer.json": "the SAML2 bearer grant is not implemented",
  "uaa_token_key_symmetric.json": "the zone key is RSA; there is no HMAC key to publish",
  "uaa_id_token_claims.json":
    "an implicit-grant ID token from a MockMvc test whose mocked authentication had no methods, hence no amr; " +
    "every login here is a password, so ID tokens carry amr [pwd] as in uaa_id_token_claims_password_grant.json",
};

type TokenBody = Record<string, unknown> & {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
};

let running: RunningUaa;
let codeFlow: TokenBody;
let refreshed: TokenBody;
let password: TokenBody;
let clientCredentials: TokenBody;

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

async function json(response: Response | Promise<Response>): Promise<Record<string, unknown>> {
  return (await (await response).json()) as Record<string, unknown>;
}

beforeAll(async () => {
  running = await startUaa();
  // Each user signs in once here, so no ID token carries previous_logon_time (absent from the fixtures).
  const browser = new Browser(running.base);
  const authorize = new URL(`${running.base}/oauth/authorize`);
  authorize.search = new URLSearchParams({
    client_id: DASHBOARD.id,
    response_type: "code",
    redirect_uri: CALLBACK,
    scope: "openid cloud_controller.read cloud_controller.write",
    state: "conformance",
  }).toString();
  const callback = await signInThrough(browser, authorize, "olivia");
  const code = callback.searchParams.get("code") ?? "";
  codeFlow = (await json(
    tokenRequest(
      running.base,
      { grant_type: "authorization_code", code, redirect_uri: CALLBACK },
      DASHBOARD.id,
      DASHBOARD.secret,
    ),
  )) as TokenBody;
  refreshed = (await json(
    tokenRequest(
      running.base,
      { grant_type: "refresh_token", refresh_token: codeFlow.refresh_token ?? "" },
      DASHBOARD.id,
      DASHBOARD.secret,
    ),
  )) as TokenBody;
  password = (await json(cfPasswordGrant(running.base, "sam"))) as TokenBody;
  clientCredentials = (await json(
    tokenRequest(
      running.base,
      { grant_type: "client_credentials" },
      RESOURCE_SERVER.id,
      RESOURCE_SERVER.secret,
    ),
  )) as TokenBody;
});
afterAll(() => running.close());

function expectShape(actual: unknown, fixtureName: string, optionalKeys: string[] = []): void {
  expect(shapeDifferences(actual, fixture(fixtureName), { optionalKeys })).toEqual([]);
}

function postForm(path: string, form: Record<string, string>, authorization: string): Promise<Response> {
  return fetch(`${running.base}${path}`, {
    method: "POST",
    headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
}

describe("UAA fixtures", () => {
  it("are each either checked below or listed as without counterpart", () => {
    const checked = [
      "uaa_openid_configuration.json",
      "uaa_token_response.json",
      "uaa_token_response_refresh_token.json",
      "uaa_token_response_password.json",
      "uaa_token_response_client_credentials.json",
      "uaa_jwt_header.json",
      "uaa_access_token_claims.json",
      "uaa_access_token_claims_cf_client.json",
      "uaa_id_token_claims_password_grant.json",
      "uaa_client_credentials_token_claims.json",
      "uaa_token_keys.json",
      "uaa_token_key.json",
      "uaa_userinfo.json",
      "uaa_info.json",
      "uaa_introspect.json",
      "uaa_check_token.json",
      "uaa_error_bad_credentials.json",
      "uaa_error_invalid_grant_code.json",
      "uaa_error_invalid_scope.json",
      "uaa_error_invalid_token.json",
    ];
    const present = readdirSync(fileURLToPath(FIXTURES)).filter((name) => name.endsWith(".json"));
    expect([...checked, ...Object.keys(WITHOUT_COUNTERPART)].sort()).toEqual(present.sort());
  });

  it("openid configuration, at both discovery paths", async () => {
    for (const path of [
      "/.well-known/openid-configuration",
      "/oauth/token/.well-known/openid-configuration",
    ]) {
      expectShape(await json(fetch(`${running.base}${path}`)), "uaa_openid_configuration.json");
    }
  });

  it("token responses of each grant", () => {
    expectShape(codeFlow, "uaa_token_response.json");
    expectShape(refreshed, "uaa_token_response_refresh_token.json");
    expectShape(password, "uaa_token_response_password.json");
    expectShape(clientCredentials, "uaa_token_response_client_credentials.json");
  });

  it("JOSE header of every token", () => {
    for (const jwt of [
      codeFlow.access_token,
      codeFlow.id_token ?? "",
      password.access_token,
      clientCredentials.access_token,
    ]) {
      expectShape(decodePart(jwt, 0), "uaa_jwt_header.json");
    }
  });

  it("access-token claims: a confidential client's, and the public cf client's", () => {
    expectShape(decodePart(codeFlow.access_token, 1), "uaa_access_token_claims.json");
    expectShape(decodePart(refreshed.access_token, 1), "uaa_access_token_claims.json");
    expectShape(decodePart(password.access_token, 1), "uaa_access_token_claims_cf_client.json");
  });

  it("ID-token claims (every login is a password login, so all carry amr)", () => {
    for (const body of [codeFlow, refreshed, password]) {
      expectShape(decodePart(body.id_token ?? "", 1), "uaa_id_token_claims_password_grant.json");
    }
  });

  it("client-credentials token claims", () => {
    expectShape(decodePart(clientCredentials.access_token, 1), "uaa_client_credentials_token_claims.json");
  });

  it("the seeded watcher client's token (design §12), in the same shapes", async () => {
    const watcher = (await json(
      tokenRequest(
        running.base,
        { grant_type: "client_credentials" },
        WATCHER_CLIENT_ID,
        WATCHER_CLIENT_SECRET,
      ),
    )) as TokenBody;
    expectShape(watcher, "uaa_token_response_client_credentials.json");
    expectShape(decodePart(watcher.access_token, 0), "uaa_jwt_header.json");
    expectShape(decodePart(watcher.access_token, 1), "uaa_client_credentials_token_claims.json");
  });

  it("token keys", async () => {
    expectShape(await json(fetch(`${running.base}/token_keys`)), "uaa_token_keys.json");
    expectShape(await json(fetch(`${running.base}/token_key`)), "uaa_token_key.json");
  });

  it("userinfo", async () => {
    const body = await json(
      fetch(`${running.base}/userinfo`, { headers: { Authorization: `Bearer ${codeFlow.access_token}` } }),
    );
    // UserInfoResponse is @JsonInclude(NON_NULL): phone_number appears only for users who have one,
    // and the seeded users have none.
    expectShape(body, "uaa_userinfo.json", ["phone_number"]);
  });

  it("server info, at /info and at /login as JSON", async () => {
    expectShape(await json(fetch(`${running.base}/info`)), "uaa_info.json");
    expectShape(
      await json(fetch(`${running.base}/login`, { headers: { Accept: "application/json" } })),
      "uaa_info.json",
    );
  });

  it("introspect and check_token", async () => {
    const auth = basic(RESOURCE_SERVER.id, RESOURCE_SERVER.secret);
    const token = refreshed.access_token;
    // `revocable: true` is written only for revocable tokens (opaque ones, or with jwt.revocable);
    // the docs requested opaque tokens, the stand-in issues JWTs, which are not.
    expectShape(await json(postForm("/introspect", { token }, auth)), "uaa_introspect.json", ["revocable"]);
    expectShape(await json(postForm("/check_token", { token }, auth)), "uaa_check_token.json", ["revocable"]);
  });

  it("error bodies", async () => {
    expectShape(
      await json(
        tokenRequest(running.base, { grant_type: "password", username: "sam", password: "x" }, "cf", ""),
      ),
      "uaa_error_bad_credentials.json",
    );
    expectShape(
      await json(
        tokenRequest(running.base, { grant_type: "client_credentials" }, RESOURCE_SERVER.id, "wrong"),
      ),
      "uaa_error_bad_credentials.json",
    );
    expectShape(
      await json(
        tokenRequest(
          running.base,
          { grant_type: "authorization_code", code: "Fs3hUZ7hsU", redirect_uri: CALLBACK },
          DASHBOARD.id,
          DASHBOARD.secret,
        ),
      ),
      "uaa_error_invalid_grant_code.json",
    );
    const auth = basic(RESOURCE_SERVER.id, RESOURCE_SERVER.secret);
    // The fixture is check_token's; the token endpoint's invalid_scope has the same shape.
    const missingScope = await postForm(
      "/check_token",
      { token: password.access_token, scopes: "disallowed_scope" },
      auth,
    );
    expect(missingScope.status).toBe(400);
    const missingScopeBody = await json(missingScope);
    expect(missingScopeBody.error_description).toBe("Some requested scopes are missing: disallowed_scope");
    expectShape(missingScopeBody, "uaa_error_invalid_scope.json");
    expectShape(
      await json(cfPasswordGrant(running.base, "sam", { scope: "uaa.admin" })),
      "uaa_error_invalid_scope.json",
    );
  });

  it("invalid_token errors: the legacy docs' example lacks error_description, which UAA always sends", async () => {
    // uaa_error_invalid_token.json is the abbreviated example of the legacy docs (UAA-APIs.rst). Current UAA
    // (CheckTokenEndpoint.handleException → exceptionTranslator; the token endpoint; resource endpoints)
    // always writes the exception's message as error_description. Everything the fixture has must match,
    // and error_description must be the only addition.
    const bodies = [
      await json(
        postForm("/check_token", { token: "garbage" }, basic(RESOURCE_SERVER.id, RESOURCE_SERVER.secret)),
      ),
      await json(
        tokenRequest(running.base, { grant_type: "refresh_token", refresh_token: "nope-r" }, "cf", ""),
      ),
      await json(fetch(`${running.base}/userinfo`, { headers: { Authorization: "Bearer garbage" } })),
    ];
    for (const body of bodies) {
      expect(shapeDifferences(body, fixture("uaa_error_invalid_token.json"))).toEqual([
        "error_description: unexpected key",
      ]);
    }
  });
});
