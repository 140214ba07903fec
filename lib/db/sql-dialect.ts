import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { Backend } from "./connect";

/**
 * The only places where the two databases need different SQL. Everything
 * else is the same Kysely query on both.
 */

/**
 * `column IN (values)` with the whole list as ONE bound parameter, so the
 * statement is the same for 1 or 5,000 guids and no variable limit applies:
 * an array on PostgreSQL, a JSON array read by `json_each` on SQLite.
 */
export function inList(backend: Backend, column: string, values: readonly string[]): RawBuilder<SqlBool> {
  if (backend === "postgres") return sql<SqlBool>`${sql.ref(column)} = any(${values}::text[])`;
  return sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}

/**
 * A list of strings as a table with one column, `value`, from one bound
 * parameter: for queries that seek an index once per element (see lastEntries).
 */
export function listTable<A extends string>(backend: Backend, values: readonly string[], alias: A) {
  const json = JSON.stringify(values);
  const table =
    backend === "postgres"
      ? sql<{ value: string }>`json_array_elements_text(${json}::json)`
      : sql<{ value: string }>`json_each(${json})`;
  return table.as(alias);
}

/** `inList` for integer ids. */
export function inIds(backend: Backend, column: string, ids: readonly number[]): RawBuilder<SqlBool> {
  if (backend === "postgres") return sql<SqlBool>`${sql.ref(column)} = any(${ids}::integer[])`;
  return sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/**
 * Row locks for read-modify-write transactions. PostgreSQL needs
 * `FOR UPDATE` (its transactions read committed data without locking it);
 * SQLite has no such clause and needs none, since every transaction here
 * starts with BEGIN IMMEDIATE and so holds the database's write lock.
 */
export function lockRows<Q extends { forUpdate(): Q }>(backend: Backend, query: Q): Q {
  return backend === "postgres" ? query.forUpdate() : query;
}

/**
 * Bound parameters per statement: SQLite's limit in the bundled build
 * (SQLITE_MAX_VARIABLE_NUMBER = 32766; PostgreSQL allows 65535), so one
 * batch size serves both.
 */
export const MAX_PARAMETERS = 32_766;

/** Splits rows into batches whose parameters fit in one statement. */
export function batches<T>(rows: readonly T[], parametersPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / parametersPerRow));
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += size) result.push(rows.slice(start, start + size));
  return result;
}
