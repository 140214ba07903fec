import "server-only";
import { sql, type Insertable, type Kysely } from "kysely";
import { alertBody, subscriptionOf, type AlertFacts } from "@/lib/alert-format/payload";
import type { AlertStore, DeliveryState } from "./alert-types";
import type { Backend } from "./connect";
import type { StoreContext } from "./context";
import type { AlertDeliveriesTable, HistoryDatabase } from "./schema";
import { batches, inIds, inList } from "./sql-dialect";

/**
 * The outbox's enqueue (docs/adr/0011-alert-delivery.md): called inside the
 * transaction that records an event (a drift, a change's outcome, a watch
 * event), so an event and its deliveries commit together or not at all, and a
 * restart loses nothing. One row per event and subscribed destination of its
 * org; the unique (destination, idempotency key) makes a repeat a no-op.
 *
 * A claim is a time (`claimed_until`), not a lock held while sending: the
 * sender takes due rows in one short transaction (on PostgreSQL with
 * FOR UPDATE SKIP LOCKED, so two instances never take one row; on SQLite the
 * transaction holds the write lock), sends outside it, and records the result
 * only while the claim is still its own. A sender that dies leaves its claim
 * to expire, and the row is sent again: at least once.
 */

const DELIVERY_COLUMNS = 9;

export async function enqueueAlerts(
  db: Kysely<HistoryDatabase>,
  backend: Backend,
  now: number,
  events: readonly AlertFacts[],
): Promise<number> {
  if (events.length === 0) return 0;
  const orgs = [...new Set(events.map((event) => event.orgGuid))];
  const subscribed = await db
    .selectFrom("alert_destinations as d")
    .innerJoin("alert_subscriptions as s", "s.org_guid", "d.org_guid")
    .select(["d.id", "d.org_guid", "d.org_name", "s.kind"])
    .where(inList(backend, "d.org_guid", orgs))
    .execute();
  if (subscribed.length === 0) return 0;
  const rows: Insertable<AlertDeliveriesTable>[] = [];
  for (const event of events) {
    const kind = subscriptionOf(event.kind);
    for (const destination of subscribed) {
      if (destination.org_guid !== event.orgGuid || destination.kind !== kind) continue;
      rows.push({
        destination_id: destination.id,
        org_guid: event.orgGuid,
        kind: event.kind,
        idempotency_key: event.id,
        payload: alertBody(event, destination.org_name),
        state: "pending",
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
      });
    }
  }
  let enqueued = 0;
  for (const batch of batches(rows, DELIVERY_COLUMNS)) {
    const inserted = await db
      .insertInto("alert_deliveries")
      .values(batch)
      .onConflict((oc) => oc.columns(["destination_id", "idempotency_key"]).doNothing())
      .returning("id")
      .execute();
    enqueued += inserted.length;
  }
  return enqueued;
}

export function outboxStore(
  ctx: StoreContext,
): Pick<AlertStore, "claimDue" | "recordAttempt" | "deliveryCounts"> {
  const { db, backend } = ctx;
  return {
    async claimDue(limit, claimMs) {
      const now = ctx.now();
      const claimedUntil = now + claimMs;
      const ids = await db.transaction().execute(async (trx) => {
        let due = trx
          .selectFrom("alert_deliveries")
          .select("id")
          .where("state", "=", "pending")
          .where("next_attempt_at", "<=", now)
          .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]))
          .orderBy("next_attempt_at")
          .orderBy("id")
          .limit(limit);
        // Another instance's claim in progress is skipped, not waited for.
        if (backend === "postgres") due = due.forUpdate().skipLocked();
        const rows = await due.execute();
        if (rows.length === 0) return [];
        const taken = rows.map((row) => row.id);
        await trx
          .updateTable("alert_deliveries")
          .set({ claimed_until: claimedUntil })
          .where(inIds(backend, "id", taken))
          .execute();
        return taken;
      });
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom("alert_deliveries as a")
        .innerJoin("alert_destinations as d", "d.id", "a.destination_id")
        .select([
          "a.id",
          "a.idempotency_key",
          "a.kind",
          "a.payload",
          "a.attempts",
          "d.id as destination_id",
          "d.org_guid",
          "d.org_name",
          "d.channel",
          "d.target",
          "d.secret",
        ])
        .where(inIds(backend, "a.id", ids))
        .orderBy("a.id")
        .execute();
      return rows.map((row) => ({
        id: row.id,
        idempotencyKey: row.idempotency_key,
        kind: row.kind,
        payload: row.payload,
        attempts: row.attempts,
        claimedUntil,
        destination: {
          id: row.destination_id,
          orgGuid: row.org_guid,
          orgName: row.org_name,
          channel: row.channel,
          target: row.target,
          secret: row.secret,
        },
      }));
    },

    async recordAttempt(delivery, result) {
      const now = ctx.now();
      const state: DeliveryState = result.ok ? "delivered" : result.retryAt === null ? "failed" : "pending";
      await db
        .updateTable("alert_deliveries")
        .set((eb) => ({
          state,
          attempts: eb("attempts", "+", 1),
          claimed_until: null,
          last_status: result.status,
          last_error: result.ok ? null : result.error,
          delivered_at: result.ok ? now : null,
          next_attempt_at: result.ok || result.retryAt === null ? now : result.retryAt,
        }))
        .where("id", "=", delivery.id)
        .where("state", "=", "pending")
        .where("claimed_until", "=", delivery.claimedUntil)
        .execute();
    },

    async deliveryCounts() {
      const rows = await db
        .selectFrom("alert_deliveries")
        .select(["state", sql<number>`count(*)`.as("n")])
        .groupBy("state")
        .execute();
      const counts: Record<DeliveryState, number> = { pending: 0, delivered: 0, failed: 0 };
      for (const row of rows) counts[row.state] = Number(row.n);
      return counts;
    },
  };
}
