import { describe, expect, it } from "vitest";
import { ids, seed } from "@/sim/seed";
import { parseCatalog, type Catalog } from "./catalog";
import { defaultCatalog } from "./default-catalog";
import {
  evaluate,
  evaluateLifecycle,
  NOT_ASG_GOVERNED_NOTE,
  type DestinationStatus,
  type SecurityGroup,
} from "./evaluate";
import { posture } from "./posture";
import type { CfRule } from "./rules";

function seededGroup(name: string): SecurityGroup {
  const group = seed.securityGroups.find((g) => g.name === name);
  if (group === undefined) throw new Error(`no seeded group ${name}`);
  return group;
}

const dns = seededGroup("dns");
const publicEgress = seededGroup("public_networks_egress");
const trustedLocal = seededGroup("trusted_local_networks_egress");

/** docs/design.md §1, column for column: public web, S3 user-provided, S3 brokered, RDS, Redis, Elasticsearch, internal routes. */
const DESIGN_TABLE: [string, SecurityGroup[], string][] = [
  ["closed", [dns], "no no no no no no yes"],
  ["trusted-local", [dns, trustedLocal], "no no yes yes yes yes yes"],
  ["public", [dns, publicEgress], "yes yes yes no no no yes"],
  ["both", [dns, publicEgress, trustedLocal], "yes yes yes yes yes yes yes"],
];
const COLUMNS = [
  "public-web",
  "s3-user-provided",
  "s3-brokered",
  "rds",
  "redis",
  "elasticsearch",
  "internal-routes",
];

function statuses(groups: readonly SecurityGroup[], catalog: Catalog = defaultCatalog) {
  return Object.fromEntries(
    evaluateLifecycle(groups, catalog).destinations.map((d) => [d.id, d.status] as const),
  );
}

describe("the table of docs/design.md §1, from the seeded groups", () => {
  it("has the catalog's destinations in the table's order", () => {
    expect(defaultCatalog.destinations.map((d) => d.id)).toEqual(COLUMNS);
  });

  describe.each(DESIGN_TABLE)("%s", (_, groups, row) => {
    const expected = row.split(" ");
    it.each(COLUMNS.map((id, i) => [id, expected[i]] as const))("%s: %s", (id, cell) => {
      // "no" is blocked outright: none of these postures lets part of a destination through.
      expect(statuses(groups)[id]).toBe(cell === "yes" ? "allowed" : "blocked");
    });
  });

  it("reproduces the agency-alpha matrix from the seeded bindings, running and staging", () => {
    const alpha = seed.spaces.filter((s) => s.org === ids.orgs.alpha);
    const rows = alpha.map((space) => {
      const running = seed.securityGroups.filter(
        (g) => g.globallyEnabled.running || g.runningSpaces.includes(space.guid),
      );
      const staging = seed.securityGroups.filter(
        (g) => g.globallyEnabled.staging || g.stagingSpaces.includes(space.guid),
      );
      const result = evaluate({ running, staging }, defaultCatalog);
      const spacePosture = posture({
        boundRunning: seed.securityGroups
          .filter((g) => g.runningSpaces.includes(space.guid))
          .map((g) => g.name),
        globalRunning: seed.securityGroups.filter((g) => g.globallyEnabled.running).map((g) => g.name),
      });
      const row = (list: { status: DestinationStatus }[]) =>
        list.map((d) => (d.status === "allowed" ? "yes" : "no")).join(" ");
      return {
        space: space.name,
        posture: spacePosture,
        running: row(result.running),
        staging: row(result.staging),
      };
    });
    const table = Object.fromEntries(DESIGN_TABLE.map(([name, , row]) => [name, row]));
    expect(rows).toEqual([
      { space: "dev", posture: "closed", running: table.closed, staging: table.public },
      { space: "staging", posture: "trusted-local", running: table["trusted-local"], staging: table.public },
      { space: "prod", posture: "both", running: table.both, staging: table.public },
      { space: "sandbox", posture: "public", running: table.public, staging: table.public },
    ]);
  });

  it("says which group and rule allows each destination", () => {
    const result = evaluateLifecycle([dns, publicEgress, trustedLocal], defaultCatalog).destinations;
    const why = Object.fromEntries(
      result.map((d) => [d.id, d.provenance.map((p) => `${p.group}#${p.ruleIndex}`)]),
    );
    // 93.184.216.0/24 and 52.216.0.0/15 lie in the second public range, 11.0.0.0-169.253.255.255.
    expect(why["public-web"]).toEqual(["public_networks_egress#1"]);
    expect(why["s3-brokered"]).toEqual(["public_networks_egress#1", "trusted_local_networks_egress#3"]);
    expect(why.rds).toEqual(["trusted_local_networks_egress#0"]);
    expect(why.elasticsearch).toEqual(["trusted_local_networks_egress#2"]);
    // DNS (port 53) allows nothing to any destination of the catalog.
    expect(result.flatMap((d) => d.provenance).some((p) => p.group === "dns")).toBe(false);
  });

  it("marks internal routes as not decided by ASGs", () => {
    const internal = evaluateLifecycle([], defaultCatalog).destinations.find(
      (d) => d.id === "internal-routes",
    );
    expect(internal).toEqual({
      id: "internal-routes",
      label: "Internal routes",
      status: "allowed",
      governed: false,
      note: NOT_ASG_GOVERNED_NOTE,
      provenance: [],
    });
    expect(NOT_ASG_GOVERNED_NOTE).toBe(
      "governed by container-to-container network policies (cf add-network-policy)",
    );
  });
});

/** A one-destination catalog around one endpoint, for edge cases. */
function catalogOf(...endpoints: { protocol: string; destination: string; ports?: string }[]): Catalog {
  return parseCatalog({
    name: "test",
    destinations: [{ id: "target", label: "Target", asg_governed: true, endpoints }],
  });
}

function statusOf(catalog: Catalog, ...groups: CfRule[][]): DestinationStatus | undefined {
  const named = groups.map((rules, i) => ({ name: `g${i}`, rules }));
  return evaluateLifecycle(named, catalog).destinations[0]?.status;
}

const tcp = (destination: string, ports: string): CfRule => ({ protocol: "tcp", destination, ports });
const udp = (destination: string, ports: string): CfRule => ({ protocol: "udp", destination, ports });
const all = (destination: string): CfRule => ({ protocol: "all", destination });
const icmp = (destination: string, type = -1, code = -1): CfRule => ({
  protocol: "icmp",
  destination,
  type,
  code,
});

describe("coverage edges", () => {
  const subnet443 = catalogOf({ protocol: "tcp", destination: "10.0.0.0/24", ports: "443" });

  it.each<[string, Catalog, CfRule[][], DestinationStatus]>([
    ["no groups", subnet443, [], "blocked"],
    ["an exact rule", subnet443, [[tcp("10.0.0.0/24", "443")]], "allowed"],
    ["/0", subnet443, [[tcp("0.0.0.0/0", "443")]], "allowed"],
    ["a /32 inside", subnet443, [[tcp("10.0.0.7/32", "443")]], "partial"],
    ["a /32 outside", subnet443, [[tcp("10.0.1.7/32", "443")]], "blocked"],
    ["a range one short at the start", subnet443, [[tcp("10.0.0.1-10.0.0.255", "443")]], "partial"],
    ["a range one short at the end", subnet443, [[tcp("10.0.0.0-10.0.0.254", "443")]], "partial"],
    ["a range with exact ends", subnet443, [[tcp("10.0.0.0-10.0.0.255", "443")]], "allowed"],
    ["a range ending just before", subnet443, [[tcp("9.0.0.0-9.255.255.255", "443")]], "blocked"],
    ["another port", subnet443, [[tcp("10.0.0.0/24", "80")]], "blocked"],
    ["a port range around it", subnet443, [[tcp("10.0.0.0/24", "400-500")]], "allowed"],
    ["a port range ending just before", subnet443, [[tcp("10.0.0.0/24", "400-442")]], "blocked"],
    ["udp to a tcp endpoint", subnet443, [[udp("10.0.0.0/24", "443")]], "blocked"],
    ["all to a tcp endpoint", subnet443, [[all("10.0.0.0/16")]], "allowed"],
    ["icmp to a tcp endpoint", subnet443, [[icmp("0.0.0.0/0")]], "blocked"],
    ["an IPv6 rule to an IPv4 endpoint", subnet443, [[tcp("::/0", "443")]], "blocked"],
    [
      "two halves in one group",
      subnet443,
      [[tcp("10.0.0.0/25", "443"), tcp("10.0.0.128/25", "443")]],
      "allowed",
    ],
    [
      "two halves in two groups",
      subnet443,
      [[tcp("10.0.0.0/25", "443")], [tcp("10.0.0.128/25", "443")]],
      "allowed",
    ],
    ["one half", subnet443, [[tcp("10.0.0.0/25", "443")]], "partial"],
    ["a comma list of halves", subnet443, [[tcp("10.0.0.0/25,10.0.0.128/25", "443")]], "allowed"],
    [
      "a comma list of ranges",
      subnet443,
      [[tcp("10.0.0.0-10.0.0.99,10.0.0.100-10.0.0.255", "443")]],
      "allowed",
    ],
    [
      "overlapping rules",
      subnet443,
      [[tcp("10.0.0.0-10.0.0.200", "443"), tcp("10.0.0.100-10.0.0.255", "1-1000")]],
      "allowed",
    ],
    ["an invalid rule, which allows nothing", subnet443, [[tcp("010.0.0.0/24", "443")]], "blocked"],
  ])("%s", (_, catalog, groups, expected) => {
    expect(statusOf(catalog, ...groups)).toBe(expected);
  });

  const twoPorts = catalogOf({ protocol: "tcp", destination: "10.0.0.0/24", ports: "80,443" });
  const lower80 = tcp("10.0.0.0/25", "80");
  const upper443 = tcp("10.0.0.128/25", "443");
  const lower443 = tcp("10.0.0.0/25", "443");
  const upper80 = tcp("10.0.0.128/25", "80");

  it.each<[string, CfRule[][], DestinationStatus]>([
    [
      "each port from a different group",
      [[tcp("10.0.0.0/24", "80")], [tcp("10.0.0.0/24", "443")]],
      "allowed",
    ],
    ["one port", [[tcp("10.0.0.0/24", "443")]], "partial"],
    // Three of four quadrants: both projections are complete, but upper × 80 is missing.
    ["three quadrants from three groups", [[lower80, upper443], [lower443]], "partial"],
    ["all four quadrants from three groups", [[lower80, upper443], [lower443], [upper80]], "allowed"],
  ])("a two-port endpoint with %s", (_, groups, expected) => {
    expect(statusOf(twoPorts, ...groups)).toBe(expected);
  });

  const everyPort = catalogOf({ protocol: "tcp", destination: "192.0.2.1", ports: "1-65535" });
  const topPort = catalogOf({ protocol: "tcp", destination: "192.0.2.1", ports: "65535" });
  const bottomPort = catalogOf({ protocol: "tcp", destination: "192.0.2.1", ports: "1" });

  it.each<[string, Catalog, CfRule, DestinationStatus]>([
    ["every port, by 1-65535", everyPort, tcp("192.0.2.1", "1-65535"), "allowed"],
    ["every port, short of 1", everyPort, tcp("192.0.2.1", "2-65535"), "partial"],
    ["every port, short of 65535", everyPort, tcp("192.0.2.1", "1-65534"), "partial"],
    ["every port, by all", everyPort, all("192.0.2.1"), "allowed"],
    ["port 65535", topPort, tcp("192.0.2.1", "65535"), "allowed"],
    ["port 65535, by a range ending there", topPort, tcp("192.0.2.1", "65000-65535"), "allowed"],
    ["port 65535, by 1-65534", topPort, tcp("192.0.2.1", "1-65534"), "blocked"],
    ["port 1", bottomPort, tcp("192.0.2.1", "1"), "allowed"],
    ["port 1, by 2-65535", bottomPort, tcp("192.0.2.1", "2-65535"), "blocked"],
  ])("%s", (_, catalog, rule, expected) => {
    expect(statusOf(catalog, [rule])).toBe(expected);
  });

  const anyProtocol = catalogOf({ protocol: "all", destination: "198.51.100.0/24" });
  const ping = catalogOf({ protocol: "icmp", destination: "198.51.100.0/24" });
  const dual = catalogOf({ protocol: "tcp", destination: "10.0.0.0/24,2001:db8::/64", ports: "443" });
  const v6 = catalogOf({ protocol: "tcp", destination: "2001:db8::/64", ports: "443" });

  it.each<[string, Catalog, CfRule[][], DestinationStatus]>([
    ["an all endpoint, by all", anyProtocol, [[all("198.51.100.0/24")]], "allowed"],
    ["an all endpoint, by tcp on every port", anyProtocol, [[tcp("198.51.100.0/24", "1-65535")]], "partial"],
    [
      "an all endpoint, by tcp, udp and icmp together",
      anyProtocol,
      [[tcp("0.0.0.0/0", "1-65535"), udp("0.0.0.0/0", "1-65535"), icmp("0.0.0.0/0")]],
      "partial",
    ],
    ["an all endpoint, by icmp to one address", anyProtocol, [[icmp("198.51.100.9")]], "partial"],
    ["an all endpoint, by all to elsewhere", anyProtocol, [[all("198.51.101.0/24")]], "blocked"],
    ["an icmp endpoint, by every icmp", ping, [[icmp("198.51.100.0/24")]], "allowed"],
    ["an icmp endpoint, by all", ping, [[all("0.0.0.0/0")]], "allowed"],
    ["an icmp endpoint, by echo request only", ping, [[icmp("198.51.100.0/24", 8, 0)]], "partial"],
    ["an icmp endpoint, by tcp", ping, [[tcp("198.51.100.0/24", "1-65535")]], "blocked"],
    ["an IPv6 endpoint, by ::/0", v6, [[tcp("::/0", "443")]], "allowed"],
    [
      "an IPv6 endpoint, by an IPv6 range",
      v6,
      [[tcp("2001:db8::-2001:db8::ffff:ffff:ffff:ffff", "443")]],
      "allowed",
    ],
    ["an IPv6 endpoint, by half of it", v6, [[tcp("2001:db8::/65", "443")]], "partial"],
    ["an IPv6 endpoint, by 0.0.0.0/0", v6, [[tcp("0.0.0.0/0", "443")]], "blocked"],
    ["a dual-stack endpoint, by IPv4 only", dual, [[tcp("10.0.0.0/24", "443")]], "partial"],
    [
      "a dual-stack endpoint, by both families",
      dual,
      [[tcp("10.0.0.0/24", "443")], [tcp("2001:db8::/48", "443")]],
      "allowed",
    ],
    ["a dual-stack endpoint, by one list rule", dual, [[tcp("10.0.0.0/8,2001:db8::/32", "443")]], "allowed"],
  ])("%s", (_, catalog, groups, expected) => {
    expect(statusOf(catalog, ...groups)).toBe(expected);
  });

  const either = catalogOf(
    { protocol: "tcp", destination: "10.10.8.0/24", ports: "443" },
    { protocol: "tcp", destination: "52.216.0.0/15", ports: "443" },
  );

  it.each<[string, CfRule[][], DestinationStatus]>([
    ["the first endpoint fully", [[tcp("10.10.8.0/24", "443")]], "allowed"],
    ["the second endpoint fully", [[tcp("52.216.0.0/15", "443")]], "allowed"],
    ["half of each endpoint", [[tcp("10.10.8.0/25", "443"), tcp("52.216.0.0/16", "443")]], "partial"],
  ])("a destination with two endpoints, reached through %s", (_, groups, expected) => {
    expect(statusOf(either, ...groups)).toBe(expected);
  });
});

describe("evaluate", () => {
  const broken: SecurityGroup = {
    name: "broken",
    rules: [tcp("10.10.0.0/22", "5432"), { protocol: "tcp", destination: "10.10.4.0/24" }],
  };

  it("reports unreadable rules once, with their group, even when the group applies to both lifecycles", () => {
    const result = evaluate({ running: [broken], staging: [dns, broken] }, defaultCatalog);
    expect(result.problems).toEqual([
      {
        group: "broken",
        ruleIndex: 1,
        field: "ports",
        reason: "ports are required for protocols of type TCP and UDP",
      },
    ]);
    // The readable rule still counts: RDS's 5432 only, so some of its traffic.
    expect(result.running.find((d) => d.id === "rds")?.status).toBe("partial");
    expect(result.running.find((d) => d.id === "redis")?.status).toBe("blocked");
  });

  it("decides running and staging independently", () => {
    const result = evaluate({ running: [dns, trustedLocal], staging: [dns, publicEgress] }, defaultCatalog);
    expect(result.running.find((d) => d.id === "rds")?.status).toBe("allowed");
    expect(result.staging.find((d) => d.id === "rds")?.status).toBe("blocked");
    expect(result.staging.find((d) => d.id === "public-web")?.status).toBe("allowed");
  });

  it("counts a group listed twice (bound and global) once", () => {
    const once = evaluateLifecycle([trustedLocal], defaultCatalog).destinations;
    const twice = evaluateLifecycle([trustedLocal, { ...trustedLocal }], defaultCatalog).destinations;
    expect(twice).toEqual(once);
  });

  it("notices a group object whose rules were replaced since it was last evaluated", () => {
    const group: SecurityGroup = { name: "mutable", rules: [tcp("10.10.4.0/24", "6379")] };
    expect(statuses([group]).redis).toBe("allowed");
    group.rules = [tcp("10.10.4.0/25", "6379")];
    expect(statuses([group]).redis).toBe("partial");
  });

  it("keeps the first of two differently built groups with one name, as CF names are unique", () => {
    const first: SecurityGroup = { name: "same", rules: [tcp("10.10.4.0/24", "6379")] };
    const second: SecurityGroup = { name: "same", rules: [tcp("10.10.5.0/24", "443,9200")] };
    const result = statuses([first, second]);
    expect([result.redis, result.elasticsearch]).toEqual(["allowed", "blocked"]);
  });

  it("gives the same answer for a catalog read from JSON again (no stale cache across catalogs)", () => {
    const narrowed = parseCatalog({
      name: "narrow",
      destinations: [
        {
          id: "rds",
          label: "RDS",
          asg_governed: true,
          endpoints: [{ protocol: "tcp", destination: "10.10.0.0/21", ports: "5432" }],
        },
      ],
    });
    expect(statuses([trustedLocal]).rds).toBe("allowed");
    // The same group against a wider endpoint: the /22 rule now covers only half of it.
    expect(statuses([trustedLocal], narrowed).rds).toBe("partial");
  });
});
