import { describe, expect, it } from "vitest";
import { connect } from "./connect";
import { chainMonitor } from "./chain-monitor";
import { testBackends } from "./test-support/backends";
import { intent, OLIVIA, ORG, PUBLIC, useHistory } from "./test-support/fixtures";

/** /api/health's view of the chain: bounded steps that catch up, then sweep, and report a break. */
describe.each(testBackends())("the chain's monitor on $name", (backend) => {
  const h = useHistory(backend);

  it("catches up a bounded number of records per step, then finds an old row edited by sweeping", async () => {
    for (let i = 0; i < 5; i++)
      await h.store.recordRequest({ user: OLIVIA, orgGuid: ORG, message: `r${i}`, details: {} });
    const monitor = chainMonitor(2);
    expect(monitor.current()).toEqual({ state: "not-checked", summary: "not checked yet" });
    expect(await monitor.step(h.store.chain)).toMatchObject({
      state: "intact",
      verified_through: 2,
      caught_up: false,
    });
    expect(await monitor.step(h.store.chain)).toMatchObject({ verified_through: 4, caught_up: false });
    expect(await monitor.step(h.store.chain)).toMatchObject({
      verified_through: 5,
      caught_up: true,
      summary: "intact through record 5",
    });
    // New records are verified as they come.
    const [id] = await h.store.recordIntents([intent("s-dev", PUBLIC)]);
    expect(await monitor.step(h.store.chain)).toMatchObject({ verified_through: 6, caught_up: true });

    // An entry verified long ago is edited: the sweep finds it within a few steps.
    const raw = connect(h.database.config);
    try {
      await raw.db
        .updateTable("history_entries")
        .set({ message: "nothing asked" })
        .where("message", "=", "r1")
        .execute();
      let health = await monitor.step(h.store.chain);
      for (let i = 0; i < 5 && health.state !== "broken"; i++) health = await monitor.step(h.store.chain);
      expect(health).toMatchObject({ state: "broken", subject: "entry", record: 2 });
      expect(health.summary).toMatch(
        /^broken at entry \d+ \(.*record 2\): message: the chain has "r1", the row has "nothing asked"$/,
      );
      expect(id).toBeGreaterThan(0);
    } finally {
      await raw.db.destroy();
    }
  });

  it("reports a record it verified before that was rewritten since", async () => {
    await h.store.recordRequest({ user: OLIVIA, orgGuid: ORG, message: "r", details: {} });
    const monitor = chainMonitor(100);
    await monitor.step(h.store.chain);
    const raw = connect(h.database.config);
    try {
      await raw.db
        .updateTable("history_chain")
        .set({ hash: "a".repeat(64) })
        .where("seq", "=", 1)
        .execute();
    } finally {
      await raw.db.destroy();
    }
    expect(await monitor.step(h.store.chain)).toMatchObject({ state: "broken", id: null, record: 1 });
  });
});
