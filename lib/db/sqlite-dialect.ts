import "server-only";
import type BetterSqlite3 from "better-sqlite3";
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from "kysely";

/**
 * Kysely's SQLite dialect, made safe for several connections to one file
 * (two app processes, or two stores in one test process):
 *
 * - Transactions start with `BEGIN IMMEDIATE`. A plain (deferred) BEGIN reads
 *   first and upgrades to a write lock later; in WAL mode that upgrade fails
 *   with SQLITE_BUSY_SNAPSHOT whenever another connection wrote in between,
 *   which is exactly the race the drift check must survive.
 * - Waiting for the write lock happens here, asynchronously, instead of in
 *   SQLite's busy handler: better-sqlite3 is synchronous, so its busy timeout
 *   blocks the event loop, and two connections in one process would then
 *   wait for each other until the timeout (the holder cannot run to commit).
 *   A statement that failed with SQLITE_BUSY outside a transaction (an
 *   autocommit statement or the BEGIN itself) had no effect, so it is retried.
 * - The adapter reports transactional DDL (SQLite has it), so Kysely's
 *   migrator runs each migration run in one immediate transaction: that is
 *   the lock that keeps two processes from migrating at once, since Kysely's
 *   own SQLite migration lock is a no-op.
 */

export type SqliteHistoryDialectOptions = {
  database: BetterSqlite3.Database;
  /** Give up waiting for another connection's write lock after this long. */
  busyTimeoutMs: number;
};

export class SqliteHistoryDialect extends SqliteDialect {
  readonly #options: SqliteHistoryDialectOptions;

  constructor(options: SqliteHistoryDialectOptions) {
    super({ database: options.database });
    this.#options = options;
  }

  override createDriver(): Driver {
    return new BusyRetryingDriver(super.createDriver(), this.#options);
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlAdapter();
  }
}

class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class BusyRetryingDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly options: SqliteHistoryDialectOptions,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new BusyRetryingConnection(await this.inner.acquireConnection(), this.options);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    const inner = connection instanceof BusyRetryingConnection ? connection.inner : connection;
    return this.inner.releaseConnection(inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

class BusyRetryingConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly options: SqliteHistoryDialectOptions,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const deadline = Date.now() + this.options.busyTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.inner.executeQuery<R>(query);
      } catch (error) {
        const retriable = isBusy(error) && !this.options.database.inTransaction;
        if (!retriable || Date.now() >= deadline) throw error;
        // 1, 2, 4 … ms, capped at 25 ms, with jitter so that waiters spread out.
        const delay = Math.min(25, 2 ** attempt) * (0.5 + Math.random());
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code === "SQLITE_LOCKED");
}
