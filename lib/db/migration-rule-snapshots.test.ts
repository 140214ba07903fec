import { describe, expect, it } from "vitest";
import { appendToChain, recordsOf } from "./chain-append";
import { verifyWholeChain } from "./chain-check";
import { connect } from "./connect";
import { migrate } from "./migrations";
import { openDatabase } from "./store";
import { testBackends } from "./test-support/backends";
import { ORG, T0, TRUSTED } from "./test-support/fixtures";

/**
 * Migration 009 adds the groups' rule snapshots to a database that already holds a history: what was
 * there stays (and still verifies), the first observation of a group is its baseline, and a later
 * change outside the dashboard is a drift entry without a space, which 008's constraints allow.
 */
describe.each(testBackends())("migration 009_group_rules_snapshots on $name", (backend) => {
  it("keeps the history, baselines groups on first sight, and records rule drift after", async () => {
    const fresh = await backend.fresh();
    const connection = connect(fresh.config);
    try {
      await migrate(connection, "008_group_edits");
      // A group edit written as 008's code wrote it: the entry and its chain record, in one transaction.
      const edit = await connection.db.transaction().execute(async (trx) => {
        const rows = await trx
          .insertInto("history_entries")
          .values({
            occurred_at: T0 - 1_000,
            kind: "group",
            outcome: "succeeded",
            user_guid: "u-admin",
            user_name: "admin",
            org_guid: ORG,
            group_guid: TRUSTED.guid,
            group_name: TRUSTED.name,
            details: JSON.stringify({
              globallyEnabled: {
                before: { running: false, staging: false },
                after: { running: false, staging: true },
              },
              spaces: [],
              command: "cf bind-staging-security-group trusted_local_networks_egress",
            }),
          })
          .returningAll()
          .execute();
        await appendToChain(trx, connection.backend, T0 - 1_000, recordsOf("entry", rows));
        return rows[0]?.id;
      });
      expect(await migrate(connection)).toEqual(["009_group_rules_snapshots"]);
      expect(await connection.db.selectFrom("group_rule_snapshots").selectAll().execute()).toEqual([]);

      const store = await openDatabase({ ...fresh.config, now: () => T0 + 61_000 });
      try {
        const group = {
          ...TRUSTED,
          rules: [],
          globallyEnabled: { running: false, staging: false },
          boundOrgGuids: [ORG],
        };
        const observe = (observedAt: number, rules: object[]) =>
          store.observeGroups({
            observedAt,
            groups: [{ ...group, rules }],
            allOrgGuids: [ORG],
            inFlightMs: 0,
          });
        expect((await observe(T0, [])).baselined).toBe(1);
        expect((await observe(T0 + 60_000, [{ protocol: "all", destination: "0.0.0.0/0" }])).entries).toBe(1);
        const page = await store.list({ orgGuid: ORG, spaceGuids: [], limit: 10 });
        expect(page.ok && page.entries.map((e) => [e.kind, e.id === edit])).toEqual([
          ["rule-drift", false],
          ["group", true],
        ]);
        expect(await verifyWholeChain(store.chain)).toMatchObject({ intact: true, records: 2 });
      } finally {
        await store.close();
      }
    } finally {
      await connection.db.destroy();
      await fresh.drop();
    }
  });
});
