import "server-only";
import type { Insertable, Selectable, Transaction } from "kysely";
import { SETTLED_BY_DRIFT_CHECK, type StoreContext } from "./context";
import {
  planBaseline,
  planSpace,
  type Bindings,
  type PlanInput,
  type Settlements,
  type UnsettledChange,
} from "./drift";
import { compare, driftDetailsJson, groupRefsJson, parseGroupRefs } from "./rows";
import type { EntriesTable, HistoryDatabase, SnapshotsTable } from "./schema";
import { batches, inIds, inList } from "./sql-dialect";
import type { DriftChange, Observation, ObservedSpace, ObserveResult } from "./types";

/**
 * The drift check's reads and writes (its decisions are in ./drift.ts).
 *
 * Reads happen outside any transaction; every write to a known space is
 * conditional on the snapshot version it was planned from
 * (`UPDATE … SET version = version + 1 WHERE space_guid = ? AND version = ?`),
 * and its drift entry is written only if that update matched, in the same
 * transaction. So of two observers of one change (in one process or two,
 * on SQLite or PostgreSQL) exactly one records it; the other's update
 * matches nothing. A unique index on (space_guid, snapshot_version) of drift
 * entries backs this up.
 */

const SEEN_AT_RESOLUTION_MS = 60_000;
const SNAPSHOT_COLUMNS = 8;
const DRIFT_COLUMNS = 7;

type Snapshot = Selectable<SnapshotsTable>;
type Baseline = { space: ObservedSpace; settle: Settlements };
type Write = {
  space: ObservedSpace;
  snapshot: Snapshot;
  next: Bindings;
  drift: DriftChange[];
  settle: Settlements;
};

export async function observe(ctx: StoreContext, observation: Observation): Promise<ObserveResult> {
  const spaces = uniqueSpaces(observation.spaces);
  if (spaces.length === 0) return { drifted: 0, baselined: 0, settled: 0 };
  const { db, backend } = ctx;
  const guids = spaces.map((space) => space.guid);

  const recentSince = observation.observedAt - observation.pendingStaleAfterMs;
  const [snapshotRows, changeRows] = await Promise.all([
    db
      .selectFrom("space_snapshots")
      .selectAll()
      .where(inList(backend, "space_guid", guids))
      .execute(),
    // The unsettled changes, and whether a space was changed recently (for baselines).
    db
      .selectFrom("history_entries")
      .select(["id", "space_guid", "occurred_at", "outcome", "group_guid", "lifecycle", "action"])
      .where("org_guid", "=", observation.orgGuid)
      .where("kind", "=", "change")
      .where(inList(backend, "space_guid", guids))
      .where((eb) =>
        eb.or([eb("outcome", "in", ["pending", "unknown"]), eb("occurred_at", ">", recentSince)]),
      )
      .execute(),
  ]);
  const snapshots = new Map(snapshotRows.map((row) => [row.space_guid, row]));
  const unsettled = groupUnsettled(
    changeRows.filter((row) => row.outcome === "pending" || row.outcome === "unknown"),
  );
  const recentlyChanged = new Set(
    changeRows.filter((row) => row.occurred_at > recentSince).map((row) => row.space_guid),
  );
  const visibleGroupGuids = new Set(observation.visibleGroupGuids);

  const baselines: Baseline[] = [];
  const writes: Write[] = [];
  const unchanged: string[] = [];
  for (const space of spaces) {
    const input: PlanInput = {
      observed: { running: space.running, staging: space.staging },
      visibleGroupGuids,
      unsettled: unsettled.get(space.guid) ?? [],
      observedAt: observation.observedAt,
      staleAfterMs: observation.pendingStaleAfterMs,
    };
    const snapshot = snapshots.get(space.guid);
    if (snapshot === undefined) {
      const plan = planBaseline(input, recentlyChanged.has(space.guid));
      if (plan.kind === "baseline") baselines.push({ space, settle: plan.settle });
      continue;
    }
    const recorded = {
      running: parseGroupRefs(snapshot.running),
      staging: parseGroupRefs(snapshot.staging),
      updatedAt: snapshot.updated_at,
    };
    const plan = planSpace(recorded, input);
    if (plan.kind === "unchanged") unchanged.push(space.guid);
    if (plan.kind === "write") writes.push({ space, snapshot, ...plan });
  }

  const result = { drifted: 0, baselined: 0, settled: 0 };
  if (baselines.length > 0 || writes.length > 0) {
    Object.assign(
      result,
      await db.transaction().execute((trx) => write(ctx, trx, observation, baselines, writes)),
    );
  }
  if (unchanged.length > 0) {
    // "Seen unchanged at": one statement for all spaces, at most once a minute
    // each, and never over a snapshot that changed after this observation.
    await db
      .updateTable("space_snapshots")
      .set({ seen_at: observation.observedAt })
      .where(inList(backend, "space_guid", unchanged))
      .where("seen_at", "<", observation.observedAt - SEEN_AT_RESOLUTION_MS)
      .where("updated_at", "<=", observation.observedAt)
      .execute();
  }
  return result;
}

async function write(
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
  for (const batch of batches(drifts, DRIFT_COLUMNS)) {
    await trx.insertInto("history_entries").values(batch).execute();
  }

  const settled =
    (await settle(ctx, trx, succeeded, "succeeded", now)) + (await settle(ctx, trx, failed, "failed", now));
  return { drifted: drifts.length, baselined, settled };
}

async function settle(
  ctx: StoreContext,
  trx: Transaction<HistoryDatabase>,
  ids: number[],
  outcome: "succeeded" | "failed",
  now: number,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await trx
    .updateTable("history_entries")
    .set({ outcome, settled_at: now, settled_by: SETTLED_BY_DRIFT_CHECK })
    .where(inIds(ctx.backend, "id", ids))
    .where("outcome", "in", ["pending", "unknown"])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

function uniqueSpaces(spaces: readonly ObservedSpace[]): ObservedSpace[] {
  return [...new Map(spaces.map((space) => [space.guid, space])).values()];
}

type UnsettledRow = {
  id: number;
  space_guid: string | null;
  occurred_at: number;
  group_guid: string | null;
  lifecycle: UnsettledChange["lifecycle"] | null;
  action: UnsettledChange["action"] | null;
};

function groupUnsettled(rows: UnsettledRow[]): Map<string, UnsettledChange[]> {
  const bySpace = new Map<string, UnsettledChange[]>();
  for (const row of rows) {
    if (row.space_guid === null || row.group_guid === null || row.lifecycle === null || row.action === null)
      continue;
    const list = bySpace.get(row.space_guid) ?? [];
    list.push({
      id: row.id,
      occurredAt: row.occurred_at,
      groupGuid: row.group_guid,
      lifecycle: row.lifecycle,
      action: row.action,
    });
    bySpace.set(row.space_guid, list);
  }
  return bySpace;
}
