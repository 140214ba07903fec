import { describe, expect, it } from "vitest";
import { outcomeAsOf } from "./outcome";
import { testBackends } from "./test-support/backends";
import {
  ADMIN_SEES,
  intent,
  MANAGER_SEES,
  observation,
  ORG,
  PUBLIC,
  SECRET,
  space,
  STALE_MS,
  T0,
  TRUSTED,
  useHistory,
} from "./test-support/fixtures";
import type { ChangeEntry, DriftEntry, HistoryEntry } from "./types";

const MINUTE = 60_000;

describe.each(testBackends())("drift check on $name", (backend) => {
  const h = useHistory(backend);

  async function entries(): Promise<HistoryEntry[]> {
    const result = await h.store.list({ orgGuid: ORG, spaceGuids: ["s-dev", "s-prod"], limit: 100 });
    if (!result.ok) throw new Error(result.message);
    return result.entries;
  }
  const drifts = async () => (await entries()).filter((e): e is DriftEntry => e.kind === "drift");
  const change = async (id: number) => (await entries()).find((e): e is ChangeEntry => e.id === id);

  it("records a space seen for the first time as its baseline, without an entry", async () => {
    const result = await h.store.observe(observation(T0, [space("s-dev", [PUBLIC]), space("s-prod")]));
    expect(result).toEqual({ drifted: 0, baselined: 2, settled: 0 });
    expect(await entries()).toEqual([]);
    const again = await h.store.observe(
      observation(T0 + MINUTE, [space("s-dev", [PUBLIC]), space("s-prod")]),
    );
    expect(again).toEqual({ drifted: 0, baselined: 0, settled: 0 });
  });

  it("never reports a group edit as drift: it changes a group's rules, not a space's bindings", async () => {
    await h.store.observe(observation(T0, [space("s-dev", [TRUSTED]), space("s-prod", [TRUSTED])]));
    h.clock = T0 + MINUTE;
    const details = {
      rules: { before: [{ protocol: "tcp", destination: "10.10.4.0/24", ports: "6379" }], after: [] },
      globallyEnabled: {
        before: { running: false, staging: false },
        after: { running: false, staging: false },
      },
      spaces: [{ guid: "s-dev", name: "dev", lifecycle: "running" as const, opens: [], closes: ["Redis"] }],
      command: "cf update-security-group trusted rules.json",
    };
    const ids = await h.store.recordGroupEditIntents([
      { user: { guid: "u", name: "admin" }, orgGuid: ORG, group: TRUSTED, details },
    ]);
    await h.store.recordGroupEditOutcome(ids, { outcome: "succeeded" });
    // Later observations, by a page or the watcher, see the same bindings (the group's new rules with them).
    h.clock = T0 + 10 * MINUTE;
    const after = observation(T0 + 9 * MINUTE, [space("s-dev", [TRUSTED]), space("s-prod", [TRUSTED])]);
    expect(await h.store.observe(after)).toEqual({ drifted: 0, baselined: 0, settled: 0 });
    expect((await entries()).map((e) => [e.kind, e.kind === "group" && e.outcome])).toEqual([
      ["group", "succeeded"],
    ]);
  });

  it("reports a `cf bind-security-group` done outside as one drift entry, between last seen and now", async () => {
    await h.store.observe(observation(T0, [space("s-dev")]));
    h.clock = T0 + 10 * MINUTE;
    const seen = observation(T0 + 9 * MINUTE, [space("s-dev", [PUBLIC], [TRUSTED])]);
    expect(await h.store.observe(seen)).toEqual({ drifted: 1, baselined: 0, settled: 0 });

    expect(await drifts()).toEqual([
      {
        id: expect.any(Number) as number,
        kind: "drift",
        occurredAt: T0 + 10 * MINUTE,
        orgGuid: ORG,
        requestId: null,
        spaceGuid: "s-dev",
        spaceName: "dev",
        from: T0,
        to: T0 + 10 * MINUTE,
        changes: [
          { groupGuid: PUBLIC.guid, groupName: PUBLIC.name, lifecycle: "running", change: "bound" },
          { groupGuid: TRUSTED.guid, groupName: TRUSTED.name, lifecycle: "staging", change: "bound" },
        ],
      },
    ]);
    // Recorded: the same state again is not drift, and an unbind later is, from the last sighting.
    h.clock = T0 + 20 * MINUTE;
    expect(
      await h.store.observe(observation(T0 + 19 * MINUTE, [space("s-dev", [PUBLIC], [TRUSTED])])),
    ).toEqual({
      drifted: 0,
      baselined: 0,
      settled: 0,
    });
    h.clock = T0 + 30 * MINUTE;
    await h.store.observe(observation(T0 + 29 * MINUTE, [space("s-dev", [], [TRUSTED])]));
    const [latest] = await drifts();
    expect(latest).toMatchObject({
      from: T0 + 19 * MINUTE,
      changes: [{ groupGuid: PUBLIC.guid, change: "unbound" }],
    });
  });

  it("does not report what a user with partial visibility cannot see", async () => {
    await h.store.observe(observation(T0, [space("s-dev", [PUBLIC, SECRET])], ADMIN_SEES));
    // An org manager does not see the admin's group: not "unbound".
    h.clock = T0 + MINUTE;
    const manager = observation(T0 + MINUTE, [space("s-dev", [PUBLIC, TRUSTED])], MANAGER_SEES);
    expect(await h.store.observe(manager)).toMatchObject({ drifted: 1 });
    expect((await drifts())[0]?.changes).toEqual([
      { groupGuid: TRUSTED.guid, groupName: TRUSTED.name, lifecycle: "running", change: "bound" },
    ]);
    // The group was kept in the record: the admin's next look finds nothing new.
    h.clock = T0 + 2 * MINUTE;
    const admin = observation(T0 + 2 * MINUTE, [space("s-dev", [PUBLIC, SECRET, TRUSTED])], ADMIN_SEES);
    expect(await h.store.observe(admin)).toMatchObject({ drifted: 0 });
  });

  it("never reports the dashboard's own change as drift, succeeded or failed", async () => {
    await h.store.observe(observation(T0, [space("s-dev"), space("s-prod", [PUBLIC])]));
    h.clock = T0 + MINUTE;
    const [bind, unbind] = await h.store.recordIntents([
      intent("s-dev", PUBLIC, "bind"),
      intent("s-prod", PUBLIC, "unbind"),
    ]);
    await h.store.recordOutcomes([bind!], { outcome: "succeeded" });
    await h.store.recordOutcomes([unbind!], { outcome: "failed", message: "CF refused." });
    h.clock = T0 + 3 * MINUTE;
    const after = observation(T0 + 2 * MINUTE, [space("s-dev", [PUBLIC]), space("s-prod", [PUBLIC])]);
    expect(await h.store.observe(after)).toEqual({ drifted: 0, baselined: 0, settled: 0 });
    expect(await drifts()).toEqual([]);
  });

  it("skips an observation older than the record: the dashboard's change landed after those reads", async () => {
    await h.store.observe(observation(T0, [space("s-dev")]));
    h.clock = T0 + 2 * MINUTE;
    const [id] = await h.store.recordIntents([intent("s-dev", PUBLIC)]);
    await h.store.recordOutcomes([id!], { outcome: "succeeded" });
    // Reads that began before the change was recorded, and missed it.
    const stale = observation(T0 + MINUTE, [space("s-dev")]);
    expect(await h.store.observe(stale)).toEqual({ drifted: 0, baselined: 0, settled: 0 });
    // Reads after it that miss it: someone unbound it outside.
    h.clock = T0 + 4 * MINUTE;
    expect(await h.store.observe(observation(T0 + 3 * MINUTE, [space("s-dev")]))).toMatchObject({
      drifted: 1,
    });
    expect((await drifts())[0]?.changes).toMatchObject([{ groupGuid: PUBLIC.guid, change: "unbound" }]);
  });

  it("ignores a difference on a change still in flight", async () => {
    await h.store.observe(observation(T0, [space("s-dev")]));
    h.clock = T0 + MINUTE;
    const [id] = await h.store.recordIntents([intent("s-dev", PUBLIC)]);
    // CF already applied it; the outcome is not written yet.
    const during = observation(T0 + MINUTE + 10, [space("s-dev", [PUBLIC])]);
    expect(await h.store.observe(during)).toEqual({ drifted: 0, baselined: 0, settled: 0 });
    expect((await change(id!))?.outcome).toBe("pending");
    await h.store.recordOutcomes([id!], { outcome: "succeeded" });
    h.clock = T0 + 3 * MINUTE;
    expect(await h.store.observe(observation(T0 + 3 * MINUTE, [space("s-dev", [PUBLIC])]))).toMatchObject({
      drifted: 0,
    });
  });

  describe("a crash between the CF request and the outcome write", () => {
    it("reads as pending until the next check settles it as succeeded when the change landed", async () => {
      await h.store.observe(observation(T0, [space("s-dev")]));
      h.clock = T0 + MINUTE;
      const [id] = await h.store.recordIntents([intent("s-dev", PUBLIC)]);
      // …CF binds, and the process dies before recordOutcomes.
      expect(await change(id!)).toMatchObject({ outcome: "pending", settled: null });
      expect(outcomeAsOf((await change(id!))!, T0 + MINUTE + STALE_MS, STALE_MS)).toBe("unknown");

      h.clock = T0 + MINUTE + STALE_MS + 2_000;
      const later = observation(T0 + MINUTE + STALE_MS + 1_000, [space("s-dev", [PUBLIC])]);
      expect(await h.store.observe(later)).toEqual({ drifted: 0, baselined: 0, settled: 1 });
      expect(await change(id!)).toMatchObject({
        outcome: "succeeded",
        settled: { at: T0 + MINUTE + STALE_MS + 2_000, by: "drift check" },
      });
      expect(await drifts()).toEqual([]);
      // The settled change is in the record now.
      h.clock += MINUTE;
      expect(await h.store.observe(observation(h.clock, [space("s-dev", [PUBLIC])]))).toMatchObject({
        drifted: 0,
        settled: 0,
      });
    });

    it("settles it as failed when the change did not land", async () => {
      await h.store.observe(observation(T0, [space("s-dev", [PUBLIC])]));
      h.clock = T0 + MINUTE;
      const [id] = await h.store.recordIntents([intent("s-dev", PUBLIC, "unbind")]);
      h.clock = T0 + MINUTE + STALE_MS + 1;
      const later = observation(h.clock, [space("s-dev", [PUBLIC])]);
      expect(await h.store.observe(later)).toEqual({ drifted: 0, baselined: 0, settled: 1 });
      expect(await change(id!)).toMatchObject({ outcome: "failed", settled: { by: "drift check" } });
    });

    it("settles a timed-out request (outcome unknown) the same way, and CF's late answer still wins", async () => {
      await h.store.observe(observation(T0, [space("s-dev")]));
      h.clock = T0 + MINUTE;
      const [id] = await h.store.recordIntents([intent("s-dev", TRUSTED, "bind", { lifecycle: "staging" })]);
      await h.store.recordOutcomes([id!], { outcome: "unknown", message: "CF did not answer in time." });
      expect((await change(id!))?.outcome).toBe("unknown");
      h.clock = T0 + MINUTE + STALE_MS + 1;
      await h.store.observe(observation(h.clock, [space("s-dev")]));
      expect(await change(id!)).toMatchObject({ outcome: "failed", settled: { by: "drift check" } });

      await h.store.recordOutcomes([id!], { outcome: "succeeded" });
      expect(await change(id!)).toMatchObject({ outcome: "succeeded", settled: null });
      h.clock += MINUTE;
      expect(await h.store.observe(observation(h.clock, [space("s-dev", [], [TRUSTED])]))).toMatchObject({
        drifted: 0,
      });
    });
  });

  it("waits with the baseline of a space the dashboard is changing right now", async () => {
    // Reads of a space never seen before, while the dashboard binds in it.
    const [id] = await h.store.recordIntents([intent("s-dev", PUBLIC)]);
    await h.store.recordOutcomes([id!], { outcome: "succeeded" });
    h.clock = T0 + 1_000;
    expect(await h.store.observe(observation(T0 - 500, [space("s-dev")]))).toMatchObject({ baselined: 0 });
    h.clock = T0 + STALE_MS + 1;
    expect(await h.store.observe(observation(h.clock, [space("s-dev", [PUBLIC])]))).toMatchObject({
      baselined: 1,
    });
  });

  it("checks 1,000 spaces in a handful of queries", async () => {
    const spaces = Array.from({ length: 1_000 }, (_, i) => space(`s-${i}`, i % 2 ? [PUBLIC] : []));
    await h.store.observe(observation(T0, spaces));
    h.queries.length = 0;
    h.clock = T0 + 2 * MINUTE;
    expect(await h.store.observe(observation(h.clock, spaces))).toEqual({
      drifted: 0,
      baselined: 0,
      settled: 0,
    });
    // Two reads and one "seen" update for all spaces.
    expect(h.queries).toHaveLength(3);
    // Checked again within the minute: nothing is due, so the two reads alone (a page loaded again).
    h.queries.length = 0;
    expect(await h.store.observe(observation(h.clock + 30_000, spaces))).toEqual({
      drifted: 0,
      baselined: 0,
      settled: 0,
    });
    expect(h.queries).toHaveLength(2);
  });
});
