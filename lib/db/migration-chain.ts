import "server-only";
import { sql, type Kysely, type Migration } from "kysely";
import { insertRecords, recordsOf } from "./chain-append";
import { GENESIS, type ChainPoint, type ChainSubject } from "./chain-record";
import type { HistoryDatabase } from "./schema";

/**
 * Migration 006: the history's hash chain (./chain-record.ts, docs/adr/0010-hash-chained-history.md).
 *
 * `history_chain` holds one row per record, `seq` 1, 2, 3 … assigned under the chain's lock
 * (./chain-append.ts), never by the database, so a missing number is itself evidence. The rows
 * already in the database are chained here, the entries in id order and then the watcher's
 * events in id order, each as it stands now (an outcome already written is part of its entry's
 * record), so an upgraded database verifies. The migration runs in one transaction under the
 * migrator's lock, so no write can slip between the backfill and the first append.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const PAGE = 1_000;

async function backfill(
  db: AnyDb,
  table: "history_entries" | "watch_events",
  subject: ChainSubject,
  head: ChainPoint,
) {
  const typed = db as Kysely<HistoryDatabase>;
  const recordedAt = Date.now();
  let after = 0;
  for (;;) {
    const rows = (await db
      .selectFrom(table)
      .selectAll()
      .where("id", ">", after)
      .orderBy("id")
      .limit(PAGE)
      .execute()) as ({ id: number } & Record<string, unknown>)[];
    if (rows.length === 0) return head;
    head = await insertRecords(typed, head, recordsOf(subject, rows), recordedAt);
    after = rows[rows.length - 1]?.id ?? after;
  }
}

export const chainMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("history_chain")
      .addColumn("seq", "integer", (col) => col.primaryKey())
      .addColumn("subject", "text", (col) => col.notNull())
      .addColumn("subject_id", "integer", (col) => col.notNull())
      .addColumn("recorded_at", "bigint", (col) => col.notNull())
      .addColumn("record", "text", (col) => col.notNull())
      .addColumn("hash", "text", (col) => col.notNull())
      .addCheckConstraint("history_chain_subject", sql`subject in ('entry', 'outcome', 'event')`)
      .execute();
    // An entry's records (its insert and its outcomes), for the verifier and the report.
    await db.schema
      .createIndex("history_chain_subject")
      .on("history_chain")
      .columns(["subject", "subject_id", "seq"])
      .execute();
    const head = await backfill(db, "history_entries", "entry", GENESIS);
    await backfill(db, "watch_events", "event", head);
  },
  async down(db: AnyDb) {
    await db.schema.dropTable("history_chain").execute();
  },
};
