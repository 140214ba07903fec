import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CfClient } from "@/lib/cf/client";
import { getOrganization } from "@/lib/cf/orgs";
import { listUserRoles } from "@/lib/cf/roles";
import { listSecurityGroups } from "@/lib/cf/security-groups";
import { listSpaces } from "@/lib/cf/spaces";
import { defaultCatalog, DEFAULT_PROFILES, type Catalog, type Profile } from "@/lib/egress";
import { parsePlatform } from "@/lib/egress/platform";
import { ids } from "@/sim/seed";
import { SEEDS } from "@/sim/seeds";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import { matrixRows, unpackRow, violates } from "@/lib/view-models/matrix-rows";
import { buildOrgMatrix, postureCsv, postureJson, type OrgMatrix } from "@/lib/view-models/org-matrix";
import { policyStateOf, type OrgPolicyState } from "@/lib/view-models/org-policy";

/**
 * The org matrix built from the stand-in's real CF responses, per seeded
 * user: docs/design.md §1's table, §3's postures, and the §5 export formats.
 */

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.close();
});

async function matrixFor(
  username: string,
  orgGuid: string = ids.orgs.alpha,
  policy?: OrgPolicyState,
): Promise<OrgMatrix> {
  const client = new CfClient({ apiUrl: t.sim.cfUrl, token: await t.token(username) });
  const userGuid = ids.users[username as keyof typeof ids.users];
  const [org, spaces, groups, roles] = await Promise.all([
    getOrganization(client, orgGuid),
    listSpaces(client, { orgGuids: [orgGuid] }),
    listSecurityGroups(client),
    listUserRoles(client, userGuid),
  ]);
  if (!org) throw new Error("org not visible");
  const isAdmin = username === "admin";
  return buildOrgMatrix({
    org,
    spaces,
    groups,
    roles,
    user: { isAdmin, readsGlobally: isAdmin },
    segmentNames: new Map([[ids.isolationSegments.alphaDedicated, "alpha-dedicated"]]),
    spaceSegments: new Map([[ids.spaces.alphaProd, ids.isolationSegments.alphaDedicated]]),
    defaultSegment: null,
    catalog: defaultCatalog,
    profiles: DEFAULT_PROFILES,
    policy,
  });
}

const DESTINATIONS = [
  "public-web",
  "s3-user-provided",
  "s3-brokered",
  "rds",
  "redis",
  "elasticsearch",
  "internal-routes",
];
const Y = "allowed";
const N = "blocked";
/** docs/design.md §1, column by column in the catalog's order. */
const TABLE: Record<string, string[]> = {
  closed: [N, N, N, N, N, N, Y],
  "trusted-local": [N, N, Y, Y, Y, Y, Y],
  public: [Y, Y, Y, N, N, N, Y],
  both: [Y, Y, Y, Y, Y, Y, Y],
};

describe("the agency-alpha matrix", () => {
  it("reproduces the posture table for an org manager, spaces in name order", async () => {
    const matrix = await matrixFor("olivia");
    expect(matrix.spaces.map((s) => [s.name, s.posture])).toEqual([
      ["dev", "closed"],
      ["prod", "both"],
      ["sandbox", "public"],
      ["staging", "trusted-local"],
    ]);
    for (const space of matrix.spaces) {
      const expected = TABLE[space.posture];
      expect(
        DESTINATIONS.map((d) => space.running.destinations[d]),
        space.name,
      ).toEqual(expected);
      expect(space.can_manage).toBe(true);
    }
    expect(matrix.seesAllSpaces).toBe(true);
    expect(matrix.canManageOrg).toBe(true);
    // On cloud.gov's groups the platform opens nothing for running by itself.
    expect(matrix.platform).toEqual({ posture: "closed", groups: [] });
  });

  it("says which groups apply and where each space runs", async () => {
    const matrix = await matrixFor("olivia");
    const prod = matrix.spaces.find((s) => s.name === "prod");
    expect(prod?.running.security_groups).toEqual([
      "dns",
      "public_networks_egress",
      "trusted_local_networks_egress",
    ]);
    // Apps stage with public egress on every space (seed 000), whatever the running posture.
    expect(matrix.spaces.every((s) => s.staging.security_groups.includes("public_networks_egress"))).toBe(
      true,
    );
    expect(matrix.spaces.every((s) => s.staging.destinations["public-web"] === "allowed")).toBe(true);
    expect(prod?.isolation_segment).toBe("alpha-dedicated");
    expect(matrix.spaces.find((s) => s.name === "dev")?.isolation_segment).toBeNull();
    expect(prod?.profiles).toEqual({ public: true, "trusted-local": true });
  });

  it("shows a space manager only his spaces, which he may change", async () => {
    const matrix = await matrixFor("sam");
    expect(matrix.spaces.map((s) => [s.name, s.posture, s.can_manage])).toEqual([
      ["dev", "closed", true],
      ["prod", "both", true],
    ]);
    expect(matrix.seesAllSpaces).toBe(false);
    expect(matrix.canManageOrg).toBe(false);
  });

  it("shows an org auditor only the space where she holds a space role, read-only", async () => {
    const matrix = await matrixFor("audrey");
    expect(matrix.spaces.map((s) => [s.name, s.posture, s.can_manage])).toEqual([["prod", "both", false]]);
    expect(matrix.seesAllSpaces).toBe(false);
  });

  it("marks a profile whose group the user cannot see", async () => {
    const matrix = await matrixFor("sasha");
    expect(matrix.spaces.map((s) => s.name)).toEqual(["sandbox"]);
    const trusted = matrix.profiles.find((p) => p.id === "trusted-local");
    expect(trusted?.groupGuid).toBeNull();
    const publicProfile = matrix.profiles.find((p) => p.id === "public");
    expect(publicProfile).toMatchObject({
      groupGuid: ids.securityGroups.public,
      globalRunning: false,
      globalStaging: true,
    });
  });
});

describe("exports", () => {
  it("has exactly the keys of docs/design.md §5", async () => {
    const json = postureJson(await matrixFor("olivia"));
    expect(Object.keys(json)).toEqual(["org", "destinations", "spaces"]);
    expect(json.org).toEqual({ guid: ids.orgs.alpha, name: "agency-alpha" });
    expect(json.destinations.map((d) => d.id)).toEqual(DESTINATIONS);
    expect(Object.keys(json.spaces[0] ?? {})).toEqual([
      "guid",
      "name",
      "posture",
      "profiles",
      "running",
      "staging",
      "isolation_segment",
      "can_manage",
      // docs/design.md §10 adds each space's compliance with the org's policy.
      "policy",
    ]);
    expect(json.spaces[0]?.policy).toEqual({ compliant: true, rule: null, reasons: [] });
    expect(Object.keys(json.spaces[0]?.running ?? {})).toEqual(["security_groups", "destinations"]);
  });

  it("writes one CSV row per space with the destination columns in catalog order", async () => {
    const csv = postureCsv(await matrixFor("olivia"));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "space,posture,Public web,S3 (user-provided),S3 (brokered),RDS,Redis,Elasticsearch,Internal routes,running security groups,staging security groups,isolation segment,policy",
    );
    expect(lines).toHaveLength(5);
    expect(lines[2]).toBe(
      "prod,both,allowed,allowed,allowed,allowed,allowed,allowed,allowed,dns;public_networks_egress;trusted_local_networks_egress,dns;public_networks_egress,alpha-dedicated,compliant",
    );
    expect(lines[1]).toBe(
      "dev,closed,blocked,blocked,blocked,blocked,blocked,blocked,allowed,dns,dns;public_networks_egress,,compliant",
    );
  });
});

describe("on cf-deployment's default groups (public_networks enabled for every space)", () => {
  let cf: TestSim;
  beforeAll(async () => {
    cf = await startTestSim({ seed: SEEDS["cf-deployment"] });
  });
  afterAll(async () => {
    await cf.close();
  });

  async function olivia(platform: { catalog: Catalog; profiles: readonly Profile[] }): Promise<OrgMatrix> {
    const client = new CfClient({ apiUrl: cf.sim.cfUrl, token: await cf.token("olivia") });
    const [org, spaces, groups, roles] = await Promise.all([
      getOrganization(client, ids.orgs.alpha),
      listSpaces(client, { orgGuids: [ids.orgs.alpha] }),
      listSecurityGroups(client),
      listUserRoles(client, ids.users.olivia),
    ]);
    if (!org) throw new Error("org not visible");
    return buildOrgMatrix({
      org,
      spaces,
      groups,
      roles,
      user: { isAdmin: false, readsGlobally: false },
      segmentNames: new Map(),
      spaceSegments: new Map(),
      defaultSegment: null,
      ...platform,
    });
  }

  it("with cloud.gov's profiles (a new user's first try), calls no space closed beside an allowed public web", async () => {
    const matrix = await olivia({ catalog: defaultCatalog, profiles: DEFAULT_PROFILES });
    expect(matrix.platform).toEqual({ posture: "public", groups: ["public_networks"] });
    for (const space of matrix.spaces) {
      expect(space.running.destinations["public-web"], space.name).toBe("allowed");
      expect(space.posture, space.name).toBe("public");
      // No profile names public_networks: the switches stay off, and the posture says why it is public.
      expect(space.profiles).toEqual({ public: false, "trusted-local": false });
    }
    const csv = postureCsv(matrix).trimEnd().split("\r\n");
    expect(csv.slice(1).every((line) => line.split(",")[1] === "public")).toBe(true);
    expect(postureJson(matrix).spaces.map((s) => s.posture)).toEqual([
      "public",
      "public",
      "public",
      "public",
    ]);
  });

  it("with platforms/cf-deployment.json, shows the public profile on, platform-wide, for every space", async () => {
    const json: unknown = JSON.parse(
      readFileSync(path.join(import.meta.dirname, "../../platforms/cf-deployment.json"), "utf8"),
    );
    const matrix = await olivia(parsePlatform(json));
    expect(matrix.profiles).toEqual([
      expect.objectContaining({
        id: "public",
        group: "public_networks",
        globalRunning: true,
        globalStaging: true,
      }),
    ]);
    expect(matrix.platform.posture).toBe("public");
    for (const space of matrix.spaces) {
      expect(space.posture).toBe("public");
      expect(space.profiles).toEqual({ public: true });
      expect(space.running.destinations).toEqual({
        "public-web": "allowed",
        s3: "allowed",
        postgres: "blocked",
        "internal-routes": "allowed",
      });
    }
  });
});

describe("compliance with the org's policy", () => {
  const context = { catalog: defaultCatalog, profiles: DEFAULT_PROFILES };
  const stored = (document: unknown) =>
    policyStateOf(
      {
        orgGuid: ids.orgs.alpha,
        document,
        version: 2,
        updatedAt: 0,
        updatedBy: { guid: ids.users.olivia, name: "olivia" },
      },
      context,
      "unavailable",
    );
  const issue14 = stored({
    version: 1,
    rules: [
      { spaces: "sandbox*", require: { posture: "closed" } },
      { spaces: "prod*", require: { profile: "public", present: false } },
    ],
    default: null,
  });

  it("judges each row in the same pass, with reasons that cite the rule", async () => {
    const matrix = await matrixFor("olivia", ids.orgs.alpha, issue14);
    expect(matrix.policy.revision).toBe(2);
    expect(Object.fromEntries(matrix.spaces.map((s) => [s.name, s.policy]))).toEqual({
      dev: { compliant: true, rule: null, reasons: [] },
      prod: {
        compliant: false,
        rule: 2,
        reasons: ["Public egress is on; policy rule 2 'prod* must not have public egress'"],
      },
      sandbox: {
        compliant: false,
        rule: 1,
        reasons: ["Public egress is on; policy rule 1 'sandbox* must be closed'"],
      },
      staging: { compliant: true, rule: null, reasons: [] },
    });
    const csv = postureCsv(matrix).trimEnd().split("\r\n");
    expect(
      csv[2]?.endsWith(
        ",alpha-dedicated,Public egress is on; policy rule 2 'prod* must not have public egress'",
      ),
    ).toBe(true);
    expect(csv[1]?.endsWith(",compliant")).toBe(true);
  });

  it("keeps rows light: reasons only in violating rows, nothing for spaces no rule decides", async () => {
    const unpack = (matrix: OrgMatrix) =>
      matrixRows(matrix, null).rows.map((r) =>
        unpackRow(r, { profileIds: matrix.profiles.map((p) => p.id) }),
      );
    const rows = unpack(await matrixFor("olivia", ids.orgs.alpha, issue14));
    expect(rows.map((r) => [r.name, r.policy, violates(r)])).toEqual([
      ["dev", undefined, false],
      [
        "prod",
        { rule: 2, reasons: ["Public egress is on; policy rule 2 'prod* must not have public egress'"] },
        true,
      ],
      [
        "sandbox",
        { rule: 1, reasons: ["Public egress is on; policy rule 1 'sandbox* must be closed'"] },
        true,
      ],
      ["staging", undefined, false],
    ]);
    const all = stored({ version: 1, rules: [], default: { posture: "trusted-local" } });
    const judged = unpack(await matrixFor("olivia", ids.orgs.alpha, all));
    expect(judged.find((r) => r.name === "staging")?.policy).toEqual({ rule: "default" });
  });

  it("judges nothing when the stored policy no longer fits the catalog, and says why", async () => {
    const broken = stored({
      version: 1,
      rules: [{ spaces: "*", require: { destination: "mainframe", reachable: false } }],
    });
    expect(broken.problem).toMatch(
      /^The stored policy no longer fits .*rules\.0\.require\.destination must be a destination of the catalog/,
    );
    const matrix = await matrixFor("olivia", ids.orgs.alpha, broken);
    expect(matrix.spaces.every((s) => s.policy.compliant && s.policy.rule === null)).toBe(true);
  });
});
