import "server-only";
import { sql, type Kysely, type Migration } from "kysely";
import type { Backend } from "./connect";

/**
 * Migration 005: the watcher's tables (docs/design.md §12, lib/watch).
 *
 * - `watch_lease`: one row per lease name; the instance named in `holder`
 *   runs the cycles until `expires_at`, and renews it while it lives.
 * - `watch_cycles`: each cycle's start, the time its CF reads began
 *   (`observed_at`), its end, its counts and its error, whoever ran it: what
 *   schedules the next cycle across instances, and what /api/health reports.
 * - `space_standings`: each space's last verdict under its org's policy, so a
 *   cycle knows when compliance turns bad or good.
 * - `watch_events`: compliance turning bad (`violation-began`) or good
 *   (`violation-ended`), with its cause; what alerts will deliver.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function watchMigration(backend: Backend): Migration {
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
      await db.schema
        .createTable("watch_lease")
        .addColumn("name", "text", (col) => col.primaryKey())
        .addColumn("holder", "text", (col) => col.notNull())
        .addColumn("acquired_at", "bigint", (col) => col.notNull())
        .addColumn("expires_at", "bigint", (col) => col.notNull())
        .execute();
      await id(db, "watch_cycles")
        .addColumn("holder", "text", (col) => col.notNull())
        .addColumn("started_at", "bigint", (col) => col.notNull())
        .addColumn("observed_at", "bigint", (col) => col.notNull())
        .addColumn("ended_at", "bigint")
        .addColumn("counts", "text")
        .addColumn("error", "text")
        .execute();
      await db.schema.createIndex("watch_cycles_started").on("watch_cycles").column("started_at").execute();
      await db.schema
        .createTable("space_standings")
        .addColumn("space_guid", "text", (col) => col.primaryKey())
        .addColumn("org_guid", "text", (col) => col.notNull())
        .addColumn("space_name", "text", (col) => col.notNull())
        .addColumn("verdict", "text", (col) => col.notNull())
        .addColumn("rule", "text")
        .addColumn("reasons", "text", (col) => col.notNull())
        .addColumn("policy_version", "integer", (col) => col.notNull())
        .addColumn("judged_at", "bigint", (col) => col.notNull())
        .addCheckConstraint("space_standings_verdict", sql`verdict in ('unjudged', 'complies', 'violates')`)
        .execute();
      await db.schema.createIndex("space_standings_org").on("space_standings").column("org_guid").execute();
      await id(db, "watch_events")
        .addColumn("occurred_at", "bigint", (col) => col.notNull())
        .addColumn("kind", "text", (col) => col.notNull())
        .addColumn("org_guid", "text", (col) => col.notNull())
        .addColumn("space_guid", "text", (col) => col.notNull())
        .addColumn("space_name", "text", (col) => col.notNull())
        .addColumn("rule", "text")
        .addColumn("reasons", "text", (col) => col.notNull())
        .addColumn("cause", "text", (col) => col.notNull())
        .addColumn("cause_entry_id", "integer")
        .addColumn("window_from", "bigint")
        .addColumn("window_to", "bigint", (col) => col.notNull())
        .addCheckConstraint("watch_events_kind", sql`kind in ('violation-began', 'violation-ended')`)
        .execute();
      await db.schema
        .createIndex("watch_events_org_time")
        .on("watch_events")
        .columns(["org_guid", "occurred_at desc", "id desc"])
        .execute();
    },
    async down(db: AnyDb) {
      for (const table of ["watch_events", "space_standings", "watch_cycles", "watch_lease"]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
