import { afterEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { verifyWholeChain, type ChainVerdict } from "./chain-check";
import { connect, type Connection } from "./connect";
import { testBackends } from "./test-support/backends";
import {
  intent,
  observation,
  ORG,
  OLIVIA,
  PUBLIC,
  space,
  STALE_MS,
  T0,
  TRUSTED,
  useHistory,
} from "./test-support/fixtures";
import type { AppDatabase } from "./types";

/**
 * The history's hash chain on each database: every way of writing the history leaves it intact,
 * and each kind of tampering (a field updated, a row deleted, records reordered or removed, a row
 * added behind its back) is found at the entry where it happened.
 */

/** A history with each kind of write: intents and outcomes, drift, a settlement, a policy, a segment, a request, an event. */
async function writeHistory(h: { store: AppDatabase; clock: number }) {
  const store = h.store;
  await store.observe(observation(T0, [space("s-dev"), space("s-prod")]));
  h.clock = T0 + 1_000;
  const [bound, other] = await store.recordIntents([intent("s-dev", PUBLIC), intent("s-prod", TRUSTED)]);
  await store.recordOutcomes([bound ?? -1], { outcome: "succeeded" });
  h.clock = T0 + 2_000;
  // Drift on prod (TRUSTED seen bound is explained by the pending change, settled as succeeded).
  await store.observe(
    observation(T0 + 1_000 + STALE_MS + 1, [space("s-dev", [PUBLIC]), space("s-prod", [TRUSTED, PUBLIC])]),
  );
  const policy = await store.writePolicy({
    user: OLIVIA,
    orgGuid: ORG,
    document: { rules: [] },
    expectedVersion: 0,
    message: "Policy set",
  });
  const segment = await store.recordSegmentIntent({
    user: OLIVIA,
    orgGuid: ORG,
    spaceGuid: "s-dev",
    spaceName: "dev",
    from: null,
    to: { guid: "seg", name: "secure" },
  });
  await store.recordSegmentOutcome(segment, { outcome: "failed", message: "CF said no" });
  const request = await store.recordRequest({
    user: OLIVIA,
    orgGuid: ORG,
    message: "Asked for 10.0.0.0/8",
    details: { cidr: "10.0.0.0/8" },
  });
  const [event] = await store.watch.recordJudgements(
    [],
    [
      {
        kind: "violation-began",
        orgGuid: ORG,
        spaceGuid: "s-prod",
        spaceName: "prod",
        rule: "1",
        reasons: ["public"],
        cause: { kind: "unknown" },
        windowFrom: T0,
        windowTo: T0 + 2_000,
      },
    ],
  );
  return {
    bound: bound ?? -1,
    other: other ?? -1,
    policy: policy.ok ? policy.entryId : -1,
    segment,
    request,
    event: event ?? -1,
  };
}

const brokenAt = (verdict: ChainVerdict) => (verdict.intact ? null : verdict.break);

describe.each(testBackends())("the history's hash chain on $name", (backend) => {
  const h = useHistory(backend);
  let raw: Connection | undefined;
  const tamper = () => (raw ??= connect(h.database.config)).db;
  afterEach(async () => {
    await raw?.db.destroy();
    raw = undefined;
  });

  it("records every write in order, outcomes as their own records, and verifies intact", async () => {
    const ids = await writeHistory(h);
    const verdict = await verifyWholeChain(h.store.chain);
    expect(verdict).toMatchObject({ intact: true });
    const records = await tamper()
      .selectFrom("history_chain")
      .select(["seq", "subject", "subject_id"])
      .orderBy("seq")
      .execute();
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    const entries = await tamper().selectFrom("history_entries").select("id").execute();
    // One `entry` record per entry, one `event` per event, and outcomes: bound, other (settled), the segment's.
    expect(records.filter((r) => r.subject === "entry")).toHaveLength(entries.length);
    expect(records.filter((r) => r.subject === "event").map((r) => r.subject_id)).toEqual([ids.event]);
    expect(
      records
        .filter((r) => r.subject === "outcome")
        .map((r) => r.subject_id)
        .sort(),
    ).toEqual([ids.bound, ids.other, ids.segment].sort());
    expect(verdict.records).toBe(records.length);
    expect((await h.store.chain.head()).seq).toBe(records.length);
  });

  it("finds a field updated behind its back, at that entry, saying what differs", async () => {
    const ids = await writeHistory(h);
    await tamper()
      .updateTable("history_entries")
      .set({ user_name: "mallory" })
      .where("id", "=", ids.policy)
      .execute();
    const found = brokenAt(await verifyWholeChain(h.store.chain));
    expect(found).toMatchObject({ subject: "entry", subjectId: ids.policy });
    expect(found?.problems).toEqual(['user_name: the chain has "olivia", the row has "mallory"']);
  });

  it("finds an outcome rewritten behind its back, though honest outcomes verify", async () => {
    const ids = await writeHistory(h);
    await tamper()
      .updateTable("history_entries")
      .set({ outcome: "failed" })
      .where("id", "=", ids.bound)
      .execute();
    const found = brokenAt(await verifyWholeChain(h.store.chain));
    expect(found).toMatchObject({ subject: "entry", subjectId: ids.bound, at: T0 + 1_000 });
    expect(found?.problems).toEqual(['outcome: the chain has "succeeded", the row has "failed"']);
  });

  it("finds a deleted entry", async () => {
    const ids = await writeHistory(h);
    await tamper().deleteFrom("history_entries").where("id", "=", ids.request).execute();
    expect(brokenAt(await verifyWholeChain(h.store.chain))).toMatchObject({
      subjectId: ids.request,
      problems: ["the row is no longer in history_entries (deleted)"],
    });
  });

  it("finds a record removed from the chain, and an outcome's record removed at its entry", async () => {
    const ids = await writeHistory(h);
    const db = tamper();
    const record = (subject: "entry" | "outcome", id: number) =>
      db
        .selectFrom("history_chain")
        .select("seq")
        .where("subject", "=", subject)
        .where("subject_id", "=", id)
        .executeTakeFirstOrThrow();
    const { seq } = await record("entry", ids.request);
    await db.deleteFrom("history_chain").where("seq", "=", seq).execute();
    expect(brokenAt(await verifyWholeChain(h.store.chain))).toMatchObject({
      seq: seq + 1,
      problems: [`record ${seq} is missing from the chain (deleted)`],
    });

    const outcome = await record("outcome", ids.bound);
    await db.deleteFrom("history_chain").where("seq", "=", outcome.seq).execute();
    // The entry's row no longer matches what the chain says of it: found at the entry, before the gap.
    expect(brokenAt(await verifyWholeChain(h.store.chain))).toMatchObject({
      subjectId: ids.bound,
      problems: ['outcome: the chain has "pending", the row has "succeeded"'],
    });
  });

  it("finds two records swapped", async () => {
    await writeHistory(h);
    // Swap the contents of records 2 and 3, keeping their numbers: the order of events is rewritten.
    const db = tamper();
    const [two, three] = await db
      .selectFrom("history_chain")
      .selectAll()
      .where("seq", "in", [2, 3])
      .orderBy("seq")
      .execute();
    if (!two || !three) throw new Error("expected records 2 and 3");
    await db
      .updateTable("history_chain")
      .set({ subject_id: three.subject_id, record: three.record, subject: three.subject })
      .where("seq", "=", 2)
      .execute();
    await db
      .updateTable("history_chain")
      .set({ subject_id: two.subject_id, record: two.record, subject: two.subject })
      .where("seq", "=", 3)
      .execute();
    const found = brokenAt(await verifyWholeChain(h.store.chain));
    expect(found).toMatchObject({ seq: 2, subjectId: three.subject_id });
    expect(found?.problems[0]).toMatch(/hash does not match/);
  });

  it("finds a row added behind its back, and a watcher event altered", async () => {
    const ids = await writeHistory(h);
    const db = tamper();
    await db.updateTable("watch_events").set({ reasons: "[]" }).where("id", "=", ids.event).execute();
    expect(brokenAt(await verifyWholeChain(h.store.chain))).toMatchObject({
      subject: "event",
      subjectId: ids.event,
    });
    await db
      .updateTable("watch_events")
      .set({ reasons: JSON.stringify(["public"]) })
      .where("id", "=", ids.event)
      .execute();
    expect(await verifyWholeChain(h.store.chain)).toMatchObject({ intact: true });

    const added = await db
      .insertInto("history_entries")
      .values({
        occurred_at: T0 + 5,
        kind: "policy",
        org_guid: ORG,
        user_guid: "u-x",
        user_name: "x",
        details: "{}",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(brokenAt(await verifyWholeChain(h.store.chain))).toMatchObject({
      seq: null,
      subjectId: added.id,
      problems: ["the row is in history_entries but not in the chain (added)"],
    });
  });

  it("stays one line when two instances write at once", async () => {
    const another = await h.another();
    const writes = Array.from({ length: 20 }, async (_, i) => {
      const store = i % 2 === 0 ? h.store : another;
      const [id] = await store.recordIntents([intent(`s-${i}`, PUBLIC)]);
      await store.recordOutcomes([id ?? -1], { outcome: i % 3 === 0 ? "failed" : "succeeded" });
      await store.recordRequest({ user: OLIVIA, orgGuid: ORG, message: `r${i}`, details: {} });
    });
    await Promise.all(writes);
    const verdict = await verifyWholeChain(another.chain);
    expect(verdict).toMatchObject({ intact: true, records: 60 });
    const count = await tamper()
      .selectFrom("history_chain")
      .select(sql<number>`count(distinct seq)`.as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(60);
  });

  it("verifies a step at a time from a trusted point, and notices that point rewritten", async () => {
    await writeHistory(h);
    const first = await h.store.chain.verify({ seq: 0, hash: "0".repeat(64) }, 3);
    expect(first).toMatchObject({ checked: 3, reachedEnd: false, break: null, through: { seq: 3 } });
    const rest = await h.store.chain.verify(first.through, 1_000);
    expect(rest.reachedEnd).toBe(true);
    expect(await h.store.chain.stillAnchored(first.through)).toBe(true);
    await tamper()
      .updateTable("history_chain")
      .set({ hash: "f".repeat(64) })
      .where("seq", "=", 3)
      .execute();
    expect(await h.store.chain.stillAnchored(first.through)).toBe(false);
  });

  it("answers each entry's record and latest outcome, and the events around a period, for the report", async () => {
    const ids = await writeHistory(h);
    const refs = await h.store.chain.refs("entry", [ids.bound, ids.policy]);
    const rows = await tamper()
      .selectFrom("history_chain")
      .select(["seq", "hash", "subject", "subject_id"])
      .execute();
    const seqOf = (subject: string, id: number) =>
      rows.find((r) => r.subject === subject && r.subject_id === id);
    expect(refs.get(ids.bound)).toEqual({
      record: { seq: seqOf("entry", ids.bound)?.seq, hash: seqOf("entry", ids.bound)?.hash },
      outcome: { seq: seqOf("outcome", ids.bound)?.seq, hash: seqOf("outcome", ids.bound)?.hash },
    });
    expect(refs.get(ids.policy)?.outcome).toBeNull();
    expect((await h.store.chain.refs("event", [ids.event])).get(ids.event)?.record.seq).toBe(
      seqOf("event", ids.event)?.seq,
    );

    const turn = (kind: "violation-began" | "violation-ended", spaceGuid: string) => ({
      kind,
      orgGuid: ORG,
      spaceGuid,
      spaceName: spaceGuid.slice(2),
      rule: "1",
      reasons: [],
      cause: { kind: "unknown" as const },
      windowFrom: null,
      windowTo: h.clock,
    });
    h.clock = T0 + 10_000;
    await h.store.watch.recordJudgements([], [turn("violation-began", "s-dev")]);
    h.clock = T0 + 20_000;
    const [ended] = await h.store.watch.recordJudgements([], [turn("violation-ended", "s-dev")]);
    h.clock = T0 + 30_000;
    const [within] = await h.store.watch.recordJudgements([], [turn("violation-began", "s-dev")]);
    const around = await h.store.chain.eventsAround(ORG, T0 + 25_000, T0 + 40_000);
    // Before the period: each space's last event (prod's from writeHistory, dev's "ended"); within: the last turn.
    expect(around.before.map((e) => [e.spaceGuid, e.id]).sort()).toEqual(
      [
        ["s-dev", ended],
        ["s-prod", ids.event],
      ].sort(),
    );
    expect(around.within.map((e) => e.id)).toEqual([within]);
  });
});
