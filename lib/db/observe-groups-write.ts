import "server-only";
import type { Insertable, Transaction } from "kysely";
import type { AlertFacts } from "@/lib/alert-format/payload";
import { ruleDriftFacts } from "./alert-events";
import { enqueueAlerts } from "./alert-outbox";
import { appendToChain, recordsOf } from "./chain-append";
import type { StoreContext } from "./context";
import type { Change } from "./observe-groups";
import { orgsConcerned, type GroupState } from "./rule-drift";
import { ruleDriftDetailsJson } from "./rows";
import type { EntriesTable, HistoryDatabase } from "./schema";
import { batches } from "./sql-dialect";
import type { GroupObservation, GroupObserveResult, RuleDriftChanges } from "./types";

/**
 * The rule drift check's writes (./observe-groups.ts), in one transaction: each differing group's
 * snapshot moved only if its version is still the one planned from (`UPDATE … WHERE version = ?`),
 * and only then its entries (one per org the group concerns), their alerts and, last, their
 * records in the hash chain. Of two observers of one change exactly one's update matches: on
 * PostgreSQL the second waits for the first's row lock and then finds the new version; on SQLite
 * BEGIN IMMEDIATE serialises them.
 */

const DRIFT_COLUMNS = 7;

export async function writeChanges(
  ctx: StoreContext,
  trx: Transaction<HistoryDatabase>,
  observation: GroupObservation,
  changes: Change[],
  result: GroupObserveResult,
): Promise<GroupObserveResult> {
  const now = ctx.now();
  const drifts: { row: Insertable<EntriesTable>; change: Change; drift: RuleDriftChanges }[] = [];
  for (const change of changes) {
    const { snapshot, observed } = change;
    const version = snapshot.version + 1;
    const updated = await trx
      .updateTable("group_rule_snapshots")
      .set({
        group_name: observed.group.name,
        hash: observed.canonical.hash,
        state: observed.canonical.json,
        version,
        updated_at: observation.observedAt,
        seen_at: observation.observedAt,
      })
      .where("group_guid", "=", snapshot.group_guid)
      .where("version", "=", snapshot.version)
      .executeTakeFirst();
    // Another observer recorded this change first.
    if (updated.numUpdatedRows === BigInt(0)) continue;
    if (change.drift === null) {
      result.explained++;
      continue;
    }
    result.drifted++;
    const before = (JSON.parse(snapshot.state) as GroupState).globally_enabled;
    const orgs = orgsConcerned({
      boundOrgGuids: observed.group.boundOrgGuids,
      allOrgGuids: observation.allOrgGuids,
      before,
      after: observed.canonical.state.globally_enabled,
    });
    const details = ruleDriftDetailsJson({ from: snapshot.seen_at, to: now, ...change.drift });
    for (const orgGuid of orgs)
      drifts.push({
        change,
        drift: change.drift,
        row: {
          occurred_at: now,
          kind: "drift",
          org_guid: orgGuid,
          group_guid: observed.group.guid,
          group_name: observed.group.name,
          details,
          snapshot_version: version,
        },
      });
  }
  const publicGroups = new Set(drifts.length > 0 ? ctx.publicEgressGroups() : []);
  const inserted = [];
  const alerts: AlertFacts[] = [];
  for (const batch of batches(drifts, DRIFT_COLUMNS)) {
    const rows = await trx
      .insertInto("history_entries")
      .values(batch.map((d) => d.row))
      .returningAll()
      .execute();
    inserted.push(...rows);
    // RETURNING's order is not promised: each (org, group) pair is one row of this write.
    const of = new Map(batch.map((d) => [`${d.row.org_guid}/${d.row.group_guid ?? ""}`, d]));
    for (const row of rows) {
      const d = of.get(`${row.org_guid}/${row.group_guid ?? ""}`);
      if (!d) continue;
      const { group } = d.change.observed;
      const window = { from: d.change.snapshot.seen_at, to: now };
      alerts.push(
        ...ruleDriftFacts(
          { id: row.id, orgGuid: row.org_guid, group, changes: d.drift, ...window },
          publicGroups,
        ),
      );
    }
  }
  result.entries = inserted.length;
  // In this transaction: a drift and its alerts commit together (docs/adr/0011-alert-delivery.md);
  // the chain last, so its lock is held only to the commit (./chain-append.ts).
  await enqueueAlerts(trx, ctx.backend, now, alerts);
  await appendToChain(trx, ctx.backend, now, recordsOf("entry", inserted));
  return result;
}
