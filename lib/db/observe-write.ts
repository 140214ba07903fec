import "server-only";
import type { Insertable, Selectable, Transaction } from "kysely";
import type { AlertFacts } from "@/lib/alert-format/payload";
import { driftFacts } from "./alert-events";
import { enqueueAlerts } from "./alert-outbox";
import { appendToChain, recordsOf } from "./chain-append";
import { OUTCOME_FIELDS } from "./chain-record";
import { SETTLED_BY_DRIFT_CHECK, type StoreContext } from "./context";
import type { Bindings, Settlements } from "./drift";
import { compare, driftDetailsJson, groupRefsJson } from "./rows";
import type { EntriesTable, HistoryDatabase, SnapshotsTable } from "./schema";
import { batches, inIds } from "./sql-dialect";
import type { DriftChange, Observation, ObservedSpace, ObserveResult } from "./types";

/**
 * The drift check's writes, in one transaction.
 *
 * Every write to a known space is conditional on the snapshot version it was
 * planned from (`UPDATE … SET version = version + 1 WHERE space_guid = ? AND
 * version = ?`), and its drift entry and settlements are written only if that
 * update matched. So of two observers of one change (in one process or two,
 * on SQLite or PostgreSQL) exactly one records it; the other's update matches
 * nothing. On PostgreSQL the second UPDATE waits for the first transaction's
 * row lock and then re-reads the row, finding the new version; on SQLite the
 * transactions are serialised by BEGIN IMMEDIATE. A unique index on
 * (space_guid, snapshot_version) backs this up. The drift entries and settlements are appended to
 * the hash chain last (./chain-append.ts).
 */

const SNAPSHOT_COLUMNS = 8;
const DRIFT_COLUMNS = 7;

export type Baseline = { space: ObservedSpace; settle: Settlements };
export type Write = {
  space: ObservedSpace;
  snapshot: Selectable<SnapshotsTable>;
  next: Bindings;
  drift: DriftChange[];
  settle: Settlements;
};

export async function writeObservation(
  ctx: StoreContext,
  trx: Transaction<HistoryDatabase>,
  observation: Observation,
  baselines: Baseline[],
  writes: Write[],
): Promise<ObserveResult> {
  const { observedAt, orgGuid } = observation;
  const now = ctx.now();
  const succeeded: number[] = [];
  const failed: number[] = [];
  let baselined = 0;

  // First sight: insert-or-ignore; another observer may have inserted the same space meanwhile.
  const baselineRows = baselines.map(({ space }): Insertable<SnapshotsTable> => ({
    space_guid: space.guid,
    org_guid: orgGuid,
    space_name: space.name,
    running: groupRefsJson(space.running),
    staging: groupRefsJson(space.staging),
    version: 1,
    updated_at: observedAt,
    seen_at: observedAt,
  }));
  const settleOf = new Map(baselines.map((baseline) => [baseline.space.guid, baseline.settle]));
  for (const batch of batches(baselineRows, SNAPSHOT_COLUMNS)) {
    const inserted = await trx
      .insertInto("space_snapshots")
      .values(batch)
      .onConflict((oc) => oc.column("space_guid").doNothing())
      .returning("space_guid")
      .execute();
    baselined += inserted.length;
    for (const { space_guid } of inserted) {
      succeeded.push(...(settleOf.get(space_guid)?.succeeded ?? []));
      failed.push(...(settleOf.get(space_guid)?.failed ?? []));
    }
  }

  // Known spaces, in space order (the order ./changes.ts locks them in).
  const drifts: Insertable<EntriesTable>[] = [];
  for (const item of [...writes].sort((a, b) => compare(a.space.guid, b.space.guid))) {
    const { snapshot, space } = item;
    const version = snapshot.version + 1;
    const updated = await trx
      .updateTable("space_snapshots")
      .set({
        space_name: space.name,
        running: groupRefsJson(item.next.running),
        staging: groupRefsJson(item.next.staging),
        version,
        updated_at: observedAt,
        seen_at: observedAt,
      })
      .where("space_guid", "=", space.guid)
      .where("version", "=", snapshot.version)
      .executeTakeFirst();
    // Someone else (another observer, or the dashboard's own change) moved the snapshot first.
    if (updated.numUpdatedRows === BigInt(0)) continue;
    succeeded.push(...item.settle.succeeded);
    failed.push(...item.settle.failed);
    if (item.drift.length === 0) continue;
    drifts.push({
      occurred_at: now,
      kind: "drift",
      org_guid: orgGuid,
      space_guid: space.guid,
      space_name: space.name,
      details: driftDetailsJson({ from: snapshot.seen_at, to: now, changes: item.drift }),
      snapshot_version: version,
    });
  }
  const alerts: AlertFacts[] = [];
  const publicGroups = new Set(drifts.length > 0 ? ctx.publicEgressGroups() : []);
  const writeOf = new Map(writes.map((write) => [write.space.guid, write]));
  const inserted = [];
  for (const batch of batches(drifts, DRIFT_COLUMNS)) {
    const rows = await trx.insertInto("history_entries").values(batch).returningAll().execute();
    inserted.push(...rows);
    for (const row of rows) {
      const write = writeOf.get(row.space_guid ?? "");
      if (!write) continue;
      const { space, drift, snapshot } = write;
      alerts.push(
        ...driftFacts(
          {
            id: row.id,
            orgGuid,
            space: { guid: space.guid, name: space.name },
            changes: drift,
            from: snapshot.seen_at,
            to: now,
          },
          publicGroups,
        ),
      );
    }
  }
  // In this transaction: a drift and its alerts commit together (docs/adr/0011-alert-delivery.md).
  await enqueueAlerts(trx, ctx.backend, now, alerts);

  const settled = [
    ...(await settle(ctx, trx, succeeded, "succeeded", now)),
    ...(await settle(ctx, trx, failed, "failed", now)),
  ];
  await appendToChain(trx, ctx.backend, now, [
    ...recordsOf("entry", inserted),
    ...recordsOf("outcome", settled),
  ]);
  return { drifted: drifts.length, baselined, settled: settled.length };
}

async function settle(
  ctx: StoreContext,
  trx: Transaction<HistoryDatabase>,
  ids: number[],
  outcome: "succeeded" | "failed",
  now: number,
) {
  if (ids.length === 0) return [];
  return trx
    .updateTable("history_entries")
    .set({ outcome, settled_at: now, settled_by: SETTLED_BY_DRIFT_CHECK })
    .where(inIds(ctx.backend, "id", ids))
    .where("outcome", "in", ["pending", "unknown"])
    .returning(["id", ...OUTCOME_FIELDS])
    .execute();
}
