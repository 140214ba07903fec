import "server-only";
import { appendToChain, recordsOf } from "./chain-append";
import { OUTCOME_FIELDS } from "./chain-record";
import type { StoreContext } from "./context";
import { segmentDetailsJson } from "./rows";
import type { ChangeOutcome, RequestRecord, SegmentIntent } from "./types";

/**
 * Entries beside binds and drift: a space's move to an isolation segment
 * (intent first, outcome after, as for a bind) and a private-egress request.
 * Neither touches the drift snapshots: segments are not security groups.
 * Each write and its record in the hash chain (./chain-append.ts) share a transaction.
 */

export async function recordSegmentIntent(ctx: StoreContext, intent: SegmentIntent): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const row = await trx
      .insertInto("history_entries")
      .values({
        occurred_at: now,
        kind: "segment",
        outcome: "pending",
        user_guid: intent.user.guid,
        user_name: intent.user.name,
        org_guid: intent.orgGuid,
        space_guid: intent.spaceGuid,
        space_name: intent.spaceName,
        request_id: intent.requestId ?? null,
        details: segmentDetailsJson(intent.from, intent.to),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToChain(trx, ctx.backend, now, recordsOf("entry", [row]));
    return row.id;
  });
}

export async function recordSegmentOutcome(
  ctx: StoreContext,
  id: number,
  outcome: ChangeOutcome,
): Promise<void> {
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
      })
      .where("id", "=", id)
      .where("kind", "=", "segment")
      .returning(["id", ...OUTCOME_FIELDS])
      .execute();
    await appendToChain(trx, ctx.backend, ctx.now(), recordsOf("outcome", updated));
  });
}

export async function recordRequest(ctx: StoreContext, request: RequestRecord): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const row = await trx
      .insertInto("history_entries")
      .values({
        occurred_at: now,
        kind: "request",
        user_guid: request.user.guid,
        user_name: request.user.name,
        org_guid: request.orgGuid,
        message: request.message,
        request_id: request.requestId ?? null,
        details: JSON.stringify(request.details),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToChain(trx, ctx.backend, now, recordsOf("entry", [row]));
    return row.id;
  });
}
