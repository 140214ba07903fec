import "server-only";
import type { Insertable, Selectable, Transaction } from "kysely";
import { changeFacts } from "./alert-events";
import { enqueueAlerts } from "./alert-outbox";
import { appendToChain, recordsOf } from "./chain-append";
import { OUTCOME_FIELDS } from "./chain-record";
import type { StoreContext } from "./context";
import { insertPolicyEntry } from "./policies";
import { groupRefsJson, parseGroupRefs } from "./rows";
import type { EntriesTable, HistoryDatabase, SnapshotsTable } from "./schema";
import { batches, inIds, inList, lockRows } from "./sql-dialect";
import type { ChangeIntent, ChangeOutcome, GroupRef, PolicyChange } from "./types";

/**
 * The dashboard's own writes: the intent before the CF request, the outcome
 * after it, and policy edits. Writing the intent first is what lets a crash
 * between the two be noticed (and settled by the next drift check).
 */

const INTENT_COLUMNS = 13;
const SNAPSHOT_COLUMNS = 8;

export async function recordIntents(ctx: StoreContext, intents: readonly ChangeIntent[]): Promise<number[]> {
  if (intents.length === 0) return [];
  const now = ctx.now();
  const rows = intents.map((intent): Insertable<EntriesTable> => ({
    occurred_at: intent.occurredAt ?? now,
    kind: "change",
    outcome: "pending",
    user_guid: intent.user.guid,
    user_name: intent.user.name,
    org_guid: intent.orgGuid,
    space_guid: intent.spaceGuid,
    space_name: intent.spaceName,
    group_guid: intent.group.guid,
    group_name: intent.group.name,
    lifecycle: intent.lifecycle,
    action: intent.action,
    request_id: intent.requestId ?? null,
  }));
  // One transaction, also for one batch: the entries and their records in the chain commit together.
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = [];
    for (const part of batches(rows, INTENT_COLUMNS)) {
      inserted.push(...(await trx.insertInto("history_entries").values(part).returningAll().execute()));
    }
    // RETURNING's row order is unspecified (SQLite says so), but one statement
    // assigns ascending ids in VALUES order on both databases.
    const records = recordsOf("entry", inserted);
    await appendToChain(trx, ctx.backend, now, records);
    return records.map((record) => record.subjectId);
  });
}

export async function recordOutcomes(
  ctx: StoreContext,
  ids: readonly number[],
  outcome: ChangeOutcome,
): Promise<void> {
  if (ids.length === 0) return;
  const { backend } = ctx;
  await ctx.db.transaction().execute(async (trx) => {
    const changes = await trx
      .selectFrom("history_entries")
      .select([
        "id",
        "occurred_at",
        "org_guid",
        "space_guid",
        "space_name",
        "user_name",
        "group_guid",
        "group_name",
        "lifecycle",
        "action",
      ])
      .where(inIds(backend, "id", ids))
      .where("kind", "=", "change")
      .orderBy("id")
      .execute();
    const spaceGuids = [...new Set(changes.flatMap((change) => change.space_guid ?? []))].sort();
    // Snapshots are locked before entries, in space order, as the drift check
    // locks them, so that the two never deadlock on PostgreSQL.
    const snapshots = await lockRows(
      backend,
      trx
        .selectFrom("space_snapshots")
        .selectAll()
        .where(inList(backend, "space_guid", spaceGuids))
        .orderBy("space_guid"),
    ).execute();

    const error = outcome.cfError ?? null;
    const updated = await trx
      .updateTable("history_entries")
      .set({
        outcome: outcome.outcome,
        cf_status: error?.status ?? null,
        cf_code: error?.code ?? null,
        cf_title: error?.title ?? null,
        cf_detail: error?.detail ?? null,
        message: outcome.message ?? null,
        // CF's own answer overrides what a drift check may have guessed meanwhile.
        settled_at: null,
        settled_by: null,
      })
      .where(inIds(backend, "id", ids))
      .where("kind", "=", "change")
      .returning(["id", ...OUTCOME_FIELDS])
      .execute();

    if (outcome.outcome === "succeeded") {
      // In this transaction: a change and its alerts commit together (docs/adr/0011-alert-delivery.md).
      const publicGroups = new Set(ctx.publicEgressGroups());
      const alerts = changes.flatMap((c) =>
        c.space_guid === null || c.group_name === null || c.lifecycle === null || c.action === null
          ? []
          : changeFacts(
              {
                id: c.id,
                orgGuid: c.org_guid,
                space: { guid: c.space_guid, name: c.space_name ?? c.space_guid },
                user: c.user_name ?? "someone",
                group: c.group_name,
                lifecycle: c.lifecycle,
                action: c.action,
                occurredAt: c.occurred_at,
              },
              publicGroups,
            ),
      );
      await enqueueAlerts(trx, backend, ctx.now(), alerts);
    }
    if (outcome.outcome === "succeeded") {
      if (snapshots.length > 0) await applyToSnapshots(trx, snapshots, changes, ctx.now());
    } else if (snapshots.length > 0) {
      // Nothing changed in CF, but a drift check that read these entries as
      // unsettled must not act on that any more: the version tells it so.
      await trx
        .updateTable("space_snapshots")
        .set((eb) => ({ version: eb("version", "+", 1) }))
        .where(inList(backend, "space_guid", spaceGuids))
        .execute();
    }
    // Last, so that the chain's lock is held only to the commit (./chain-append.ts).
    await appendToChain(trx, backend, ctx.now(), recordsOf("outcome", updated));
  });
}

type ChangeRow = Pick<
  Selectable<EntriesTable>,
  "id" | "space_guid" | "group_guid" | "group_name" | "lifecycle" | "action"
>;

/** The dashboard's change, applied to the recorded bindings, so that it is never reported as drift. */
async function applyToSnapshots(
  trx: Transaction<HistoryDatabase>,
  snapshots: Selectable<SnapshotsTable>[],
  changes: ChangeRow[],
  now: number,
): Promise<void> {
  const rows = snapshots.map((snapshot): Insertable<SnapshotsTable> => {
    const bindings = { running: parseGroupRefs(snapshot.running), staging: parseGroupRefs(snapshot.staging) };
    for (const change of changes) {
      if (
        change.space_guid !== snapshot.space_guid ||
        change.group_guid === null ||
        change.lifecycle === null
      )
        continue;
      const group: GroupRef = { guid: change.group_guid, name: change.group_name ?? "" };
      const others = bindings[change.lifecycle].filter((g) => g.guid !== group.guid);
      bindings[change.lifecycle] = change.action === "bind" ? [...others, group] : others;
    }
    return {
      ...snapshot,
      running: groupRefsJson(bindings.running),
      staging: groupRefsJson(bindings.staging),
      // The rows are locked, so this is the next version.
      version: snapshot.version + 1,
      updated_at: now,
    };
  });
  // An upsert that only ever updates (the rows exist and are locked): one
  // statement for a bulk change of many spaces instead of one per space.
  for (const batch of batches(rows, SNAPSHOT_COLUMNS)) {
    await trx
      .insertInto("space_snapshots")
      .values(batch)
      .onConflict((oc) =>
        oc.column("space_guid").doUpdateSet((eb) => ({
          running: eb.ref("excluded.running"),
          staging: eb.ref("excluded.staging"),
          version: eb.ref("excluded.version"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
}

export async function recordPolicyChange(ctx: StoreContext, change: PolicyChange): Promise<number> {
  return ctx.db.transaction().execute((trx) => insertPolicyEntry(trx, ctx.backend, ctx.now(), change));
}
