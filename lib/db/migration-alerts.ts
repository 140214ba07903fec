import "server-only";
import { sql, type Kysely, type Migration } from "kysely";
import type { Backend } from "./connect";

/**
 * Migration 007: alerts (docs/design.md §12, docs/adr/0011-alert-delivery.md).
 *
 * - `alert_destinations`: where an org's alerts go, a webhook URL (with the
 *   secret its signature is made with, encrypted with a key derived from
 *   AUTH_SECRET) or an email address.
 * - `alert_subscriptions`: the kinds of event an org subscribed (one row a kind).
 * - `alert_deliveries`: the outbox. One row per event and destination,
 *   written in the transaction that records the event, so nothing is lost
 *   across a restart; the unique (destination, idempotency key) makes a second
 *   enqueue of one event a no-op. The delivery loop claims due rows
 *   (`claimed_until`), sends them, and marks them delivered, or retries them
 *   at `next_attempt_at`, or after the last attempt marks them failed with the
 *   last error.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const ALERT_KIND_CHECK = sql`kind in ('drift', 'violation', 'public-egress', 'change')`;

export function alertsMigration(backend: Backend): Migration {
  const id = (db: AnyDb, table: string) =>
    db.schema
      .createTable(table)
      .addColumn("id", "integer", (col) =>
        backend === "postgres"
          ? col.primaryKey().generatedByDefaultAsIdentity()
          : col.primaryKey().autoIncrement(),
      );
  return {
    async up(db: AnyDb) {
      await id(db, "alert_destinations")
        .addColumn("org_guid", "text", (col) => col.notNull())
        .addColumn("org_name", "text", (col) => col.notNull())
        .addColumn("channel", "text", (col) => col.notNull())
        .addColumn("target", "text", (col) => col.notNull())
        .addColumn("secret", "text")
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("created_by", "text", (col) => col.notNull())
        .addCheckConstraint("alert_destinations_channel", sql`channel in ('webhook', 'email')`)
        .addCheckConstraint("alert_destinations_secret", sql`channel <> 'webhook' or secret is not null`)
        .execute();
      await db.schema
        .createIndex("alert_destinations_org")
        .on("alert_destinations")
        .column("org_guid")
        .execute();
      await db.schema
        .createTable("alert_subscriptions")
        .addColumn("org_guid", "text", (col) => col.notNull())
        .addColumn("kind", "text", (col) => col.notNull())
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addPrimaryKeyConstraint("alert_subscriptions_pk", ["org_guid", "kind"])
        .addCheckConstraint("alert_subscriptions_kind", ALERT_KIND_CHECK)
        .execute();
      await id(db, "alert_deliveries")
        .addColumn("destination_id", "integer", (col) => col.notNull())
        .addColumn("org_guid", "text", (col) => col.notNull())
        .addColumn("kind", "text", (col) => col.notNull())
        .addColumn("idempotency_key", "text", (col) => col.notNull())
        .addColumn("payload", "text", (col) => col.notNull())
        .addColumn("state", "text", (col) => col.notNull())
        .addColumn("attempts", "integer", (col) => col.notNull())
        .addColumn("next_attempt_at", "bigint", (col) => col.notNull())
        .addColumn("claimed_until", "bigint")
        .addColumn("last_error", "text")
        .addColumn("last_status", "integer")
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("delivered_at", "bigint")
        .addCheckConstraint("alert_deliveries_state", sql`state in ('pending', 'delivered', 'failed')`)
        .addUniqueConstraint("alert_deliveries_once", ["destination_id", "idempotency_key"])
        .execute();
      // The loop's question: which pending rows are due.
      await db.schema
        .createIndex("alert_deliveries_due")
        .on("alert_deliveries")
        .columns(["state", "next_attempt_at"])
        .execute();
      // The alerts page: an org's latest deliveries.
      await db.schema
        .createIndex("alert_deliveries_org_time")
        .on("alert_deliveries")
        .columns(["org_guid", "created_at desc", "id desc"])
        .execute();
    },
    async down(db: AnyDb) {
      for (const table of ["alert_deliveries", "alert_subscriptions", "alert_destinations"]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
