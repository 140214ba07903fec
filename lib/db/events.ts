import "server-only";
import type { StoreContext } from "./context";
import { segmentDetailsJson } from "./rows";
import type { ChangeOutcome, RequestRecord, SegmentIntent } from "./types";

/**
 * Entries beside binds and drift: a space's move to an isolation segment
 * (intent first, outcome after, as for a bind) and a private-egress request.
 * Neither touches the drift snapshots: segments are not security groups.
 */

export async function recordSegmentIntent(ctx: StoreContext, intent: SegmentIntent): Promise<number> {
  const row = await ctx.db
    .insertInto("history_entries")
    .values({
      occurred_at: ctx.now(),
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
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function recordSegmentOutcome(
  ctx: StoreContext,
  id: number,
  outcome: ChangeOutcome,
): Promise<void> {
  await ctx.db
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
    .execute();
}

export async function recordRequest(ctx: StoreContext, request: RequestRecord): Promise<number> {
  const row = await ctx.db
    .insertInto("history_entries")
    .values({
      occurred_at: ctx.now(),
      kind: "request",
      user_guid: request.user.guid,
      user_name: request.user.name,
      org_guid: request.orgGuid,
      message: request.message,
      request_id: request.requestId ?? null,
      details: JSON.stringify(request.details),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
