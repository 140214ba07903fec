import { createHash } from "node:crypto";

/**
 * The records of the history's hash chain (docs/adr/0010-hash-chained-history.md), pure.
 *
 * Each record says one thing that was written: a history entry as inserted (`entry`), a later
 * outcome of a change or segment move (`outcome`: pending → succeeded, or settled by a drift
 * check), or a watcher event (`event`). Its hash covers the previous record's hash, its own
 * sequence number, what it is about and the fields written, as canonical JSON:
 *
 *   hash = SHA-256(prev_hash "\n" seq "\n" subject "\n" subject_id "\n" recorded_at "\n" fields)
 *
 * An outcome is its own record rather than a rewrite of the entry's: the entry's record then never
 * changes, an honest update adds to the chain, and the row's current state must equal its entry
 * record overlaid with its latest outcome record, so an outcome edited behind the chain's back is
 * found as a difference.
 */

export type ChainSubject = "entry" | "outcome" | "event";

/** A point in the chain: a record's sequence number and hash (0 and GENESIS_HASH before the first). */
export type ChainPoint = { seq: number; hash: string };

export const GENESIS: ChainPoint = { seq: 0, hash: "0".repeat(64) };

/** A stored record of the chain (table history_chain). */
export type ChainRow = {
  seq: number;
  subject: ChainSubject;
  subject_id: number;
  recorded_at: number;
  /** Canonical JSON of the fields written. */
  record: string;
  hash: string;
};

export type Fields = Record<string, string | number | null>;

/** Every column of history_entries but its id: what an `entry` record holds. */
export const ENTRY_FIELDS = [
  "occurred_at",
  "kind",
  "outcome",
  "user_guid",
  "user_name",
  "org_guid",
  "space_guid",
  "space_name",
  "group_guid",
  "group_name",
  "lifecycle",
  "action",
  "cf_status",
  "cf_code",
  "cf_title",
  "cf_detail",
  "message",
  "request_id",
  "settled_at",
  "settled_by",
  "details",
  "snapshot_version",
] as const;

/** The columns an outcome writes (./changes.ts, ./events.ts, ./observe-write.ts): an `outcome` record. */
export const OUTCOME_FIELDS = [
  "outcome",
  "cf_status",
  "cf_code",
  "cf_title",
  "cf_detail",
  "message",
  "settled_at",
  "settled_by",
] as const;

/** Every column of watch_events but its id: what an `event` record holds. */
export const EVENT_FIELDS = [
  "occurred_at",
  "kind",
  "org_guid",
  "space_guid",
  "space_name",
  "rule",
  "reasons",
  "cause",
  "cause_entry_id",
  "window_from",
  "window_to",
] as const;

const FIELDS_OF: Record<ChainSubject, readonly string[]> = {
  entry: ENTRY_FIELDS,
  outcome: OUTCOME_FIELDS,
  event: EVENT_FIELDS,
};

/** The fields a record of `subject` holds, taken from a row as the database returned it. */
export function fieldsOf(subject: ChainSubject, row: Record<string, unknown>): Fields {
  const fields: Fields = {};
  for (const name of FIELDS_OF[subject]) {
    const value = row[name];
    fields[name] = typeof value === "string" || typeof value === "number" ? value : null;
  }
  return fields;
}

/** JSON with object keys sorted at every depth, no spaces: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function chainHash(prevHash: string, row: Omit<ChainRow, "hash">): string {
  return createHash("sha256")
    .update([prevHash, row.seq, row.subject, row.subject_id, row.recorded_at, row.record].join("\n"))
    .digest("hex");
}

export type NewRecord = { subject: ChainSubject; subjectId: number; fields: Fields };

/** The rows that append `records` after `head`, at `recordedAt`. */
export function chainRows(head: ChainPoint, records: readonly NewRecord[], recordedAt: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = head;
  for (const record of records) {
    const row = {
      seq: prev.seq + 1,
      subject: record.subject,
      subject_id: record.subjectId,
      recorded_at: recordedAt,
      record: canonicalJson(record.fields),
    };
    const hash = chainHash(prev.hash, row);
    rows.push({ ...row, hash });
    prev = { seq: row.seq, hash };
  }
  return rows;
}

/** Each field where the row differs from what the chain says, worded for a person. */
export function differences(expected: Fields, actual: Record<string, unknown>): string[] {
  return Object.keys(expected).flatMap((name) => {
    const want = expected[name] ?? null;
    const got = actual[name];
    const have = typeof got === "string" || typeof got === "number" ? got : null;
    return want === have ? [] : [`${name}: the chain has ${show(want)}, the row has ${show(have)}`];
  });
}

function show(value: string | number | null): string {
  if (value === null) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
