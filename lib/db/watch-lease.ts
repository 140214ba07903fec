import "server-only";
import { sql } from "kysely";
import type { StoreContext } from "./context";
import type { WatchCycle, WatchStore } from "./watch-types";

/**
 * The watcher's lease and cycles (docs/design.md §12). One instance at a
 * time runs the cycles, however many share the database: the one named in
 * the lease row until it expires. The holder renews it well before then; a
 * holder that died stops renewing, and the first instance to ask after the
 * expiry takes it over. Both steps are single statements that decide on the
 * row itself, the same Kysely on SQLite and PostgreSQL: a conditional UPDATE
 * (PostgreSQL re-checks its WHERE on the row a concurrent writer just
 * committed; SQLite serialises writers), then an INSERT that the primary key
 * lets only one instance make. Times are each instance's own clock, which
 * the platform keeps in step (NTP); a skew of a second or two moves a
 * takeover by as much, a small part of an interval.
 */

/** Cycles older than this are pruned when a new one is recorded. */
const KEEP_CYCLES_MS = 7 * 24 * 3600_000;

type LeaseOps = Pick<WatchStore, "acquireLease" | "releaseLease" | "lease">;
type CycleOps = Pick<WatchStore, "startCycle" | "finishCycle" | "lastCycles">;

export function leaseStore(ctx: StoreContext): LeaseOps {
  return {
    async acquireLease(name, holder, ttlMs) {
      const now = ctx.now();
      const renewed = await ctx.db
        .updateTable("watch_lease")
        .set({
          holder,
          expires_at: now + ttlMs,
          acquired_at: sql<number>`case when holder = ${holder} then acquired_at else ${now} end`,
        })
        .where("name", "=", name)
        .where((eb) => eb.or([eb("holder", "=", holder), eb("expires_at", "<=", now)]))
        .executeTakeFirst();
      if (renewed.numUpdatedRows > BigInt(0)) return true;
      const inserted = await ctx.db
        .insertInto("watch_lease")
        .values({ name, holder, acquired_at: now, expires_at: now + ttlMs })
        .onConflict((oc) => oc.column("name").doNothing())
        .executeTakeFirst();
      return (inserted.numInsertedOrUpdatedRows ?? BigInt(0)) > BigInt(0);
    },

    async releaseLease(name, holder) {
      await ctx.db.deleteFrom("watch_lease").where("name", "=", name).where("holder", "=", holder).execute();
    },

    async lease(name) {
      const row = await ctx.db
        .selectFrom("watch_lease")
        .select(["holder", "acquired_at", "expires_at"])
        .where("name", "=", name)
        .executeTakeFirst();
      return row ? { holder: row.holder, acquiredAt: row.acquired_at, expiresAt: row.expires_at } : null;
    },
  };
}

export function cycleStore(ctx: StoreContext): CycleOps {
  return {
    async startCycle(holder, observedAt) {
      const now = ctx.now();
      await ctx.db
        .deleteFrom("watch_cycles")
        .where("started_at", "<", now - KEEP_CYCLES_MS)
        .execute();
      const row = await ctx.db
        .insertInto("watch_cycles")
        .values({
          holder,
          started_at: now,
          observed_at: observedAt,
          ended_at: null,
          counts: null,
          error: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async finishCycle(id, { counts, error }) {
      await ctx.db
        .updateTable("watch_cycles")
        .set({ ended_at: ctx.now(), counts: JSON.stringify(counts), error })
        .where("id", "=", id)
        .execute();
    },

    async lastCycles(limit) {
      const rows = await ctx.db
        .selectFrom("watch_cycles")
        .selectAll()
        .orderBy("started_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map((row): WatchCycle => ({
        id: row.id,
        holder: row.holder,
        startedAt: row.started_at,
        observedAt: row.observed_at,
        endedAt: row.ended_at,
        counts: row.counts === null ? null : (JSON.parse(row.counts) as Record<string, number>),
        error: row.error,
      }));
    },
  };
}
