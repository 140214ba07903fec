import { describe, expect, it } from "vitest";
import { verifyWholeChain } from "./chain-check";
import { connect } from "./connect";
import { migrate } from "./migrations";
import { openDatabase } from "./store";
import { testBackends } from "./test-support/backends";
import { ORG, T0 } from "./test-support/fixtures";

/** Migration 006 chains the rows an upgraded database already holds, so that it verifies. */
describe.each(testBackends())("migration 006_history_chain on $name", (backend) => {
  it("chains existing entries (as they stand) and events, and later writes extend that chain", async () => {
    const fresh = await backend.fresh();
    const connection = connect(fresh.config);
    try {
      await migrate(connection, "005_watch");
      const entries = await connection.db
        .insertInto("history_entries")
        .values([
          {
            occurred_at: T0,
            kind: "change",
            outcome: "succeeded",
            user_guid: "u-olivia",
            user_name: "olivia",
            org_guid: ORG,
            space_guid: "s-dev",
            space_name: "dev",
            group_guid: "g",
            group_name: "public_networks_egress",
            lifecycle: "running",
            action: "bind",
          },
          {
            occurred_at: T0 + 1,
            kind: "change",
            outcome: "pending",
            user_guid: "u-olivia",
            user_name: "olivia",
            org_guid: ORG,
            space_guid: "s-prod",
            space_name: "prod",
            group_guid: "g",
            group_name: "public_networks_egress",
            lifecycle: "staging",
            action: "unbind",
          },
        ])
        .returning("id")
        .execute();
      await connection.db
        .insertInto("watch_events")
        .values({
          occurred_at: T0 + 2,
          kind: "violation-began",
          org_guid: ORG,
          space_guid: "s-dev",
          space_name: "dev",
          rule: "1",
          reasons: "[]",
          cause: JSON.stringify({ kind: "unknown" }),
          cause_entry_id: null,
          window_from: null,
          window_to: T0 + 2,
        })
        .execute();

      expect(await migrate(connection, "006_history_chain")).toEqual(["006_history_chain"]);
      const records = await connection.db
        .selectFrom("history_chain")
        .select(["seq", "subject", "subject_id"])
        .orderBy("seq")
        .execute();
      expect(records.map((r) => [r.seq, r.subject])).toEqual([
        [1, "entry"],
        [2, "entry"],
        [3, "event"],
      ]);

      const store = await openDatabase(fresh.config);
      try {
        expect(await verifyWholeChain(store.chain)).toMatchObject({ intact: true, records: 3 });
        // The pending change gets its outcome after the upgrade: a record of its own, still intact.
        await store.recordOutcomes([entries[1]?.id ?? -1], { outcome: "failed", message: "CF said no" });
        expect(await verifyWholeChain(store.chain)).toMatchObject({ intact: true, records: 4 });
      } finally {
        await store.close();
      }
    } finally {
      await connection.db.destroy();
      await fresh.drop();
    }
  });
});
