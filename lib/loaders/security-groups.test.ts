import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CfClient } from "@/lib/cf/client";
import type { Organization, SecurityGroup, Space } from "@/lib/cf/schemas";
import { ids } from "@/sim/seed";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import {
  filterByName,
  securityGroupView,
  securityGroupViews,
  type GroupBinding,
  type SecurityGroupView,
} from "@/lib/view-models/security-groups";
import { readSecurityGroup, readSecurityGroupAndPlatform, readSecurityGroups } from "./security-groups";

/**
 * The security-group views from the stand-in's real CF answers, per seeded
 * user (docs/design.md §3: who sees which group and which binding), the request
 * budget (docs/design.md §8), and the pure shaping on hand-made edge cases.
 */

const label = (b: GroupBinding) => `${b.orgName ?? "?"}/${b.spaceName ?? b.spaceGuid} ${b.lifecycle}`;
const byName = (views: SecurityGroupView[], name: string) => views.find((v) => v.name === name);

describe("against the stand-in", () => {
  let t: TestSim;
  beforeAll(async () => {
    t = await startTestSim();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    await t.call("DELETE", "/__sim/requests");
  });

  const clientFor = async (username: string) =>
    new CfClient({ apiUrl: t.sim.cfUrl, token: await t.token(username) });
  const viewsFor = async (username: string) => readSecurityGroups(await clientFor(username));

  it("lists the groups each user can see, in name order", async () => {
    const names = async (username: string) => (await viewsFor(username)).map((v) => v.name);
    const all = ["dns", "public_networks_egress", "trusted_local_networks_egress"];
    expect(await names("admin")).toEqual(all);
    expect(await names("olivia")).toEqual(all);
    expect(await names("sam")).toEqual(all);
    // trusted-local is bound to no space sasha can read, and is not global.
    expect(await names("sasha")).toEqual(["dns", "public_networks_egress"]);
    // An org auditor without a space role sees the global groups only; audrey's prod role adds trusted-local.
    expect(await names("audrey")).toEqual(all);
  });

  it("shows each user only the bindings of spaces they can read, named by org and space", async () => {
    const trusted = async (username: string) =>
      byName(await viewsFor(username), "trusted_local_networks_egress")?.bindings.map(label);
    expect(await trusted("admin")).toEqual([
      "agency-alpha/prod running",
      "agency-alpha/staging running",
      "agency-beta/prod running",
    ]);
    expect(await trusted("olivia")).toEqual(["agency-alpha/prod running", "agency-alpha/staging running"]);
    expect(await trusted("sam")).toEqual(["agency-alpha/prod running"]);
    expect(await trusted("bruno")).toEqual(["agency-beta/prod running"]);

    const sashaPublic = byName(await viewsFor("sasha"), "public_networks_egress");
    expect(sashaPublic?.bindings.map(label)).toEqual(["agency-alpha/sandbox running"]);
  });

  it("carries the global flags and the rules as CF stores them", async () => {
    const views = await viewsFor("olivia");
    expect(byName(views, "dns")?.global).toEqual({ running: true, staging: true });
    expect(byName(views, "public_networks_egress")?.global).toEqual({ running: false, staging: true });
    const trusted = byName(views, "trusted_local_networks_egress");
    expect(trusted?.global).toEqual({ running: false, staging: false });
    expect(trusted?.rules).toHaveLength(4);
    expect(trusted?.rules[0]).toEqual({
      protocol: "tcp",
      destination: "10.10.0.0/22",
      ports: "5432,3306,1433,1521",
      description: "RDS",
    });
  });

  it("names staging bindings too, after the running one of the same space", async () => {
    const admin = await clientFor("admin");
    const bind = await t.call(
      "POST",
      `/v3/security_groups/${ids.securityGroups.trustedLocal}/relationships/staging_spaces`,
      { user: "admin", body: { data: [{ guid: ids.spaces.alphaProd }] } },
    );
    expect(bind.status).toBe(200);
    const group = await readSecurityGroup(admin, ids.securityGroups.trustedLocal);
    expect(group?.bindings.map(label)).toEqual([
      "agency-alpha/prod running",
      "agency-alpha/prod staging",
      "agency-alpha/staging running",
      "agency-beta/prod running",
    ]);
  });

  it("answers null for a group CF hides from the user, and for one that does not exist", async () => {
    const sasha = await clientFor("sasha");
    expect(await readSecurityGroup(sasha, ids.securityGroups.trustedLocal)).toBeNull();
    expect(await readSecurityGroup(sasha, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect((await readSecurityGroup(sasha, ids.securityGroups.public))?.name).toBe("public_networks_egress");
  });

  it("costs two CF requests per page, issued in parallel, whatever the number of groups and spaces", async () => {
    // Latency makes the overlap of the two requests measurable.
    expect((await t.call("POST", "/__sim/faults", { body: { latency_ms: 150 } })).status).toBe(200);
    const admin = await clientFor("admin");
    await t.call("DELETE", "/__sim/requests");
    await readSecurityGroups(admin);
    const list = t.sim.requests().filter((r) => r.path.startsWith("/v3/"));
    expect(list.map((r) => r.path.split("?")[0]).sort()).toEqual(["/v3/security_groups", "/v3/spaces"]);
    expect(list.every((r) => r.path.includes("per_page=5000"))).toBe(true);
    expect(list.find((r) => r.path.startsWith("/v3/spaces"))?.path).toContain("include=organization");
    const [first, second] = list;
    expect(first && second && second.started_at < first.ended_at).toBe(true);

    await t.call("DELETE", "/__sim/requests");
    await readSecurityGroup(admin, ids.securityGroups.trustedLocal);
    const detail = t.sim.requests().filter((r) => r.path.startsWith("/v3/"));
    expect(detail.map((r) => r.path.split("?")[0]).sort()).toEqual([
      `/v3/security_groups/${ids.securityGroups.trustedLocal}`,
      "/v3/spaces",
    ]);
    const [a, b] = detail;
    expect(a && b && b.started_at < a.ended_at).toBe(true);
  });

  it("reads the platform-wide groups for the detail page's lint in the same round trip: four requests", async () => {
    expect((await t.call("POST", "/__sim/faults", { body: { latency_ms: 150 } })).status).toBe(200);
    const sasha = await clientFor("sasha");
    await t.call("DELETE", "/__sim/requests");
    const { group, platformWide } = await readSecurityGroupAndPlatform(sasha, ids.securityGroups.public);
    expect(group?.name).toBe("public_networks_egress");
    // dns for both lifecycles, public_networks_egress for staging: each once.
    expect(platformWide.map((g) => g.name).sort()).toEqual(["dns", "public_networks_egress"]);
    const requests = t.sim.requests().filter((r) => r.path.startsWith("/v3/"));
    expect(requests.map((r) => r.path.split("?")[0]).sort()).toEqual([
      "/v3/security_groups",
      "/v3/security_groups",
      `/v3/security_groups/${ids.securityGroups.public}`,
      "/v3/spaces",
    ]);
    const lastStart = Math.max(...requests.map((r) => r.started_at));
    expect(requests.every((r) => lastStart < r.ended_at)).toBe(true);
  });

  it("passes a refused token on as a CF 401, which the page turns into sign-in", async () => {
    const client = new CfClient({ apiUrl: t.sim.cfUrl, token: "not-a-token" });
    await expect(readSecurityGroups(client)).rejects.toMatchObject({ status: 401, needsSignIn: true });
  });
});

// --- pure shaping -------------------------------------------------------------

const TIMES = { created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" };

function org(guid: string, name: string): Organization {
  return {
    guid,
    name,
    ...TIMES,
    suspended: false,
    relationships: { quota: { data: null } },
    links: {},
    metadata: { labels: {}, annotations: {} },
  };
}

function space(guid: string, name: string, orgGuid: string): Space {
  return {
    guid,
    name,
    ...TIMES,
    relationships: { organization: { data: { guid: orgGuid } } },
    links: {},
    metadata: { labels: {}, annotations: {} },
  };
}

function group(
  guid: string,
  name: string,
  running: string[] = [],
  staging: string[] = [],
  globallyEnabled = { running: false, staging: false },
): SecurityGroup {
  return {
    guid,
    name,
    ...TIMES,
    globally_enabled: globallyEnabled,
    rules: [],
    relationships: {
      running_spaces: { data: running.map((g) => ({ guid: g })) },
      staging_spaces: { data: staging.map((g) => ({ guid: g })) },
    },
    links: { self: { href: `https://api.example.org/v3/security_groups/${guid}` } },
  };
}

describe("securityGroupViews", () => {
  const orgs = [org("o-b", "bravo"), org("o-a", "alpha")];
  const spaces = [space("s-2", "web", "o-b"), space("s-1", "api", "o-a"), space("s-3", "db", "o-a")];

  it("orders groups by name, whatever order CF answered in", () => {
    const groups = [group("g1", "zeta"), group("g2", "Alpha"), group("g3", "mid")];
    expect(securityGroupViews(groups, spaces, orgs).map((v) => v.name)).toEqual(["Alpha", "mid", "zeta"]);
    expect(securityGroupViews([...groups].reverse(), spaces, orgs).map((v) => v.name)).toEqual([
      "Alpha",
      "mid",
      "zeta",
    ]);
  });

  it("orders bindings by org, then space, then running before staging", () => {
    const view = securityGroupView(group("g", "g", ["s-2", "s-3", "s-1"], ["s-1"]), spaces, orgs);
    expect(view.bindings.map(label)).toEqual([
      "alpha/api running",
      "alpha/api staging",
      "alpha/db running",
      "bravo/web running",
    ]);
    expect(view.bindings[0]).toEqual({
      spaceGuid: "s-1",
      spaceName: "api",
      orgGuid: "o-a",
      orgName: "alpha",
      lifecycle: "running",
    });
  });

  it("keeps a binding to a space missing from the spaces list, unnamed and last", () => {
    const view = securityGroupView(group("g", "g", ["s-gone", "s-1"]), spaces, orgs);
    expect(view.bindings).toEqual([
      { spaceGuid: "s-1", spaceName: "api", orgGuid: "o-a", orgName: "alpha", lifecycle: "running" },
      { spaceGuid: "s-gone", spaceName: null, orgGuid: null, orgName: null, lifecycle: "running" },
    ]);
  });

  it("names the space even when its org was not included", () => {
    const view = securityGroupView(group("g", "g", ["s-1"]), spaces, []);
    expect(view.bindings).toEqual([
      { spaceGuid: "s-1", spaceName: "api", orgGuid: "o-a", orgName: null, lifecycle: "running" },
    ]);
  });

  it("copies the global flags per lifecycle", () => {
    const view = securityGroupView(group("g", "g", [], [], { running: false, staging: true }), [], []);
    expect(view.global).toEqual({ running: false, staging: true });
    expect(view.bindings).toEqual([]);
  });
});

describe("filterByName", () => {
  const views = securityGroupViews(
    [group("1", "dns"), group("2", "public_networks_egress"), group("3", "trusted_local_networks_egress")],
    [],
    [],
  );

  it("matches a part of the name, ignoring case and surrounding blanks", () => {
    expect(filterByName(views, "  NETWORKS ").map((v) => v.name)).toEqual([
      "public_networks_egress",
      "trusted_local_networks_egress",
    ]);
    expect(filterByName(views, "dn").map((v) => v.name)).toEqual(["dns"]);
    expect(filterByName(views, "nothing")).toEqual([]);
  });

  it("keeps every group when the filter is blank", () => {
    expect(filterByName(views, " ")).toHaveLength(3);
  });
});
