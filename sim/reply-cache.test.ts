import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ids } from "./seed";
import { startTestSim, type TestSim } from "./testing/harness";

/**
 * The benchmarks' read cache (SimOptions.cacheReads): the same answers as
 * without it, and never an answer from before a change.
 */

const { securityGroups: g, spaces: s } = ids;
type Group = { guid: string; name: string; relationships: { running_spaces: { data: { guid: string }[] } } };
const groups = (body: unknown) => (body as { resources: Group[] }).resources;
const runningSpacesOf = (body: unknown, guid: string) =>
  groups(body)
    .find((group) => group.guid === guid)
    ?.relationships.running_spaces.data.map((d) => d.guid) ?? [];

describe("the stand-in's read cache", () => {
  let cached: TestSim;
  let plain: TestSim;
  beforeAll(async () => {
    [cached, plain] = await Promise.all([startTestSim({ cacheReads: true }), startTestSim()]);
  });
  afterAll(async () => {
    await Promise.all([cached.close(), plain.close()]);
  });

  it("answers a read again with the same bytes and headers as a stand-in without it", async () => {
    const first = await cached.call("GET", "/v3/security_groups?per_page=2", { user: "admin" });
    const again = await cached.call("GET", "/v3/security_groups?per_page=2", { user: "admin" });
    const without = await plain.call("GET", "/v3/security_groups?per_page=2", { user: "admin" });
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.get("content-type")).toBe(without.headers.get("content-type"));
    expect(again.headers.get("x-user-guid")).toBe(ids.users.admin);
    // Other stand-ins make other links (their own ports): compare what CF says, not where it lives.
    expect(groups(again.body).map((group) => group.guid)).toEqual(groups(without.body).map((x) => x.guid));
  });

  it("keeps answers per token: another user's read is not served from an admin's", async () => {
    await cached.call("GET", "/v3/security_groups", { user: "admin" });
    const sam = await cached.call("GET", "/v3/security_groups", { user: "sam" });
    const samPlain = await plain.call("GET", "/v3/security_groups", { user: "sam" });
    expect(groups(sam.body).map((group) => group.guid)).toEqual(groups(samPlain.body).map((x) => x.guid));
  });

  it("answers from the world as it is after a write through the API", async () => {
    const before = await cached.call("GET", "/v3/security_groups", { user: "admin" });
    expect(runningSpacesOf(before.body, g.dns)).not.toContain(s.gammaLegacy);
    const bound = await cached.call("POST", `/v3/security_groups/${g.dns}/relationships/running_spaces`, {
      user: "admin",
      body: { data: [{ guid: s.gammaLegacy }] },
    });
    expect(bound.status).toBe(200);
    const after = await cached.call("GET", "/v3/security_groups", { user: "admin" });
    expect(runningSpacesOf(after.body, g.dns)).toContain(s.gammaLegacy);
  });

  it("answers from the world as it is after a background job ends (a group's deletion)", async () => {
    const created = await cached.call("POST", "/v3/security_groups", {
      user: "admin",
      body: { name: "short-lived" },
    });
    const guid = (created.body as { guid: string }).guid;
    const deleted = await cached.call("DELETE", `/v3/security_groups/${guid}`, { user: "admin" });
    expect(deleted.status).toBe(202);
    // Read (and keep) the list while the job still runs, then again once it has ended.
    const during = await cached.call("GET", "/v3/security_groups", { user: "admin" });
    expect(groups(during.body).map((group) => group.guid)).toContain(guid);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const after = await cached.call("GET", "/v3/security_groups", { user: "admin" });
    expect(groups(after.body).map((group) => group.guid)).not.toContain(guid);
  });

  it("answers from a replaced world (reset)", async () => {
    await cached.call("GET", "/v3/security_groups", { user: "admin" });
    await cached.reset();
    const after = await cached.call("GET", "/v3/security_groups", { user: "admin" });
    expect(groups(after.body).map((group) => group.name)).not.toContain("short-lived");
  });

  it("refuses a token that expired since its answer was kept", async () => {
    const faults = (body: unknown) =>
      fetch(`${cached.sim.cfUrl}/__sim/faults`, { method: "POST", body: JSON.stringify(body) });
    await faults({ access_token_lifetime_seconds: 1 });
    const token = await cached.token("olivia");
    await faults({ access_token_lifetime_seconds: null });
    expect((await cached.call("GET", "/v3/security_groups", { token })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await cached.call("GET", "/v3/security_groups", { token })).status).toBe(401);
  });
});
