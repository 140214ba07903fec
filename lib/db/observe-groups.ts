import "server-only";
import type { Insertable, Selectable } from "kysely";
import type { StoreContext } from "./context";
import { writeChanges } from "./observe-groups-write";
import {
  canonicalState,
  planGroup,
  type CanonicalState,
  type EditOfGroup,
  type GroupState,
} from "./rule-drift";
import { compare, toEntry } from "./rows";
import type { GroupRuleSnapshotsTable } from "./schema";
import { batches, inList } from "./sql-dialect";
import type { GroupObservation, GroupObserveResult, ObservedGroup, RuleDriftChanges } from "./types";

/**
 * The rule drift check (docs/design.md §13, "Drift"): each observed group's rules and flags hashed
 * (./rule-drift.ts), compared with the snapshot last recorded (migration 009), and a difference
 * that no dashboard edit explains written as a `drift` entry without a space, one per org the
 * group concerns, with its alerts and chain records, in one transaction.
 *
 * Reads happen outside the transaction, hashes only: the recorded states (JSON) are read just for
 * the groups whose hash differs. Every write to a known group is conditional on the version it was
 * planned from, and its entries are written only if that update matched, so of two observers of one
 * change (in one process or two, on SQLite or PostgreSQL) exactly one records it, as for bindings
 * (./observe-write.ts).
 */

const SNAPSHOT_COLUMNS = 7;

export type Observed = { group: ObservedGroup; canonical: CanonicalState };
export type Change = {
  observed: Observed;
  snapshot: Selectable<GroupRuleSnapshotsTable>;
  drift: RuleDriftChanges | null;
};

export async function observeGroups(
  ctx: StoreContext,
  observation: GroupObservation,
): Promise<GroupObserveResult> {
  const { db, backend } = ctx;
  const { observedAt } = observation;
  const groups = [...new Map(observation.groups.map((g) => [g.guid, g])).values()];
  const result: GroupObserveResult = { baselined: 0, drifted: 0, entries: 0, explained: 0 };
  if (groups.length === 0) return result;

  const guids = groups.map((group) => group.guid);
  const known = new Map(
    (
      await db
        .selectFrom("group_rule_snapshots")
        .select(["group_guid", "hash", "seen_at"])
        .where(inList(backend, "group_guid", guids))
        .execute()
    ).map((row) => [row.group_guid, row]),
  );
  // Each group's canonical state is kept only while it is needed: a watcher's cycle observes
  // 10,000 groups, nearly all unchanged, whose states (their rules, copied, and as JSON) held all
  // at once were some 20 MB of the cycle thread's heap; a group first seen is stated at its insert.
  const baselines: ObservedGroup[] = [];
  const unchanged: string[] = [];
  const differing: Observed[] = [];
  for (const group of groups) {
    const row = known.get(group.guid);
    if (row === undefined) {
      baselines.push(group);
      continue;
    }
    const canonical = canonicalState(group.rules, group.globallyEnabled);
    if (row.hash === canonical.hash) unchanged.push(group.guid);
    else if (row.seen_at <= observedAt) differing.push({ group, canonical });
  }

  result.baselined = await insertBaselines(ctx, baselines, observedAt);
  if (unchanged.length > 0) {
    // "Seen unchanged at": one statement for every group, never over a state recorded after this observation.
    await db
      .updateTable("group_rule_snapshots")
      .set({ seen_at: observedAt })
      .where(inList(backend, "group_guid", unchanged))
      .where("seen_at", "<", observedAt)
      .execute();
  }
  if (differing.length === 0) return result;

  const changes = await planChanges(ctx, observation, differing);
  if (changes.length === 0) return result;
  return db.transaction().execute((trx) => writeChanges(ctx, trx, observation, changes, result));
}

async function insertBaselines(ctx: StoreContext, baselines: ObservedGroup[], observedAt: number) {
  let inserted = 0;
  const row = (group: ObservedGroup): Insertable<GroupRuleSnapshotsTable> => {
    const canonical = canonicalState(group.rules, group.globallyEnabled);
    return {
      group_guid: group.guid,
      group_name: group.name,
      hash: canonical.hash,
      state: canonical.json,
      version: 1,
      updated_at: observedAt,
      seen_at: observedAt,
    };
  };
  // First sight: insert-or-ignore; another observer may have inserted the same group meanwhile.
  // Stated batch by batch, so that only one batch's states exist at a time.
  for (const batch of batches(baselines, SNAPSHOT_COLUMNS)) {
    const done = await ctx.db
      .insertInto("group_rule_snapshots")
      .values(batch.map(row))
      .onConflict((oc) => oc.column("group_guid").doNothing())
      .returning("group_guid")
      .execute();
    inserted += done.length;
  }
  return inserted;
}

/** The recorded states and the dashboard's recent edits of the differing groups, planned. */
async function planChanges(
  ctx: StoreContext,
  observation: GroupObservation,
  differing: Observed[],
): Promise<Change[]> {
  const { db, backend } = ctx;
  const guids = differing.map((o) => o.group.guid);
  const snapshots = await db
    .selectFrom("group_rule_snapshots")
    .selectAll()
    .where(inList(backend, "group_guid", guids))
    .execute();
  const since = Math.min(...snapshots.map((s) => s.seen_at)) - observation.inFlightMs;
  // One entry per org of each edit: the same edit several times, which changes nothing below.
  const editRows = await db
    .selectFrom("history_entries")
    .selectAll()
    .where("kind", "=", "group")
    .where(inList(backend, "group_guid", guids))
    .where("outcome", "<>", "failed")
    .where("occurred_at", ">=", since)
    .execute();
  const edits = new Map<string, EditOfGroup[]>();
  for (const row of editRows) {
    const entry = toEntry(row);
    if (entry.kind !== "group") continue;
    const list = edits.get(entry.group.guid) ?? [];
    list.push({
      id: entry.id,
      occurredAt: entry.occurredAt,
      rulesAfter: (entry.details.rules?.after ?? null) as readonly object[] | null,
      flagsAfter: entry.details.globallyEnabled.after,
    });
    edits.set(entry.group.guid, list);
  }
  const byGuid = new Map(differing.map((o) => [o.group.guid, o]));
  const changes: Change[] = [];
  for (const snapshot of snapshots) {
    const o = byGuid.get(snapshot.group_guid);
    if (!o) continue;
    const recorded = {
      hash: snapshot.hash,
      state: JSON.parse(snapshot.state) as GroupState,
      seenAt: snapshot.seen_at,
    };
    const plan = planGroup(recorded, {
      observed: o.canonical,
      observedAt: observation.observedAt,
      edits: edits.get(snapshot.group_guid) ?? [],
      inFlightMs: observation.inFlightMs,
    });
    if (plan.kind === "drift") changes.push({ observed: o, snapshot, drift: plan.changes });
    if (plan.kind === "explained") changes.push({ observed: o, snapshot, drift: null });
  }
  return changes.sort((a, b) => compare(a.snapshot.group_guid, b.snapshot.group_guid));
}
