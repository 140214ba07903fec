import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { connect, type Connection, type DatabaseConfig } from "../connect";

/**
 * The databases the history's tests run against: SQLite always, PostgreSQL
 * when DATABASE_URL is set (scripts/with-postgres.sh sets it).
 *
 * SQLite: every test gets a file in a new temporary folder, removed after it.
 * PostgreSQL: creating a database costs 200-500 ms, so the tests of one file
 * share one database, created through DATABASE_URL with a unique name,
 * emptied (TRUNCATE) before each test and dropped at the end, so reruns
 * start clean. Tests of migrations ask for a brand-new database (`fresh`).
 */

export type TestDatabase = { config: DatabaseConfig; drop(): Promise<void> };
export type TestBackend = {
  name: "sqlite" | "postgres";
  /** An empty database, migrated or not. */
  create(): Promise<TestDatabase>;
  /** A brand-new database, never migrated. */
  fresh(): Promise<TestDatabase>;
  /** Call in afterAll: drops what is shared and closes the admin connection. */
  close(): Promise<void>;
};

function sqlite(): TestBackend {
  const fresh = () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "egress-history-"));
    return Promise.resolve({
      config: { dataDir },
      drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    });
  };
  return { name: "sqlite", create: fresh, fresh, close: () => Promise.resolve() };
}

function postgres(adminUrl: string): TestBackend {
  let admin: Kysely<unknown> | undefined;
  let shared: { database: TestDatabase; connection: Connection } | undefined;
  let count = 0;

  async function fresh(): Promise<TestDatabase> {
    admin ??= new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: adminUrl, max: 2 }) }),
    });
    const database = admin;
    const name = `history_test_${process.pid}_${++count}_${Math.random().toString(36).slice(2, 8)}`;
    await sql`create database ${sql.id(name)}`.execute(database);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      // dataDir is unused with a databaseUrl; nothing is created there.
      config: { databaseUrl: url.toString(), dataDir: tmpdir() },
      drop: async () => {
        // pg's pool.end() resolves before the server has seen its connections
        // go; dropping at once would kill them and log errors, so wait a little.
        for (let tries = 0; tries < 100; tries++) {
          const { rows } = await sql<{ n: number }>`
            select count(*)::int as n from pg_stat_activity where datname = ${name}`.execute(database);
          if (rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(database);
      },
    };
  }

  return {
    name: "postgres",
    fresh,
    async create() {
      if (shared === undefined) {
        const database = await fresh();
        shared = { database, connection: connect(database.config) };
      } else {
        // Before the first store opened there are no tables yet, hence "if exists" in effect.
        await sql`
          do $$ begin
            if to_regclass('history_entries') is not null then
              truncate table history_entries, space_snapshots restart identity;
            end if;
            if to_regclass('history_chain') is not null then
              truncate table history_chain;
            end if;
            if to_regclass('org_policies') is not null then
              truncate table org_policies;
            end if;
            if to_regclass('token_renewals') is not null then
              truncate table token_renewals;
            end if;
            if to_regclass('watch_lease') is not null then
              truncate table watch_lease, watch_cycles, space_standings, watch_events restart identity;
            end if;
            if to_regclass('group_rule_snapshots') is not null then
              truncate table group_rule_snapshots;
            end if;
            if to_regclass('alert_deliveries') is not null then
              truncate table alert_destinations, alert_subscriptions, alert_deliveries restart identity;
            end if;
          end $$`.execute(shared.connection.db);
      }
      // The database outlives the test; close() drops it.
      return { config: shared.database.config, drop: () => Promise.resolve() };
    },
    async close() {
      if (shared !== undefined) {
        await shared.connection.db.destroy();
        await shared.database.drop();
        shared = undefined;
      }
      await admin?.destroy();
      admin = undefined;
    },
  };
}

/** For describe.each: the backends available in this environment. */
export function testBackends(): TestBackend[] {
  const url = process.env.DATABASE_URL;
  return url === undefined || url === "" ? [sqlite()] : [sqlite(), postgres(url)];
}
