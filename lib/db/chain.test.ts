import { afterEach, describe, expect, it } from "vitest";
import { verifyWholeChain, type ChainVerdict } from "./chain-check";
import { connect, type Connection } from "./connect";
import { testBackends } from "./test-support/backends";
import { ORG, T0, useHistory } from "./test-support/fixtures";
import { writeHistory } from "./test-support/chain-history";

/**
 * The history's hash chain on each database: every way of writing the history leaves it intact,
 * and each kind of tampering (a field updated, a row deleted, records reordered or removed, a row
 * added behind its back) is found at the entry where it happened.
 */

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
    // One `entry` record per entry, one `event` per event, and outcomes: bound, other (settled), the segment's,
    // the group edit's.
    expect(records.filter((r) => r.subject === "entry")).toHaveLength(entries.length);
    expect(records.filter((r) => r.subject === "event").map((r) => r.subject_id)).toEqual([ids.event]);
    expect(
      records
        .filter((r) => r.subject === "outcome")
        .map((r) => r.subject_id)
        .sort(),
    ).toEqual([ids.bound, ids.other, ids.segment, ids.group].sort());
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
});
