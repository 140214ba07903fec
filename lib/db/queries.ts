import "server-only";
import type { ExpressionBuilder } from "kysely";
import { z } from "zod";
import type { StoreContext } from "./context";
import { decodeCursor, encodeCursor } from "./cursor";
import { toEntry } from "./rows";
import type { HistoryDatabase } from "./schema";
import { inList, listTable } from "./sql-dialect";
import type { HistoryEntry, KindFilter, ListQuery, ListResult } from "./types";

/** The reads behind the activity page and the org matrix. */

export const MAX_PAGE_SIZE = 500;

const listQuerySchema = z.object({
  orgGuid: z.string().min(1),
  spaceGuids: z.array(z.string()),
  space: z.string().optional(),
  kinds: z.array(z.enum(["change", "drift", "failure", "policy", "request"])).optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE),
});

/**
 * The org's history, newest first. Only entries of the given spaces (what the
 * user can read now) and entries of no space (org-wide, e.g. policy). `kinds`
 * empty or absent means every kind.
 */
export async function list(ctx: StoreContext, query: ListQuery): Promise<ListResult> {
  const parsed = listQuerySchema.safeParse(query);
  if (!parsed.success) return { ok: false, message: "The history query is not valid." };
  const { orgGuid, spaceGuids, space, kinds, from, to, limit } = parsed.data;
  const decoded = parsed.data.cursor === undefined ? undefined : decodeCursor(parsed.data.cursor);
  if (decoded !== undefined && !decoded.ok) return decoded;
  // A space the user cannot read has no history for them.
  if (space !== undefined && !spaceGuids.includes(space)) return { ok: true, entries: [], nextCursor: null };

  let select = ctx.db
    .selectFrom("history_entries")
    .selectAll()
    .where("org_guid", "=", orgGuid)
    .where((eb) => eb.or([eb("space_guid", "is", null), inList(ctx.backend, "space_guid", spaceGuids)]));
  if (space !== undefined) select = select.where("space_guid", "=", space);
  if (kinds !== undefined && kinds.length > 0) {
    select = select.where((eb) => eb.or(kinds.map((kind) => kindCondition(eb, kind))));
  }
  if (from !== undefined) select = select.where("occurred_at", ">=", from);
  if (to !== undefined) select = select.where("occurred_at", "<=", to);
  if (decoded !== undefined) {
    const { occurredAt, id } = decoded.cursor;
    select = select.where((eb) =>
      eb.or([
        eb("occurred_at", "<", occurredAt),
        eb.and([eb("occurred_at", "=", occurredAt), eb("id", "<", id)]),
      ]),
    );
  }
  // One row more than asked tells whether there is a next page.
  const rows = await select
    .orderBy("occurred_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    ok: true,
    entries: page.map(toEntry),
    nextCursor:
      rows.length > limit && last !== undefined
        ? encodeCursor({ occurredAt: last.occurred_at, id: last.id })
        : null,
  };
}

function kindCondition(eb: ExpressionBuilder<HistoryDatabase, "history_entries">, kind: KindFilter) {
  switch (kind) {
    case "change":
      return eb.and([eb("kind", "in", ["change", "segment", "group"]), eb("outcome", "<>", "failed")]);
    case "failure":
      return eb.and([eb("kind", "in", ["change", "segment", "group"]), eb("outcome", "=", "failed")]);
    case "request":
      return eb("kind", "=", "request");
    case "drift":
      return eb("kind", "=", "drift");
    case "policy":
      return eb("kind", "=", "policy");
  }
}

/**
 * The latest entry of each space, in one query whatever the number of spaces:
 * for each guid, one seek of the (org, space, time, id) index for its newest
 * row. A window function over all their rows measured 0.2-0.8 s for 5,000
 * spaces with ten entries each; this does not grow with the history.
 */
export async function lastEntries(
  ctx: StoreContext,
  orgGuid: string,
  spaceGuids: readonly string[],
): Promise<Map<string, HistoryEntry>> {
  if (spaceGuids.length === 0) return new Map();
  const latestIds = ctx.db
    .selectFrom(listTable(ctx.backend, spaceGuids, "wanted"))
    .select((eb) =>
      eb
        .selectFrom("history_entries as latest")
        .select("latest.id")
        .where("latest.org_guid", "=", orgGuid)
        .whereRef("latest.space_guid", "=", "wanted.value")
        .orderBy("latest.occurred_at", "desc")
        .orderBy("latest.id", "desc")
        .limit(1)
        .as("id"),
    );
  const rows = await ctx.db.selectFrom("history_entries").selectAll().where("id", "in", latestIds).execute();
  const entries = new Map<string, HistoryEntry>();
  for (const row of rows) if (row.space_guid !== null) entries.set(row.space_guid, toEntry(row));
  return entries;
}
