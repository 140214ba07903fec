import "server-only";
import { sql, type Kysely, type Transaction } from "kysely";
import {
  chainRows,
  fieldsOf,
  GENESIS,
  type ChainPoint,
  type ChainSubject,
  type NewRecord,
} from "./chain-record";
import type { Backend } from "./connect";
import type { HistoryDatabase } from "./schema";
import { batches } from "./sql-dialect";

/**
 * Appends records to the history's hash chain (./chain-record.ts), inside the transaction that
 * wrote what they record, so a write and its record commit together or not at all.
 *
 * The chain must stay one line however many instances write: each append reads the last record
 * and writes the next sequence numbers, so appends are serialised. On PostgreSQL by a
 * transaction-scoped advisory lock; on SQLite every transaction here began with BEGIN IMMEDIATE
 * and already holds the database's write lock. The append is the last step of each transaction,
 * so whoever holds the chain's lock waits for no other lock (no deadlock with the snapshot and
 * policy row locks taken before), and holds it only until its commit. The chain's order is
 * therefore the commit order; an entry's id is handed out earlier and may differ from it.
 */

/** The advisory lock's two keys: "EGRS" and the migration that made the chain. */
const LOCK_KEYS = [0x45475253, 6] as const;
const CHAIN_COLUMNS = 6;

export async function appendToChain(
  trx: Transaction<HistoryDatabase>,
  backend: Backend,
  recordedAt: number,
  records: readonly NewRecord[],
): Promise<void> {
  if (records.length === 0) return;
  if (backend === "postgres")
    await sql`select pg_advisory_xact_lock(${LOCK_KEYS[0]}, ${LOCK_KEYS[1]})`.execute(trx);
  await insertRecords(trx, await chainHead(trx), records, recordedAt);
}

/** Also for the migration, which holds the database's lock and so needs no other. */
export async function insertRecords(
  db: Kysely<HistoryDatabase>,
  head: ChainPoint,
  records: readonly NewRecord[],
  recordedAt: number,
): Promise<ChainPoint> {
  const rows = chainRows(head, records, recordedAt);
  for (const batch of batches(rows, CHAIN_COLUMNS))
    await db.insertInto("history_chain").values(batch).execute();
  const last = rows.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : head;
}

export async function chainHead(db: Kysely<HistoryDatabase>): Promise<ChainPoint> {
  const last = await db
    .selectFrom("history_chain")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return last ?? GENESIS;
}

/** Records of rows as the database returned them (RETURNING): the fields exactly as stored. */
export function recordsOf(
  subject: ChainSubject,
  rows: readonly ({ id: number } & Record<string, unknown>)[],
) {
  return [...rows]
    .sort((a, b) => a.id - b.id)
    .map((row): NewRecord => ({ subject, subjectId: row.id, fields: fieldsOf(subject, row) }));
}
