import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, type LogEvent } from "kysely";
import pg from "pg";
import type { HistoryDatabase } from "./schema";
import { SqliteHistoryDialect } from "./sqlite-dialect";

/**
 * Opens the history database: a SQLite file under `dataDir` by default, or
 * PostgreSQL when `databaseUrl` is set. Everything above this file is one
 * code path over Kysely; the differences live here and in ./sql-dialect.ts.
 */

export type Backend = "sqlite" | "postgres";

export type DatabaseConfig = {
  /** A postgres:// or postgresql:// URL; when unset the history is a SQLite file. */
  databaseUrl?: string;
  /** Where the SQLite file (`history.sqlite`) is created on first use. */
  dataDir: string;
  /** The store's clock (tests pin it). */
  now?: () => number;
  /** Called with the SQL of every query run (tests count round trips with it). */
  onQuery?: (sql: string) => void;
  /** The platform's public egress groups, for the alerts' `public-egress` kind (none when unset). */
  publicEgressGroups?: () => readonly string[];
};

export type Connection = {
  db: Kysely<HistoryDatabase>;
  backend: Backend;
  /** Identifies the database, so migrations run once per database per process. */
  key: string;
};

export const SQLITE_FILE_NAME = "history.sqlite";
const SQLITE_BUSY_TIMEOUT_MS = 10_000;
const PG_INT8_OID = 20;

export function connect(config: DatabaseConfig): Connection {
  const log = config.onQuery && logQueries(config.onQuery);
  if (config.databaseUrl !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
      throw new Error("DATABASE_URL must be a postgres:// or postgresql:// URL");
    }
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10, types: { getTypeParser } });
    // An idle client that loses its server emits "error" on the pool; unhandled, that ends the process.
    pool.on("error", (error) => console.error("history: idle PostgreSQL connection failed:", error.message));
    const db = new Kysely<HistoryDatabase>({ dialect: new PostgresDialect({ pool }), log });
    return { db, backend: "postgres", key: `postgres:${config.databaseUrl}` };
  }

  mkdirSync(config.dataDir, { recursive: true });
  const file = path.resolve(config.dataDir, SQLITE_FILE_NAME);
  // A blocking busy timeout only for the pragmas below (switching a new file to
  // WAL takes a lock); afterwards ./sqlite-dialect.ts waits asynchronously.
  const database = new BetterSqlite3(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  // WAL: readers never block the writer, and other processes see commits at once.
  untilNotBusy(() => database.pragma("journal_mode = WAL"), SQLITE_BUSY_TIMEOUT_MS);
  // With WAL, NORMAL is durable against application crashes (not power loss) and much faster.
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 0");
  const dialect = new SqliteHistoryDialect({ database, busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS });
  return { db: new Kysely<HistoryDatabase>({ dialect, log }), backend: "sqlite", key: `sqlite:${file}` };
}

/**
 * Runs `work` again while SQLite answers SQLITE_BUSY, until `timeoutMs`.
 * Switching a new file to WAL while other processes open it too (instances
 * starting at once) can be refused as busy without SQLite calling its busy
 * handler, so the timeout alone does not cover it (seen in CI: three
 * processes on a new file). Synchronous, as the connection is made.
 */
function untilNotBusy<T>(work: () => T, timeoutMs: number): T {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 1; ; attempt++) {
    try {
      return work();
    } catch (error) {
      const busy = (error as { code?: unknown }).code === "SQLITE_BUSY";
      if (!busy || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, Math.min(5 * attempt, 50));
    }
  }
}

/** int8 (bigint) columns hold epoch milliseconds and counts: numbers, not pg's default strings. */
function getTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
  if (oid === PG_INT8_OID && format !== "binary") return (value: string) => Number(value);
  return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
}

function logQueries(onQuery: (sql: string) => void) {
  return (event: LogEvent) => {
    if (event.level === "query") onQuery(event.query.sql);
  };
}
