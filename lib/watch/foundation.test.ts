import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CfClient, type CfRequestEvent } from "@/lib/cf/client";
import { requestDepth } from "@/lib/cf/request-depth";
import { generateWorld } from "@/sim/generate";
import { seed } from "@/sim/seed";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import { WATCHER_CLIENT_ID, WATCHER_CLIENT_SECRET } from "@/sim/uaa";
import { readFoundation } from "./foundation";
import { ClientTokenSource } from "./token";

/**
 * The foundation read by a cycle, on a stand-in whose spaces and groups run
 * past one page of 5,000: the later pages of both lists go out together once
 * every first page has come, so the cycle's own request times show two round
 * trips; and a space and a group are kept with only what the cycle uses.
 */

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ seed: generateWorld(seed, { orgSizes: [5001], groups: 5001, rulesPerGroup: 1 }) });
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe("the foundation as a cycle reads it", () => {
  it("reads lists of two pages in two round trips, every later page sent after every first page came", async () => {
    const tokens = new ClientTokenSource({
      tokenUrl: () => Promise.resolve(`${t.sim.uaaUrl}/oauth/token`),
      clientId: WATCHER_CLIENT_ID,
      clientSecret: WATCHER_CLIENT_SECRET,
      timeoutMs: 5000,
    });
    const requests: CfRequestEvent[] = [];
    const client = new CfClient({
      apiUrl: t.sim.cfUrl,
      token: await tokens.token(),
      onRequest: (event) => requests.push(event),
    });
    const foundation = await readFoundation(client);

    expect(foundation.spaces.length).toBeGreaterThan(5000);
    expect(foundation.groups.length).toBeGreaterThan(5000);
    expect(new Set(foundation.spaces.map((s) => s.guid)).size).toBe(foundation.spaces.length);
    expect(new Set(foundation.groups.map((g) => g.guid)).size).toBe(foundation.groups.length);
    expect(foundation.orgGuids).toContain(foundation.spaces[0]?.orgGuid);
    expect(Object.keys(foundation.spaces[0] ?? {}).sort()).toEqual(["guid", "name", "orgGuid"]);
    // A group without its links and timestamps, its rules as their text, its bindings as guids.
    const bound = foundation.groups.find((g) => g.runningSpaces.length > 0);
    expect(Object.keys(bound ?? {}).sort()).toEqual([
      "globally_enabled",
      "guid",
      "name",
      "rulesText",
      "runningSpaces",
      "stagingSpaces",
    ]);
    const spaceGuids = new Set(foundation.spaces.map((s) => s.guid));
    for (const guid of bound?.runningSpaces ?? []) expect(spaceGuids.has(guid)).toBe(true);
    expect((JSON.parse(bound?.rulesText ?? "") as unknown[]).length).toBeGreaterThan(0);

    expect(requests.map((r) => r.path).sort()).toEqual([
      "/v3/organizations",
      "/v3/security_groups",
      "/v3/security_groups",
      "/v3/spaces",
      "/v3/spaces",
    ]);
    const bySending = [...requests].sort((a, b) => a.startedAt - b.startedAt);
    const firstPages = bySending.slice(0, 3);
    const laterPages = bySending.slice(3);
    expect(new Set(firstPages.map((r) => r.path)).size).toBe(3);
    const lastFirstPage = Math.max(...firstPages.map((r) => r.endedAt));
    for (const page of laterPages) expect(page.startedAt).toBeGreaterThanOrEqual(lastFirstPage);
    expect(requestDepth(requests)).toBe(2);
  }, 60_000);
});
