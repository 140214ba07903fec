import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { HistoryConfig } from "../connect";

/**
 * The databases the history's tests run against: SQLite always, PostgreSQL
 * when DATABASE_URL is set (scripts/with-postgres.sh sets it). Every test
 * gets a database of its own: a temporary folder, or a new PostgreSQL
 * database created through DATABASE_URL and dropped afterwards, so reruns
 * start clean and tests never see each other's rows.
 */

export type TestDatabase = { config: HistoryConfig; drop(): Promise<void> };
export type TestBackend = {
  name: "sqlite" | "postgres";
  create(): Promise<TestDatabase>;
  /** Call in afterAll: closes the connection used to create and drop databases. */
  close(): Promise<void>;
};

const sqlite: TestBackend = {
  name: "sqlite",
  create() {
    const dataDir = mkdtempSync(path.join(tmpdir(), "egress-history-"));
    return Promise.resolve({
      config: { dataDir },
      drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    });
  },
  close: () => Promise.resolve(),
};

function postgres(adminUrl: string): TestBackend {
  let admin: Kysely<unknown> | undefined;
  let count = 0;
  return {
    name: "postgres",
    async create() {
      admin ??= new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: adminUrl, max: 2 }) }),
      });
      const name = `history_test_${process.pid}_${++count}_${Math.random().toString(36).slice(2, 8)}`;
      await sql`create database ${sql.id(name)}`.execute(admin);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const database = admin;
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
    },
    async close() {
      await admin?.destroy();
      admin = undefined;
    },
  };
}

/** For describe.each: the backends available in this environment. */
export function testBackends(): TestBackend[] {
  const url = process.env.DATABASE_URL;
  return url === undefined || url === "" ? [sqlite] : [sqlite, postgres(url)];
}
