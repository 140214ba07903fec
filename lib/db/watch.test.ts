import { describe, expect, it } from "vitest";
import { testBackends } from "./test-support/backends";
import { intent, observation, ORG, PUBLIC, space, T0, useHistory } from "./test-support/fixtures";
import type { Standing } from "./types";

/**
 * The watcher's tables: one lease holder at a time however many instances
 * ask (on SQLite and, with DATABASE_URL, PostgreSQL), its cycles, and each
 * space's standing with the events of its turns.
 */

const LEASE = "watcher";
const TTL = 7_500;

describe.each(testBackends())("the watcher's lease on $name", (backend) => {
  const h = useHistory(backend);

  it("is taken when free, refused to another while it runs, and renewed by its holder", async () => {
    const other = await h.another();
    expect(await h.store.watch.acquireLease(LEASE, "a", TTL)).toBe(true);
    expect(await other.watch.acquireLease(LEASE, "b", TTL)).toBe(false);
    h.clock = T0 + 5_000;
    expect(await h.store.watch.acquireLease(LEASE, "a", TTL)).toBe(true);
    expect(await h.store.watch.lease(LEASE)).toEqual({
      holder: "a",
      acquiredAt: T0,
      expiresAt: T0 + 5_000 + TTL,
    });
    h.clock = T0 + 5_000 + TTL - 1;
    expect(await other.watch.acquireLease(LEASE, "b", TTL)).toBe(false);
  });

  it("is taken over once its holder stops renewing, and the old holder then finds it gone", async () => {
    const other = await h.another();
    expect(await h.store.watch.acquireLease(LEASE, "a", TTL)).toBe(true);
    h.clock = T0 + TTL;
    expect(await other.watch.acquireLease(LEASE, "b", TTL)).toBe(true);
    expect(await other.watch.lease(LEASE)).toEqual({
      holder: "b",
      acquiredAt: T0 + TTL,
      expiresAt: T0 + 2 * TTL,
    });
    expect(await h.store.watch.acquireLease(LEASE, "a", TTL)).toBe(false);
  });

  it("goes to exactly one of several instances asking at once", async () => {
    const stores = [h.store, await h.another(), await h.another(), await h.another()];
    const won = await Promise.all(stores.map((store, i) => store.watch.acquireLease(LEASE, `i${i}`, TTL)));
    expect(won.filter(Boolean)).toHaveLength(1);
    h.clock = T0 + TTL; // expired: again exactly one takes it over
    const again = await Promise.all(stores.map((store, i) => store.watch.acquireLease(LEASE, `j${i}`, TTL)));
    expect(again.filter(Boolean)).toHaveLength(1);
  });

  it("is free at once when its holder releases it, and not when another does", async () => {
    expect(await h.store.watch.acquireLease(LEASE, "a", TTL)).toBe(true);
    await h.store.watch.releaseLease(LEASE, "b");
    expect(await h.store.watch.acquireLease(LEASE, "b", TTL)).toBe(false);
    await h.store.watch.releaseLease(LEASE, "a");
    expect(await h.store.watch.lease(LEASE)).toBeNull();
    expect(await h.store.watch.acquireLease(LEASE, "b", TTL)).toBe(true);
  });
});

describe.each(testBackends())("the watcher's cycles and standings on $name", (backend) => {
  const h = useHistory(backend);

  it("records each cycle with its counts and error, newest first", async () => {
    const first = await h.store.watch.startCycle("a", T0 - 10);
    h.clock = T0 + 200;
    await h.store.watch.finishCycle(first, { counts: { spaces: 7 }, error: null });
    h.clock = T0 + 5_000;
    const second = await h.store.watch.startCycle("b", T0 + 4_990);
    expect(await h.store.watch.lastCycles(5)).toEqual([
      {
        id: second,
        holder: "b",
        startedAt: T0 + 5_000,
        observedAt: T0 + 4_990,
        endedAt: null,
        counts: null,
        error: null,
      },
      {
        id: first,
        holder: "a",
        startedAt: T0,
        observedAt: T0 - 10,
        endedAt: T0 + 200,
        counts: { spaces: 7 },
        error: null,
      },
    ]);
  });

  const standing = (
    spaceGuid: string,
    verdict: Standing["verdict"],
    more: Partial<Standing> = {},
  ): Standing => ({
    spaceGuid,
    orgGuid: ORG,
    spaceName: spaceGuid.replace(/^s-/, ""),
    verdict,
    rule: verdict === "unjudged" ? null : "1",
    reasons: verdict === "violates" ? ["Public egress is on; rule 1"] : [],
    policyVersion: 1,
    judgedAt: T0,
    ...more,
  });

  it("writes standings and their events together, and updates a standing in place", async () => {
    const ids = await h.store.watch.recordJudgements(
      [standing("s-dev", "complies"), standing("s-prod", "violates")],
      [
        {
          kind: "violation-began",
          orgGuid: ORG,
          spaceGuid: "s-prod",
          spaceName: "prod",
          rule: "1",
          reasons: ["Public egress is on; rule 1"],
          cause: { kind: "new-space" },
          windowFrom: null,
          windowTo: T0,
        },
      ],
    );
    expect(ids).toHaveLength(1);
    await h.store.watch.recordJudgements([standing("s-prod", "complies", { judgedAt: T0 + 1 })], []);
    const standings = await h.store.watch.standings(ORG);
    expect([...standings.values()].map((s) => [s.spaceGuid, s.verdict, s.judgedAt])).toEqual([
      ["s-dev", "complies", T0],
      ["s-prod", "complies", T0 + 1],
    ]);
    const [event] = await h.store.watch.events(ORG, 10);
    expect(event).toMatchObject({
      id: ids[0],
      kind: "violation-began",
      cause: { kind: "new-space" },
      occurredAt: T0,
    });
  });

  it("forgets the standings of spaces gone from CF", async () => {
    await h.store.watch.recordJudgements([standing("s-dev", "complies"), standing("s-prod", "violates")], []);
    expect(await h.store.watch.pruneStandings(["s-dev", "s-other"])).toBe(1);
    expect([...(await h.store.watch.standings(ORG)).keys()]).toEqual(["s-dev"]);
  });

  it("finds each space's latest change or drift since a time, and the org's latest policy edit", async () => {
    await h.store.observe(observation(T0, [space("s-dev"), space("s-prod")]));
    h.clock = T0 + 1_000;
    const [changeId] = await h.store.recordIntents([intent("s-dev", PUBLIC)]);
    await h.store.recordOutcomes([changeId ?? -1], { outcome: "succeeded" });
    h.clock = T0 + 2_000;
    await h.store.observe(observation(T0 + 2_000, [space("s-dev", [PUBLIC]), space("s-prod", [PUBLIC])]));
    const written = await h.store.writePolicy({
      user: { guid: "u", name: "olivia" },
      orgGuid: ORG,
      document: { version: 1, rules: [] },
      expectedVersion: 0,
    });

    const { entries, policyEntryId } = await h.store.watch.causes(ORG, ["s-dev", "s-prod", "s-gone"], T0);
    expect(policyEntryId).toBe(written.ok ? written.entryId : -1);
    expect(entries.get("s-dev")).toEqual({
      id: changeId,
      kind: "change",
      summary: "olivia bound public_networks_egress (running)",
    });
    expect(entries.get("s-prod")).toMatchObject({
      kind: "drift",
      summary: "changed outside the dashboard: public_networks_egress bound (running)",
    });
    expect(entries.has("s-gone")).toBe(false);
    expect((await h.store.watch.causes(ORG, ["s-dev"], T0 + 2_000)).entries.size).toBe(0);
  });
});
