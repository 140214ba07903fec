import "server-only";
import type { StoreContext } from "./context";
import { planBaseline, planSpace, type PlanInput, type UnsettledChange } from "./drift";
import { writeObservation, type Baseline, type Write } from "./observe-write";
import { groupRefsJson, parseGroupRefs } from "./rows";
import { inList } from "./sql-dialect";
import type { Observation, ObservedSpace, ObserveResult } from "./types";

/**
 * The drift check: reads what was recorded for the observed spaces and the
 * changes still unsettled, plans each space (./drift.ts decides), then
 * writes in one transaction (./observe-write.ts, which also explains why two
 * observers of one change record it once). Reads happen outside any
 * transaction; the writes check the snapshot versions they were planned from.
 */

const SEEN_AT_RESOLUTION_MS = 60_000;
const EVERY_GROUP = { has: () => true };

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
  const visibleGroupGuids = observation.bindingsComplete
    ? EVERY_GROUP
    : new Set(observation.visibleGroupGuids);

  const baselines: Baseline[] = [];
  const writes: Write[] = [];
  // The unchanged spaces whose "seen at" is due (the rest would match none of the UPDATE's rows).
  const unchanged: string[] = [];
  const seenBefore = observation.observedAt - (observation.seenAtResolutionMs ?? SEEN_AT_RESOLUTION_MS);
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
    if (recordedAsObserved(snapshot, space, input)) {
      if (snapshot.seen_at < seenBefore) unchanged.push(space.guid);
      continue;
    }
    const recorded = {
      running: parseGroupRefs(snapshot.running),
      staging: parseGroupRefs(snapshot.staging),
      updatedAt: snapshot.updated_at,
    };
    const plan = planSpace(recorded, input);
    if (plan.kind === "unchanged" && snapshot.seen_at < seenBefore) unchanged.push(space.guid);
    if (plan.kind === "write") writes.push({ space, snapshot, ...plan });
  }

  const result = { drifted: 0, baselined: 0, settled: 0 };
  if (baselines.length > 0 || writes.length > 0) {
    Object.assign(
      result,
      await db.transaction().execute((trx) => writeObservation(ctx, trx, observation, baselines, writes)),
    );
  }
  if (unchanged.length > 0) {
    // "Seen unchanged at": one statement for all spaces, at most once a minute
    // each, and never over a snapshot that changed after this observation.
    await db
      .updateTable("space_snapshots")
      .set({ seen_at: observation.observedAt })
      .where(inList(backend, "space_guid", unchanged))
      .where("seen_at", "<", seenBefore)
      .where("updated_at", "<=", observation.observedAt)
      .execute();
  }
  return result;
}

/**
 * Whether a space's record already is what was observed, decided on the
 * recorded text: the same bindings written as the snapshot writes them
 * (groupRefsJson), no change of the space unsettled, and the record not newer
 * than the observation. planSpace answers "unchanged" then too (every recorded
 * group was observed, nothing is in flight or to settle); the text comparison
 * spares parsing and planning the thousands of spaces a page observes that
 * have not changed since the last check (docs/design.md §8, the org page's CPU).
 * Any other text (another order, a renamed group) takes the full plan.
 */
export function recordedAsObserved(
  snapshot: { running: string; staging: string; updated_at: number },
  space: Pick<ObservedSpace, "running" | "staging">,
  input: Pick<PlanInput, "unsettled" | "observedAt">,
): boolean {
  return (
    snapshot.updated_at <= input.observedAt &&
    input.unsettled.length === 0 &&
    snapshot.running === groupRefsJson(space.running) &&
    snapshot.staging === groupRefsJson(space.staging)
  );
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
