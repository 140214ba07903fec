import "server-only";
import type { Kysely, Selectable } from "kysely";
import {
  chainHash,
  differences,
  GENESIS,
  type ChainPoint,
  type ChainSubject,
  type Fields,
} from "./chain-record";
import type { ChainBreak, ChainProgress } from "./chain-types";
import type { Backend } from "./connect";
import type { HistoryDatabase } from "./schema";
import { inIds } from "./sql-dialect";

/**
 * Walks the history's hash chain (./chain-record.ts) from a point already trusted, a page at a
 * time, and says where it first breaks:
 *
 * - a record's number is not the next one (records were deleted, or numbers rewritten);
 * - its hash is not SHA-256 of the previous hash and its contents (it, or the order, was altered);
 * - the row it records differs from it: a history entry must equal its `entry` record overlaid
 *   with its latest `outcome` record, and a watcher event its `event` record (a field updated
 *   behind the chain's back), or the row is gone (deleted).
 *
 * A row that no record names (inserted behind the chain's back) is found by `findUnchained`,
 * which reads the whole tables and so is for the full check (`npm run history:verify`), not for
 * /api/health's bounded steps.
 */

const PAGE = 500;

type Context = { db: Kysely<HistoryDatabase>; backend: Backend };
type SubjectRows = Map<number, Record<string, unknown>>;

export async function verifyFrom(ctx: Context, from: ChainPoint, limit: number): Promise<ChainProgress> {
  let through = from;
  let checked = 0;
  while (checked < limit) {
    const { rows, subjects } = await readPage(ctx, through, Math.min(PAGE, limit - checked));
    if (rows.length === 0) return { through, checked, reachedEnd: true, break: null };
    for (const row of rows) {
      const problem = checkRecord(row, through, subjects);
      if (problem) return { through, checked, reachedEnd: false, break: problem };
      through = { seq: row.seq, hash: row.hash };
      checked++;
    }
  }
  const more = await ctx.db
    .selectFrom("history_chain")
    .select("seq")
    .where("seq", ">", through.seq)
    .limit(1)
    .execute();
  return { through, checked, reachedEnd: more.length === 0, break: null };
}

/**
 * A page of records and the rows they name, read in one snapshot: an outcome committed between two
 * separate reads would show a row and an outcome record that disagree, which is no tampering. On
 * PostgreSQL a repeatable-read transaction; on SQLite every transaction here is immediate (and so
 * holds the write lock for these few reads).
 */
function readPage(ctx: Context, after: ChainPoint, size: number) {
  return ctx.db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      const page = { db: trx, backend: ctx.backend };
      const rows = await trx
        .selectFrom("history_chain")
        .selectAll()
        .where("seq", ">", after.seq)
        .orderBy("seq")
        .limit(size)
        .execute();
      return { rows, subjects: await subjectsOf(page, rows) };
    });
}

/** Whether the record at `point.seq` still has `point.hash` (a cheap check of what was verified before). */
export async function stillAnchored(ctx: Context, point: ChainPoint): Promise<boolean> {
  if (point.seq === GENESIS.seq) return true;
  const row = await ctx.db
    .selectFrom("history_chain")
    .select("hash")
    .where("seq", "=", point.seq)
    .executeTakeFirst();
  return row?.hash === point.hash;
}

/** The first history entry, then the first watcher event, that no record of the chain names. */
export async function findUnchained(ctx: Context): Promise<ChainBreak | null> {
  const entry = await ctx.db
    .selectFrom("history_entries as e")
    .select(["e.id", "e.occurred_at"])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("history_chain as c")
            .select("c.seq")
            .where("c.subject", "=", "entry")
            .whereRef("c.subject_id", "=", "e.id"),
        ),
      ),
    )
    .orderBy("e.id")
    .limit(1)
    .executeTakeFirst();
  if (entry) return unchained("entry", entry.id, entry.occurred_at);
  const event = await ctx.db
    .selectFrom("watch_events as w")
    .select(["w.id", "w.occurred_at"])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("history_chain as c")
            .select("c.seq")
            .where("c.subject", "=", "event")
            .whereRef("c.subject_id", "=", "w.id"),
        ),
      ),
    )
    .orderBy("w.id")
    .limit(1)
    .executeTakeFirst();
  return event ? unchained("event", event.id, event.occurred_at) : null;
}

function unchained(subject: ChainSubject, id: number, at: number): ChainBreak {
  const table = subject === "entry" ? "history_entries" : "watch_events";
  return {
    seq: null,
    subject,
    subjectId: id,
    at,
    problems: [`the row is in ${table} but not in the chain (added)`],
  };
}

type Subjects = { entries: SubjectRows; events: SubjectRows; outcomes: Map<number, Fields> };

function checkRecord(
  row: Selectable<HistoryDatabase["history_chain"]>,
  prev: ChainPoint,
  subjects: Subjects,
) {
  const fields = parseFields(row.record);
  const at = typeof fields?.occurred_at === "number" ? fields.occurred_at : row.recorded_at;
  const broken = (problems: string[]): ChainBreak => ({
    seq: row.seq,
    subject: row.subject,
    subjectId: row.subject_id,
    at,
    problems,
  });
  if (row.seq !== prev.seq + 1) {
    const missing = row.seq - 1 === prev.seq + 1 ? `${prev.seq + 1}` : `${prev.seq + 1} to ${row.seq - 1}`;
    return broken([
      row.seq > prev.seq + 1
        ? `record ${missing} is missing from the chain (deleted)`
        : `record ${row.seq} comes after record ${prev.seq} (the order was rewritten)`,
    ]);
  }
  if (chainHash(prev.hash, row) !== row.hash || fields === null) {
    return broken([
      "the record's hash does not match its contents and the hash before it (the record was altered)",
    ]);
  }
  if (row.subject === "outcome") return null;
  const stored = (row.subject === "entry" ? subjects.entries : subjects.events).get(row.subject_id);
  const table = row.subject === "entry" ? "history_entries" : "watch_events";
  if (stored === undefined) return broken([`the row is no longer in ${table} (deleted)`]);
  const expected = row.subject === "entry" ? { ...fields, ...subjects.outcomes.get(row.subject_id) } : fields;
  const found = differences(expected, stored);
  return found.length > 0 ? broken(found) : null;
}

function parseFields(text: string): Fields | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Fields) : null;
  } catch {
    return null;
  }
}

/** The rows the page's records name, and each entry's latest outcome in the whole chain. */
async function subjectsOf(ctx: Context, rows: readonly { subject: ChainSubject; subject_id: number }[]) {
  const ids = (subject: ChainSubject) => rows.filter((r) => r.subject === subject).map((r) => r.subject_id);
  const entryIds = ids("entry");
  const eventIds = ids("event");
  const [entries, events, outcomes] = await Promise.all([
    entryIds.length === 0
      ? []
      : ctx.db
          .selectFrom("history_entries")
          .selectAll()
          .where(inIds(ctx.backend, "id", entryIds))
          .execute(),
    eventIds.length === 0
      ? []
      : ctx.db
          .selectFrom("watch_events")
          .selectAll()
          .where(inIds(ctx.backend, "id", eventIds))
          .execute(),
    entryIds.length === 0
      ? []
      : ctx.db
          .selectFrom("history_chain")
          .select(["subject_id", "record"])
          .where("subject", "=", "outcome")
          .where(inIds(ctx.backend, "subject_id", entryIds))
          .orderBy("seq")
          .execute(),
  ]);
  const latest = new Map<number, Fields>();
  // In order, so the last one wins; one whose text is not JSON breaks at its own record.
  for (const outcome of outcomes) latest.set(outcome.subject_id, parseFields(outcome.record) ?? {});
  return {
    entries: new Map(entries.map((row) => [row.id, row as Record<string, unknown>])),
    events: new Map(events.map((row) => [row.id, row as Record<string, unknown>])),
    outcomes: latest,
  };
}
