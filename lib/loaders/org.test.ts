import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CfClient } from "@/lib/cf/client";
import { listUserRoles } from "@/lib/cf/roles";
import { listSecurityGroups } from "@/lib/cf/security-groups";
import { listSpaces } from "@/lib/cf/spaces";
import { getOrganization } from "@/lib/cf/orgs";
import { defaultCatalog, DEFAULT_PROFILES } from "@/lib/egress";
import { buildOrgMatrix } from "@/lib/view-models/org-matrix";
import { requestDepth } from "@/scripts/lib/measure";
import { generateWorld } from "@/sim/generate";
import { ids, seed } from "@/sim/seed";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import { stableGuid } from "@/sim/world";
import { readOrgMatrix } from "./org";

/**
 * The org page's reads on a foundation of more groups than one page holds
 * (a realistic world of 6,000 groups): whichever way they read the groups
 * (by space for a small org, every page at once for a large one), the matrix
 * is the one the whole list gives, at most two round trips deep.
 */

const SMALL = stableGuid("org:0"); // 100 spaces
const LARGE = stableGuid("org:1"); // 400 spaces
const world = generateWorld(seed, { orgSizes: [100, 400], groups: 6000, shape: "realistic" });

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ seed: world });
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.reset();
  // With latency, requests sent together overlap in the log, so its depth is the reads' depth.
  await t.call("POST", "/__sim/faults", { body: { latency_ms: 40 } });
});

const users = {
  admin: { id: ids.users.admin, isAdmin: true, readsGlobally: true },
  bench: { id: stableGuid("user:bench"), isAdmin: false, readsGlobally: false },
};

async function read(user: keyof typeof users, orgGuid: string, listAudience?: string) {
  const client = new CfClient({ apiUrl: t.sim.cfUrl, token: await t.token(user), listAudience });
  const who = { ...users[user], name: user, email: "" };
  await t.call("DELETE", "/__sim/requests");
  const result = await readOrgMatrix(client, who, orgGuid, {
    catalog: defaultCatalog,
    profiles: DEFAULT_PROFILES,
    policy: Promise.resolve(null),
  });
  const requests = t.sim.requests().filter((r) => r.path.startsWith("/v3/"));
  // The matrix from every visible group, as the page read them before.
  const [org, spaces, groups, roles] = await Promise.all([
    getOrganization(client, orgGuid),
    listSpaces(client, { orgGuids: [orgGuid] }),
    listSecurityGroups(client),
    listUserRoles(client, who.id),
  ]);
  const expected = buildOrgMatrix({
    org: org!,
    spaces,
    groups,
    roles,
    user: who,
    segmentNames: new Map(),
    spaceSegments: new Map(),
    defaultSegment: null,
    catalog: defaultCatalog,
    profiles: DEFAULT_PROFILES,
  });
  const groupReads = requests.filter((r) => r.path.startsWith("/v3/security_groups"));
  return { result: result!, expected, requests, groupReads, visible: groups.length };
}

describe("the org page's security-group reads, past one page of groups", () => {
  it("reads a small org's groups by space, as an admin who sees all 6,000", async () => {
    const { result, expected, requests, groupReads, visible } = await read("admin", SMALL);
    expect(visible).toBeGreaterThan(5000);
    expect(result.matrix.spaces).toEqual(expected.spaces);
    expect(result.matrix.profiles).toEqual(expected.profiles);
    expect(result.matrix.platform).toEqual(expected.platform);
    expect(requestDepth(requests)).toBeLessThanOrEqual(2);
    // The first page, then one request per lifecycle for the 100 spaces, the platform-wide ones, the profiles'.
    expect(groupReads.map((r) => r.path.replace(/=[^&]*/g, "=…"))).toEqual(
      expect.arrayContaining([
        "/v3/security_groups?per_page=…",
        "/v3/security_groups?per_page=…&running_space_guids=…",
        "/v3/security_groups?per_page=…&staging_space_guids=…",
        "/v3/security_groups?per_page=…&globally_enabled_running=…",
        "/v3/security_groups?per_page=…&globally_enabled_staging=…",
        "/v3/security_groups?per_page=…&names=…",
      ]),
    );
    expect(groupReads).toHaveLength(6);
    expect(groupReads.every((r) => r.path.length < 8000)).toBe(true);
    // Read by space, the drift check may compare every group of these spaces.
    expect(result.observation.bindingsComplete).toBe(true);
    expect(result.observation.spaces).toHaveLength(100);
  });

  it("reads every page at once for an org of more spaces than one filter holds", async () => {
    const { result, expected, requests, groupReads } = await read("admin", LARGE);
    expect(result.matrix.spaces).toEqual(expected.spaces);
    expect(requestDepth(requests)).toBeLessThanOrEqual(2);
    expect(groupReads.map((r) => r.path)).toEqual([
      "/v3/security_groups?per_page=5000",
      "/v3/security_groups?per_page=5000&page=2",
    ]);
    expect(result.observation.bindingsComplete).toBe(true);
  });

  it("reads one page when the user sees fewer than 5,000 groups (an org manager)", async () => {
    const { result, expected, groupReads, visible } = await read("bench", SMALL);
    expect(visible).toBeLessThanOrEqual(5000);
    expect(result.matrix.spaces).toEqual(expected.spaces);
    expect(groupReads.map((r) => r.path)).toEqual(["/v3/security_groups?per_page=5000"]);
  });

  it("asks a large org's every page with page 1 once the list and the org are remembered, never a small org's", async () => {
    const first = await read("admin", LARGE, "everything");
    expect(first.groupReads.map((r) => r.path)).toEqual([
      "/v3/security_groups?per_page=5000",
      "/v3/security_groups?per_page=5000&page=2",
    ]);
    const again = await read("admin", LARGE, "everything");
    expect(again.result.matrix.spaces).toEqual(again.expected.spaces);
    // The same requests; page 2 no longer waits for page 1, nor for the org's spaces to be counted.
    expect(again.groupReads.map((r) => r.path).sort()).toEqual(first.groupReads.map((r) => r.path));
    expect(again.requests).toHaveLength(first.requests.length);
    const pageOne = again.groupReads.find((r) => !r.path.includes("page=2"));
    const pageTwo = again.groupReads.find((r) => r.path.includes("page=2"));
    const spaces = again.requests.find((r) => r.path.startsWith("/v3/spaces"));
    expect(pageTwo!.started_at).toBeLessThan(pageOne!.ended_at);
    expect(pageTwo!.started_at).toBeLessThan(spaces!.ended_at);
    expect(requestDepth(again.requests)).toBe(1);
    // A small org of the same foundation reads by space as before: no page 2 guessed.
    const small = await read("admin", SMALL, "everything");
    expect(small.groupReads).toHaveLength(6);
    expect(small.groupReads.some((r) => r.path.includes("page=2"))).toBe(false);
  });
});
