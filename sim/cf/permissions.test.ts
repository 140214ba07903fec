import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ids } from "../seed";
import { startTestSim, type TestSim } from "../testing/harness";

/**
 * Every seeded user × list, get, bind, unbind and create, against what CF
 * answers (docs/cf-behaviour.md §2.3 and §7). The
 * expectations are worked out from the seeded roles and bindings of
 * docs/design.md §3, not read back from the stand-in.
 */

const { spaces: s, securityGroups: g, orgs: o } = ids;
const USERS = ["admin", "olivia", "sam", "devon", "audrey", "bruno", "sasha"] as const;
type UserName = (typeof USERS)[number];

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

type Resource = { guid: string; name: string };
type Group = Resource & {
  relationships: {
    running_spaces: { data: { guid: string }[] };
    staging_spaces: { data: { guid: string }[] };
  };
};
const names = (body: unknown) => (body as { resources: Resource[] }).resources.map((r) => r.name).sort();

describe("listing", () => {
  const visibleGroups: Record<UserName, string[]> = {
    admin: ["dns", "public_networks_egress", "trusted_local_networks_egress"],
    olivia: ["dns", "public_networks_egress", "trusted_local_networks_egress"],
    sam: ["dns", "public_networks_egress", "trusted_local_networks_egress"],
    devon: ["dns", "public_networks_egress", "trusted_local_networks_egress"],
    audrey: ["dns", "public_networks_egress", "trusted_local_networks_egress"],
    bruno: ["dns", "public_networks_egress", "trusted_local_networks_egress"],
    // trusted-local is bound to no space she can read, and it is not global.
    sasha: ["dns", "public_networks_egress"],
  };
  it.each(USERS)("GET /v3/security_groups as %s", async (user) => {
    const res = await t.call("GET", "/v3/security_groups", { user });
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(visibleGroups[user]);
  });

  // Bound spaces are filtered to the spaces each caller can read.
  const trustedRunning: Record<Exclude<UserName, "sasha">, string[]> = {
    admin: [s.alphaStaging, s.alphaProd, s.betaProd],
    olivia: [s.alphaStaging, s.alphaProd],
    sam: [s.alphaProd],
    devon: [s.alphaProd],
    audrey: [s.alphaProd],
    bruno: [s.betaProd],
  };
  it.each(Object.entries(trustedRunning))("trusted-local's running spaces as %s", async (user, expected) => {
    const res = await t.call("GET", `/v3/security_groups/${g.trustedLocal}`, { user });
    expect(res.status).toBe(200);
    const group = res.body as Group;
    expect(group.relationships.running_spaces.data.map((d) => d.guid).sort()).toEqual([...expected].sort());
    expect(group.relationships.staging_spaces.data).toEqual([]);
  });

  const visibleSpaces: Record<UserName, string[]> = {
    admin: Object.values(s),
    olivia: [s.alphaDev, s.alphaStaging, s.alphaProd, s.alphaSandbox],
    sam: [s.alphaDev, s.alphaProd],
    devon: [s.alphaDev, s.alphaProd],
    audrey: [s.alphaProd],
    bruno: [s.betaDev, s.betaProd],
    sasha: [s.alphaSandbox, s.gammaLegacy],
  };
  it.each(USERS)("GET /v3/spaces as %s", async (user) => {
    const res = await t.call("GET", "/v3/spaces?per_page=5000", { user });
    expect(res.status).toBe(200);
    const guids = (res.body as { resources: Resource[] }).resources.map((r) => r.guid).sort();
    expect(guids).toEqual([...visibleSpaces[user]].sort());
  });

  const visibleOrgs: Record<UserName, string[]> = {
    admin: ["agency-alpha", "agency-beta", "agency-gamma"],
    olivia: ["agency-alpha"],
    sam: ["agency-alpha"],
    devon: ["agency-alpha"],
    audrey: ["agency-alpha"],
    bruno: ["agency-beta"],
    sasha: ["agency-alpha", "agency-gamma"],
  };
  it.each(USERS)("GET /v3/organizations as %s", async (user) => {
    const res = await t.call("GET", "/v3/organizations", { user });
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(visibleOrgs[user]);
  });
});

describe("getting one resource", () => {
  const cases: [UserName, string, number][] = [
    ["sasha", `/v3/security_groups/${g.trustedLocal}`, 404],
    ["sasha", `/v3/security_groups/${g.public}`, 200],
    ["bruno", `/v3/organizations/${o.alpha}`, 404],
    ["bruno", `/v3/spaces/${s.alphaDev}`, 404],
    ["audrey", `/v3/organizations/${o.alpha}`, 200],
    ["audrey", `/v3/spaces/${s.alphaDev}`, 404],
    ["audrey", `/v3/spaces/${s.alphaProd}`, 200],
    // Org auditors get 404 on the space-scoped lists; space roles and org managers get 200.
    ["audrey", `/v3/spaces/${s.alphaDev}/running_security_groups`, 404],
    ["audrey", `/v3/spaces/${s.alphaProd}/running_security_groups`, 200],
    ["sam", `/v3/spaces/${s.alphaDev}/staging_security_groups`, 200],
    ["olivia", `/v3/spaces/${s.alphaSandbox}/running_security_groups`, 200],
    ["devon", `/v3/spaces/${s.alphaStaging}/running_security_groups`, 404],
    ["admin", `/v3/security_groups/00000000-0000-4000-8000-000000000000`, 404],
  ];
  it.each(cases)("%s GET %s → %i", async (user, path, status) => {
    expect((await t.call("GET", path, { user })).status).toBe(status);
  });
});

type Expect = { status: number; title?: string };
const NA: Expect = { status: 403, title: "CF-NotAuthorized" };
const OS: Expect = { status: 403, title: "CF-OrgSuspended" };
const NF: Expect = { status: 404, title: "CF-ResourceNotFound" };

async function expectCall(user: UserName, method: string, path: string, expected: Expect, body?: unknown) {
  const res = await t.call(method, path, { user, body });
  expect(res.status, `${user} ${method} ${path}: ${res.text}`).toBe(expected.status);
  if (expected.title) {
    expect((res.body as { errors: { title: string }[] }).errors[0]?.title).toBe(expected.title);
  }
}

describe("binding", () => {
  const bindPublicToDev: Record<UserName, Expect> = {
    admin: { status: 200 },
    olivia: { status: 200 },
    sam: { status: 200 },
    devon: NA,
    audrey: NA,
    bruno: NA, // sees the (staging-global) group, manages nothing in agency-alpha
    sasha: NA,
  };
  it.each(USERS)("%s binds public egress to agency-alpha/dev for running", async (user) => {
    await expectCall(
      user,
      "POST",
      `/v3/security_groups/${g.public}/relationships/running_spaces`,
      bindPublicToDev[user],
      {
        data: [{ guid: s.alphaDev }],
      },
    );
  });

  const bindTrustedToSandbox: Record<UserName, Expect> = {
    admin: { status: 200 },
    olivia: { status: 200 },
    sam: NA,
    devon: NA,
    audrey: NA,
    bruno: NA,
    sasha: NF, // the group is invisible to her: 404 comes before the manager check
  };
  it.each(USERS)("%s binds trusted-local to agency-alpha/sandbox", async (user) => {
    await expectCall(
      user,
      "POST",
      `/v3/security_groups/${g.trustedLocal}/relationships/running_spaces`,
      bindTrustedToSandbox[user],
      { data: [{ guid: s.alphaSandbox }] },
    );
  });

  it("refuses a manager in a suspended org with CF-OrgSuspended, but not an admin", async () => {
    const path = `/v3/security_groups/${g.public}/relationships/running_spaces`;
    await expectCall("sasha", "POST", path, OS, { data: [{ guid: s.gammaLegacy }] });
    await expectCall("admin", "POST", path, { status: 200 }, { data: [{ guid: s.gammaLegacy }] });
  });

  it("answers with every bound space, unfiltered by visibility", async () => {
    const res = await t.call("POST", `/v3/security_groups/${g.public}/relationships/running_spaces`, {
      user: "sam",
      body: { data: [{ guid: s.alphaDev }] },
    });
    expect(res.status).toBe(200);
    const data = (res.body as { data: { guid: string }[] }).data.map((d) => d.guid).sort();
    // sam cannot read sandbox, yet the bind response names it.
    expect(data).toEqual([s.alphaDev, s.alphaProd, s.alphaSandbox].sort());
  });

  it("is atomic: one space the caller may not manage and nothing is bound", async () => {
    await expectCall(
      "sam",
      "POST",
      `/v3/security_groups/${g.trustedLocal}/relationships/running_spaces`,
      NA,
      {
        data: [{ guid: s.alphaDev }, { guid: s.alphaSandbox }],
      },
    );
    const after = await t.call("GET", `/v3/security_groups/${g.trustedLocal}`, { user: "admin" });
    expect((after.body as Group).relationships.running_spaces.data.map((d) => d.guid)).not.toContain(
      s.alphaDev,
    );
  });

  it("binds many spaces in one request for an org manager", async () => {
    const res = await t.call("POST", `/v3/security_groups/${g.trustedLocal}/relationships/running_spaces`, {
      user: "olivia",
      body: { data: [{ guid: s.alphaDev }, { guid: s.alphaSandbox }] },
    });
    expect(res.status).toBe(200);
    const bound = (res.body as { data: { guid: string }[] }).data.map((d) => d.guid);
    expect(bound).toEqual(expect.arrayContaining([s.alphaDev, s.alphaSandbox, s.alphaStaging, s.alphaProd]));
  });
});

describe("unbinding", () => {
  const unbindTrustedFromProd: Record<UserName, Expect> = {
    admin: { status: 204 },
    olivia: { status: 204 },
    sam: { status: 204 },
    devon: NA,
    audrey: NA,
    bruno: NA,
    sasha: NF,
  };
  it.each(USERS)("%s unbinds trusted-local from agency-alpha/prod", async (user) => {
    await expectCall(
      user,
      "DELETE",
      `/v3/security_groups/${g.trustedLocal}/relationships/running_spaces/${s.alphaProd}`,
      unbindTrustedFromProd[user],
    );
  });

  it("says the space is not bound, in the text the cf CLI matches", async () => {
    const res = await t.call(
      "DELETE",
      `/v3/security_groups/${g.public}/relationships/running_spaces/${s.alphaDev}`,
      { user: "sam" },
    );
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      errors: [
        {
          detail: `Unable to unbind security group from space with guid '${s.alphaDev}'. Ensure the space is bound to this security group.`,
          title: "CF-UnprocessableEntity",
          code: 10008,
        },
      ],
    });
  });
});

describe("creating", () => {
  const create: Record<UserName, Expect> = {
    admin: { status: 201 },
    olivia: NA,
    sam: NA,
    devon: NA,
    audrey: NA,
    bruno: NA,
    sasha: NA,
  };
  it.each(USERS)("%s creates a security group", async (user) => {
    await expectCall(user, "POST", "/v3/security_groups", create[user], {
      name: `new-group-${user}`,
      rules: [{ protocol: "tcp", destination: "10.0.0.0/8", ports: "443" }],
    });
  });
});

describe("a space's isolation segment (PATCH /v3/spaces/:guid/relationships/isolation_segment)", () => {
  const iso = ids.isolationSegments;
  const assign = (user: UserName, space: string, segment: string | null) =>
    t.call("PATCH", `/v3/spaces/${space}/relationships/isolation_segment`, {
      user,
      body: { data: segment === null ? null : { guid: segment } },
    });
  const current = async (space: string) =>
    (
      (await t.call("GET", `/v3/spaces/${space}/relationships/isolation_segment`, { user: "admin" }))
        .body as {
        data: { guid: string } | null;
      }
    ).data?.guid ?? null;

  // Admins and the org's managers move a space; a space role sees the space but may not; others do not see it.
  const cases: Record<UserName, [space: string, status: number]> = {
    admin: [s.alphaStaging, 200],
    olivia: [s.alphaStaging, 200],
    sam: [s.alphaDev, 403],
    devon: [s.alphaDev, 403],
    audrey: [s.alphaProd, 403],
    bruno: [s.alphaStaging, 404],
    sasha: [s.alphaSandbox, 403],
  };
  it.each(USERS)("%s moves a space of agency-alpha onto alpha-dedicated", async (user) => {
    const [space, status] = cases[user];
    const before = await current(space);
    const res = await assign(user, space, iso.alphaDedicated);
    expect(res.status).toBe(status);
    expect(await current(space)).toBe(status === 200 ? iso.alphaDedicated : before);
  });

  it("back to the org's default with data: null", async () => {
    expect((await assign("olivia", s.alphaProd, null)).status).toBe(200);
    expect(await current(s.alphaProd)).toBeNull();
  });

  it("refuses a segment the org is not entitled to, with CF's words, and changes nothing", async () => {
    const res = await assign("olivia", s.alphaStaging, iso.shared);
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain(
      `Unable to assign isolation segment with guid '${iso.shared}'. Ensure it has been entitled to the organization that this space belongs to.`,
    );
    expect(await current(s.alphaStaging)).toBeNull();
  });

  it("refuses a non-admin in a suspended org as suspended, not as a missing role", async () => {
    const res = await assign("sasha", s.gammaLegacy, null);
    // sasha is a space manager there, not an org manager: the role check comes first.
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).toContain("CF-NotAuthorized");
    expect((await assign("admin", s.gammaLegacy, null)).status).toBe(200);
  });
});
