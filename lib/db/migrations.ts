import "server-only";
import { Migrator, sql, type Kysely, type Migration, type SqlBool } from "kysely";
import type { Backend, Connection } from "./connect";
import { alertsMigration } from "./migration-alerts";
import { tokenRenewalsMigration } from "./migration-token-renewals";
import { groupEditsMigration, GROUP_CHECK, KINDS_008 } from "./migration-group-edits";
import { chainMigration } from "./migration-chain";
import { groupRuleSnapshotsMigration } from "./migration-rule-snapshots";
import { watchMigration } from "./migration-watch";

/**
 * Versioned migrations, in code (no folder to ship next to the build), run by
 * Kysely's migrator when a store opens. Two processes starting at once are
 * safe: on PostgreSQL the migrator holds an advisory lock and a transaction;
 * on SQLite the whole run is one BEGIN IMMEDIATE transaction (./sqlite-dialect.ts).
 * Append new migrations; never edit one that has shipped.
 */

// Migrations are written against an untyped Kysely: the typed schema (./schema.ts) is their result.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const KINDS_001 = sql`kind in ('change', 'drift', 'policy')`;
const KINDS_002 = sql`kind in ('change', 'drift', 'policy', 'segment', 'request')`;
/** A segment move is a change of one space, with an outcome like a bind's. */
const SEGMENT_CHECK = sql`kind <> 'segment' or (outcome is not null and space_guid is not null)`;

type Version = "001" | "002" | "008";
const KINDS: Record<Version, typeof KINDS_001> = { "001": KINDS_001, "002": KINDS_002, "008": KINDS_008 };

/** The entries table under a given name, as of a migration (001; the rebuilds of 002 and 008, new kinds). */
async function createEntriesTable(db: AnyDb, backend: Backend, table: string, version: Version) {
  let builder = db.schema
    .createTable(table)
    .addColumn("id", "integer", (col) =>
      backend === "postgres"
        ? col.primaryKey().generatedByDefaultAsIdentity()
        : // AUTOINCREMENT: ids are never reused, so they order entries of equal times.
          col.primaryKey().autoIncrement(),
    )
    .addColumn("occurred_at", "bigint", (col) => col.notNull())
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("outcome", "text")
    .addColumn("user_guid", "text")
    .addColumn("user_name", "text")
    .addColumn("org_guid", "text", (col) => col.notNull())
    .addColumn("space_guid", "text")
    .addColumn("space_name", "text")
    .addColumn("group_guid", "text")
    .addColumn("group_name", "text")
    .addColumn("lifecycle", "text")
    .addColumn("action", "text")
    .addColumn("cf_status", "integer")
    .addColumn("cf_code", "integer")
    .addColumn("cf_title", "text")
    .addColumn("cf_detail", "text")
    .addColumn("message", "text")
    .addColumn("request_id", "text")
    .addColumn("settled_at", "bigint")
    .addColumn("settled_by", "text")
    .addColumn("details", "text")
    .addColumn("snapshot_version", "integer")
    .addCheckConstraint("history_entries_kind", KINDS[version])
    .addCheckConstraint(
      "history_entries_outcome",
      sql`outcome is null or outcome in ('pending', 'succeeded', 'failed', 'unknown')`,
    )
    .addCheckConstraint(
      "history_entries_change",
      sql`kind <> 'change' or (outcome is not null and space_guid is not null and group_guid is not null
        and lifecycle in ('running', 'staging') and action in ('bind', 'unbind'))`,
    );
  if (version !== "001") builder = builder.addCheckConstraint("history_entries_segment", SEGMENT_CHECK);
  if (version === "008") builder = builder.addCheckConstraint("history_entries_group", GROUP_CHECK);
  await builder.execute();
}

/** The indexes of the entries table; see 001 for what each serves. */
async function createEntryIndexes(db: AnyDb) {
  // The activity page: one org, newest first, keyset-paginated on (occurred_at, id).
  await db.schema
    .createIndex("history_entries_org_time")
    .on("history_entries")
    .columns(["org_guid", "occurred_at desc", "id desc"])
    .execute();
  // The latest entry per space (org matrix) and the space filter.
  await db.schema
    .createIndex("history_entries_org_space_time")
    .on("history_entries")
    .columns(["org_guid", "space_guid", "occurred_at desc", "id desc"])
    .execute();
  // The drift check reads the few unsettled changes of an org.
  await db.schema
    .createIndex("history_entries_unsettled")
    .on("history_entries")
    .columns(["org_guid", "space_guid"])
    .where(sql<SqlBool>`outcome in ('pending', 'unknown')`)
    .execute();
  // At most one drift entry per snapshot version of a space: a second
  // observer of the same change cannot record it again (NULLs, i.e. all
  // other entries, are distinct in a unique index on both databases).
  await db.schema
    .createIndex("history_entries_drift_version")
    .on("history_entries")
    .columns(["space_guid", "snapshot_version"])
    .unique()
    .execute();
}

function migrations(backend: Backend): Record<string, Migration> {
  return {
    "001_history": {
      async up(db: AnyDb) {
        await createEntriesTable(db, backend, "history_entries", "001");
        await createEntryIndexes(db);

        await db.schema
          .createTable("space_snapshots")
          .addColumn("space_guid", "text", (col) => col.primaryKey())
          .addColumn("org_guid", "text", (col) => col.notNull())
          .addColumn("space_name", "text", (col) => col.notNull())
          .addColumn("running", "text", (col) => col.notNull())
          .addColumn("staging", "text", (col) => col.notNull())
          .addColumn("version", "integer", (col) => col.notNull())
          .addColumn("updated_at", "bigint", (col) => col.notNull())
          .addColumn("seen_at", "bigint", (col) => col.notNull())
          .execute();
        await db.schema.createIndex("space_snapshots_org").on("space_snapshots").column("org_guid").execute();
      },
      async down(db: AnyDb) {
        await db.schema.dropTable("space_snapshots").execute();
        await db.schema.dropTable("history_entries").execute();
      },
    },
    // Isolation-segment moves of a space and private-egress requests are history entries too.
    "002_segments_and_requests": {
      async up(db: AnyDb) {
        if (backend === "postgres") {
          await sql`alter table history_entries drop constraint history_entries_kind`.execute(db);
          await sql`alter table history_entries add constraint history_entries_kind check (${KINDS_002})`.execute(
            db,
          );
          await sql`alter table history_entries add constraint history_entries_segment check (${SEGMENT_CHECK})`.execute(
            db,
          );
          return;
        }
        // SQLite cannot change a table's constraints: rebuild it, same columns, same ids, same indexes.
        await createEntriesTable(db, backend, "history_entries_002", "002");
        await sql`insert into history_entries_002 select * from history_entries`.execute(db);
        await db.schema.dropTable("history_entries").execute();
        await sql`alter table history_entries_002 rename to history_entries`.execute(db);
        await createEntryIndexes(db);
      },
    },
    // An org's egress policy (docs/design.md §10): one row per org, the document as
    // JSON text (validated by lib/policy before it is written), and a version
    // that every write checks and bumps, so two editors cannot overwrite each
    // other silently. Each write also adds a `policy` entry to history_entries,
    // in the same transaction (./policies.ts).
    "003_org_policies": {
      async up(db: AnyDb) {
        await db.schema
          .createTable("org_policies")
          .addColumn("org_guid", "text", (col) => col.primaryKey())
          .addColumn("policy", "text", (col) => col.notNull())
          .addColumn("version", "integer", (col) => col.notNull())
          .addColumn("updated_at", "bigint", (col) => col.notNull())
          .addColumn("updated_by_guid", "text", (col) => col.notNull())
          .addColumn("updated_by_name", "text", (col) => col.notNull())
          .addCheckConstraint("org_policies_version", sql`version >= 1`)
          .execute();
      },
      async down(db: AnyDb) {
        await db.schema.dropTable("org_policies").execute();
      },
    },
    // UAA refresh tokens are single-use: instances renewing one session coordinate through this
    // table (./renewals.ts, docs/adr/0007-token-renewal-across-instances.md).
    "004_token_renewals": tokenRenewalsMigration,
    // The watcher's lease, cycles, each space's standing under its policy, and events (./migration-watch.ts).
    "005_watch": watchMigration(backend),
    // The history's hash chain, existing rows chained (./migration-chain.ts).
    "006_history_chain": chainMigration,
    // Alerts: destinations, subscriptions and the delivery outbox (./migration-alerts.ts).
    "007_alerts": alertsMigration(backend),
    // A security group's edits are history entries (./migration-group-edits.ts).
    "008_group_edits": groupEditsMigration(backend, {
      rebuildEntries: (db, table) => createEntriesTable(db, backend, table, "008"),
      createEntryIndexes,
    }),
    // Each security group's rules and flags as last observed: rule drift (./migration-rule-snapshots.ts).
    "009_group_rules_snapshots": groupRuleSnapshotsMigration,
  };
}

/** Every migration's name, in order: what a migrated database has applied. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations("sqlite"));

export const MIGRATION_TABLE = "history_migration";
const MIGRATION_LOCK_TABLE = "history_migration_lock";

/**
 * Brings the database to the latest version (or, for tests of an upgrade, up to `upTo`); answers
 * the names of the migrations it ran.
 */
export async function migrate({ db, backend }: Connection, upTo?: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations(backend)) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const { error, results = [] } = await (upTo === undefined
    ? migrator.migrateToLatest()
    : migrator.migrateTo(upTo));
  if (error !== undefined) {
    const failed = results.find((result) => result.status === "Error")?.migrationName ?? "setup";
    throw new Error(`history: migration ${failed} failed`, { cause: error });
  }
  return results.filter((result) => result.status === "Success").map((result) => result.migrationName);
}

// One run per database per process; concurrent opens share it. A failure is
// forgotten, so that the next open tries again (the database may be back).
const runs = new Map<string, Promise<string[]>>();

export function migrateOnce(connection: Connection): Promise<string[]> {
  let run = runs.get(connection.key);
  if (run === undefined) {
    run = migrate(connection);
    runs.set(connection.key, run);
    void run.catch(() => runs.delete(connection.key));
  }
  return run;
}
