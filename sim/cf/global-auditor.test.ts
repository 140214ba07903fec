import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ids } from "../seed";
import { startTestSim, type TestSim } from "../testing/harness";
import { WATCHER_CLIENT_ID, WATCHER_CLIENT_SECRET } from "../uaa";

/**
 * The watcher's credential (docs/design.md §12): the seeded `egress-watcher`
 * client gets a client_credentials token carrying the global auditor's
 * authority (docs/cf-behaviour.md §4.4, §1.1), with which the CF API shows
 * every org, space, security group (with all its bindings) and role, and
 * refuses every write with CC's 403 (CF-NotAuthorized, 10003): the scope gate
 * wants `cloud_controller.write` or the admin scope for anything but a read.
 */

const { spaces: s, securityGroups: g, orgs: o, isolationSegments: iso } = ids;

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.reset();
});

async function tokenRequest(form: Record<string, string>, id: string, secret: string) {
  const response = await fetch(`${t.sim.uaaUrl}/oauth/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
    },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function watcherToken(): Promise<string> {
  const { status, body } = await tokenRequest(
    { grant_type: "client_credentials" },
    WATCHER_CLIENT_ID,
    WATCHER_CLIENT_SECRET,
  );
  expect(status).toBe(200);
  return body.access_token as string;
}

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString()) as Record<string, unknown>;

describe("the watcher's UAA client", () => {
  it("gets a client_credentials token with the global auditor's authority and no refresh token", async () => {
    const { status, body } = await tokenRequest(
      { grant_type: "client_credentials" },
      WATCHER_CLIENT_ID,
      WATCHER_CLIENT_SECRET,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: "bearer", scope: "cloud_controller.global_auditor" });
    expect(body.refresh_token).toBeUndefined();
    expect(body.id_token).toBeUndefined();
    const claims = claimsOf(body.access_token as string);
    expect(claims).toMatchObject({
      sub: WATCHER_CLIENT_ID,
      client_id: WATCHER_CLIENT_ID,
      grant_type: "client_credentials",
      scope: ["cloud_controller.global_auditor"],
      authorities: ["cloud_controller.global_auditor"],
      aud: [WATCHER_CLIENT_ID, "cloud_controller"],
    });
    expect(claims.user_id).toBeUndefined();
  });

  it("is refused with a wrong secret, and for any grant but client_credentials", async () => {
    const wrong = await tokenRequest({ grant_type: "client_credentials" }, WATCHER_CLIENT_ID, "wrong");
    expect(wrong).toEqual({
      status: 401,
      body: { error: "invalid_client", error_description: "Bad credentials" },
    });
    const password = await tokenRequest(
      { grant_type: "password", username: "admin", password: "demo-password" },
      WATCHER_CLIENT_ID,
      WATCHER_CLIENT_SECRET,
    );
    expect(password).toEqual({
      status: 401,
      body: { error: "invalid_client", error_description: "Unauthorized grant type" },
    });
  });
});

type Listed = { resources: { guid: string; relationships?: Record<string, { data: { guid: string }[] }> }[] };
const guids = (body: unknown) => (body as Listed).resources.map((r) => r.guid).sort();

describe("a global auditor's token at the CF API", () => {
  it("reads every org, space, security group with all its bindings, and role", async () => {
    const token = await watcherToken();
    const world = t.sim.world();
    const [orgs, spaces, groups, roles] = await Promise.all(
      ["/v3/organizations", "/v3/spaces", "/v3/security_groups", "/v3/roles"].map((path) =>
        t.call("GET", `${path}?per_page=5000`, { token }),
      ),
    );
    expect(orgs?.status).toBe(200);
    expect(guids(orgs?.body)).toEqual([...world.orgs.keys()].sort());
    expect(guids(spaces?.body)).toEqual([...world.spaces.keys()].sort());
    expect(guids(groups?.body)).toEqual([...world.securityGroups.keys()].sort());
    expect(guids(roles?.body)).toEqual([...world.roles.keys()].sort());
    // Bindings are not filtered: trusted-local is bound to staging, prod and agency-beta/prod.
    const trusted = (groups?.body as Listed).resources.find((r) => r.guid === g.trustedLocal);
    expect(trusted?.relationships?.running_spaces?.data.map((d) => d.guid).sort()).toEqual(
      [s.alphaStaging, s.alphaProd, s.betaProd].sort(),
    );
    // A suspended org's spaces too, and one resource at a time.
    expect((await t.call("GET", `/v3/spaces/${s.gammaLegacy}`, { token })).status).toBe(200);
    expect((await t.call("GET", `/v3/organizations/${o.gamma}`, { token })).status).toBe(200);
  });

  const writes: [string, string, unknown][] = [
    [
      "POST",
      `/v3/security_groups/${g.public}/relationships/running_spaces`,
      { data: [{ guid: s.alphaDev }] },
    ],
    ["DELETE", `/v3/security_groups/${g.public}/relationships/running_spaces/${s.alphaSandbox}`, undefined],
    [
      "POST",
      `/v3/security_groups/${g.trustedLocal}/relationships/staging_spaces`,
      { data: [{ guid: s.alphaDev }] },
    ],
    ["POST", "/v3/security_groups", { name: "watcher-made", rules: [] }],
    ["PATCH", `/v3/security_groups/${g.public}`, { globally_enabled: { running: true } }],
    ["DELETE", `/v3/security_groups/${g.public}`, undefined],
    [
      "PATCH",
      `/v3/spaces/${s.alphaDev}/relationships/isolation_segment`,
      { data: { guid: iso.alphaDedicated } },
    ],
  ];
  it.each(writes)("refuses %s %s with CF-NotAuthorized and changes nothing", async (method, path, body) => {
    const token = await watcherToken();
    const before = JSON.stringify([...t.sim.world().securityGroups.values()]);
    const res = await t.call(method, path, { token, body });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      errors: [
        {
          detail: "You are not authorized to perform the requested action",
          title: "CF-NotAuthorized",
          code: 10003,
        },
      ],
    });
    expect(JSON.stringify([...t.sim.world().securityGroups.values()])).toBe(before);
  });
});
