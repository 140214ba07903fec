import "server-only";
import type { Selectable, Transaction } from "kysely";
import { policyFacts } from "./alert-events";
import { enqueueAlerts } from "./alert-outbox";
import { appendToChain, recordsOf } from "./chain-append";
import type { Backend } from "./connect";
import type { StoreContext } from "./context";
import { policyDetailsJson } from "./rows";
import type { HistoryDatabase, OrgPoliciesTable } from "./schema";
import { lockRows } from "./sql-dialect";
import type { PolicyChange, PolicyWrite, PolicyWriteResult, StoredPolicy } from "./types";

/**
 * Org policies (docs/design.md §10): read in one query, written with their history
 * entry in one transaction.
 *
 * Optimistic concurrency: a write names the version it read. Inside the
 * transaction the row is read (on PostgreSQL locked with FOR UPDATE; on
 * SQLite the transaction holds the write lock from BEGIN IMMEDIATE), the
 * version compared, and the row updated `WHERE version = <read>`; a first
 * write inserts `ON CONFLICT DO NOTHING`. Of two editors who read the same
 * version, one writes and the other is told the policy changed, whichever
 * database and however many app instances.
 */

/** A write that names no version retries this often if another write wins each time. */
const UNCONDITIONAL_ATTEMPTS = 3;

function toStored(row: Selectable<OrgPoliciesTable>): StoredPolicy {
  return {
    orgGuid: row.org_guid,
    document: JSON.parse(row.policy) as unknown,
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: { guid: row.updated_by_guid, name: row.updated_by_name },
  };
}

export async function readPolicy(ctx: StoreContext, orgGuid: string): Promise<StoredPolicy | null> {
  const row = await ctx.db
    .selectFrom("org_policies")
    .selectAll()
    .where("org_guid", "=", orgGuid)
    .executeTakeFirst();
  return row === undefined ? null : toStored(row);
}

/** Every stored org policy, in one query: the foundation page judges every org's compliance at once. */
export async function readPolicies(ctx: StoreContext): Promise<StoredPolicy[]> {
  const rows = await ctx.db.selectFrom("org_policies").selectAll().execute();
  return rows.map(toStored);
}

/** The `policy` history entry and its record in the chain, the last writes of the caller's transaction. */
export async function insertPolicyEntry(
  trx: Transaction<HistoryDatabase>,
  backend: Backend,
  now: number,
  change: PolicyChange,
): Promise<number> {
  const row = await trx
    .insertInto("history_entries")
    .values({
      occurred_at: change.occurredAt ?? now,
      kind: "policy",
      user_guid: change.user.guid,
      user_name: change.user.name,
      org_guid: change.orgGuid,
      message: change.message ?? null,
      request_id: change.requestId ?? null,
      details: policyDetailsJson(change.before, change.after),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendToChain(trx, backend, now, recordsOf("entry", [row]));
  return row.id;
}

async function attemptWrite(ctx: StoreContext, write: PolicyWrite): Promise<PolicyWriteResult> {
  const { backend } = ctx;
  return ctx.db.transaction().execute(async (trx): Promise<PolicyWriteResult> => {
    const current = await lockRows(
      backend,
      trx.selectFrom("org_policies").selectAll().where("org_guid", "=", write.orgGuid),
    ).executeTakeFirst();
    const currentVersion = current?.version ?? 0;
    if (write.expectedVersion !== null && write.expectedVersion !== currentVersion) {
      return { ok: false, conflict: { currentVersion } };
    }
    const now = write.occurredAt ?? ctx.now();
    const row = {
      org_guid: write.orgGuid,
      policy: JSON.stringify(write.document),
      version: currentVersion + 1,
      updated_at: now,
      updated_by_guid: write.user.guid,
      updated_by_name: write.user.name,
    };
    if (current === undefined) {
      // Two first writes at once: PostgreSQL's second insert waits for the
      // first to commit and then does nothing (SQLite never gets here twice).
      const inserted = await trx
        .insertInto("org_policies")
        .values(row)
        .onConflict((oc) => oc.column("org_guid").doNothing())
        .returning("version")
        .executeTakeFirst();
      if (inserted === undefined) return { ok: false, conflict: { currentVersion: -1 } };
    } else {
      const updated = await trx
        .updateTable("org_policies")
        .set(row)
        .where("org_guid", "=", write.orgGuid)
        .where("version", "=", currentVersion)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return { ok: false, conflict: { currentVersion: -1 } };
    }
    const entryId = await insertPolicyEntry(trx, backend, now, {
      user: write.user,
      orgGuid: write.orgGuid,
      before: current === undefined ? null : (JSON.parse(current.policy) as unknown),
      after: write.document,
      message: write.message ?? null,
      requestId: write.requestId ?? null,
      occurredAt: now,
    });
    // In this transaction: an edit and its alerts commit together (docs/adr/0011-alert-delivery.md).
    await enqueueAlerts(trx, backend, now, [
      policyFacts({
        id: entryId,
        orgGuid: write.orgGuid,
        user: write.user.name,
        version: row.version,
        occurredAt: now,
      }),
    ]);
    return { ok: true, stored: toStored(row), entryId };
  });
}

export async function writePolicy(ctx: StoreContext, write: PolicyWrite): Promise<PolicyWriteResult> {
  const attempts = write.expectedVersion === null ? UNCONDITIONAL_ATTEMPTS : 1;
  let result: PolicyWriteResult = { ok: false, conflict: { currentVersion: -1 } };
  for (let attempt = 0; attempt < attempts; attempt++) {
    result = await attemptWrite(ctx, write);
    if (result.ok) return result;
  }
  if (result.conflict.currentVersion >= 0) return result;
  // Lost a race after reading: say which version won.
  return { ok: false, conflict: { currentVersion: (await readPolicy(ctx, write.orgGuid))?.version ?? 0 } };
}
