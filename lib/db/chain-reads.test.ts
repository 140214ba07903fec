import { afterEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { verifyWholeChain } from "./chain-check";
import { connect, type Connection } from "./connect";
import { testBackends } from "./test-support/backends";
import { writeHistory } from "./test-support/chain-history";
import { intent, OLIVIA, ORG, PUBLIC, T0, useHistory } from "./test-support/fixtures";

/** The chain under concurrent writers, and the reads the compliance report makes of it, on each database. */
describe.each(testBackends())("the history's hash chain, shared and read, on $name", (backend) => {
  const h = useHistory(backend);
  let raw: Connection | undefined;
  const tamper = () => (raw ??= connect(h.database.config)).db;
  afterEach(async () => {
    await raw?.db.destroy();
    raw = undefined;
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

  it("never reports an honest outcome landing during a check as a break", async () => {
    const another = await h.another();
    const ids = await h.store.recordIntents(Array.from({ length: 40 }, (_, i) => intent(`s-${i}`, PUBLIC)));
    const verdicts: boolean[] = [];
    let writing = true;
    const writer = (async () => {
      for (const id of ids) await another.recordOutcomes([id], { outcome: "succeeded" });
      writing = false;
    })();
    while (writing) {
      verdicts.push((await verifyWholeChain(h.store.chain)).intact);
      // SQLite answers synchronously: let the writer's timers (its wait for the write lock) run.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writer;
    verdicts.push((await verifyWholeChain(h.store.chain)).intact);
    expect(verdicts.length).toBeGreaterThan(1);
    expect(verdicts.every(Boolean)).toBe(true);
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
