import "server-only";
import { sql } from "kysely";
import { chainHead } from "./chain-append";
import type { ChainRefs, ChainStore } from "./chain-types";
import { findUnchained, stillAnchored, verifyFrom } from "./chain-verify";
import type { StoreContext } from "./context";
import { toEvent } from "./standings";
import { inIds } from "./sql-dialect";

/** The chain's reads: verification (./chain-verify.ts) and what the compliance report ties to it. */
export function chainStore(ctx: StoreContext): ChainStore {
  const { db, backend } = ctx;
  return {
    verify: (from, limit) => verifyFrom(ctx, from, limit),
    stillAnchored: (point) => stillAnchored(ctx, point),
    findUnchained: () => findUnchained(ctx),
    head: () => chainHead(db),

    async refs(subject, ids) {
      const refs = new Map<number, ChainRefs>();
      if (ids.length === 0) return refs;
      const rows = await db
        .selectFrom("history_chain")
        .select(["seq", "hash", "subject", "subject_id"])
        .where("subject", "in", [subject, "outcome"])
        .where(inIds(backend, "subject_id", ids))
        .orderBy("seq")
        .execute();
      // Entry ids and event ids are separate sequences: an outcome record is an entry's only.
      for (const row of rows) {
        const point = { seq: row.seq, hash: row.hash };
        const known = refs.get(row.subject_id);
        if (row.subject === subject)
          refs.set(row.subject_id, { record: point, outcome: known?.outcome ?? null });
        else if (subject === "entry" && known) known.outcome = point;
      }
      return refs;
    },

    async eventsAround(orgGuid, from, to) {
      const [within, before] = await Promise.all([
        db
          .selectFrom("watch_events")
          .selectAll()
          .where("org_guid", "=", orgGuid)
          .where("occurred_at", ">=", from)
          .where("occurred_at", "<=", to)
          .orderBy("occurred_at")
          .orderBy("id")
          .execute(),
        // Each space's last event before the period: its compliance when the period began.
        db
          .selectFrom("watch_events")
          .selectAll()
          .where(
            "id",
            "in",
            db
              .selectFrom("watch_events")
              .select(sql<number>`max(id)`.as("id"))
              .where("org_guid", "=", orgGuid)
              .where("occurred_at", "<", from)
              .groupBy("space_guid"),
          )
          .execute(),
      ]);
      return { within: within.map(toEvent), before: before.map(toEvent) };
    },
  };
}
