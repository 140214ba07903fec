import "server-only";
import { appendToChain, recordsOf } from "./chain-append";
import { OUTCOME_FIELDS } from "./chain-record";
import type { StoreContext } from "./context";
import { batches, inIds } from "./sql-dialect";
import type { ChangeOutcome, GroupEditIntent } from "./types";

/**
 * A security group's edit in the history (migration 008): the intent before
 * the CF request, one entry per org it concerns, and the outcome after it.
 * A group edit changes no binding, so no space's snapshot moves: the drift
 * check (./drift.ts) compares bindings only, and a later observation of the
 * group's new rules is not drift.
 *
 * A group's create is the same kind of entry (`details.created`). Its guid is
 * CF's to give, so the intent holds none (an empty `group_guid`), and a create
 * that succeeded writes the new guid with its outcome; that outcome's chain
 * record then holds `group_guid` too, so the row's guid is as covered as an
 * edit's (the check overlays an entry's record with its latest outcome's).
 */

const INTENT_COLUMNS = 10;

export async function recordGroupEditIntents(
  ctx: StoreContext,
  intents: readonly GroupEditIntent[],
): Promise<number[]> {
  if (intents.length === 0) return [];
  const now = ctx.now();
  const rows = intents.map((intent) => ({
    occurred_at: now,
    kind: "group" as const,
    outcome: "pending" as const,
    user_guid: intent.user.guid,
    user_name: intent.user.name,
    org_guid: intent.orgGuid,
    group_guid: intent.group.guid,
    group_name: intent.group.name,
    request_id: intent.requestId ?? null,
    details: JSON.stringify(intent.details),
  }));
  // One entry per org: a platform-wide edit of a large foundation is hundreds, so in batches, in one transaction.
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = [];
    for (const batch of batches(rows, INTENT_COLUMNS)) {
      inserted.push(...(await trx.insertInto("history_entries").values(batch).returningAll().execute()));
    }
    // Chained like every entry (./chain-append.ts), last, so the chain's lock is held only to the commit.
    await appendToChain(trx, ctx.backend, now, recordsOf("entry", inserted));
    return inserted.map((row) => row.id).sort((a, b) => a - b);
  });
}

export async function recordGroupEditOutcome(
  ctx: StoreContext,
  ids: readonly number[],
  outcome: ChangeOutcome & { createdGuid?: string },
): Promise<void> {
  if (ids.length === 0) return;
  const created = outcome.createdGuid;
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("history_entries")
      .set({
        outcome: outcome.outcome,
        cf_status: outcome.cfError?.status ?? null,
        cf_code: outcome.cfError?.code ?? null,
        cf_title: outcome.cfError?.title ?? null,
        cf_detail: outcome.cfError?.detail ?? null,
        message: outcome.message ?? null,
        ...(created === undefined ? {} : { group_guid: created }),
      })
      .where(inIds(ctx.backend, "id", ids))
      .where("kind", "=", "group")
      .returning(["id", ...OUTCOME_FIELDS])
      .execute();
    // The outcome is a record of its own in the chain, as a change's is (./changes.ts).
    const records = recordsOf("outcome", updated).map((record) =>
      created === undefined ? record : { ...record, fields: { ...record.fields, group_guid: created } },
    );
    await appendToChain(trx, ctx.backend, ctx.now(), records);
  });
}
