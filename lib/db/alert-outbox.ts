import "server-only";
import type { Kysely } from "kysely";
import { alertBody, subscriptionOf, type AlertFacts } from "@/lib/alerts/payload";
import type { Backend } from "./connect";
import type { AlertDeliveriesTable, HistoryDatabase } from "./schema";
import type { Insertable } from "kysely";
import { batches, inList } from "./sql-dialect";

/**
 * The outbox's enqueue (docs/adr/0011-alert-delivery.md): called inside the
 * transaction that records an event (a drift, a change's outcome, a watch
 * event), so an event and its deliveries commit together or not at all, and a
 * restart loses nothing. One row per event and subscribed destination of its
 * org; the unique (destination, idempotency key) makes a repeat a no-op.
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
