import type { ChainPoint, ChainSubject } from "./chain-record";
import type { WatchEvent } from "./watch-types";

/** The history's hash chain as the store answers it (./chain-store.ts, docs/adr/0010). */

export type { ChainPoint, ChainSubject };

export type ChainBreak = {
  /** The record where it breaks; null for a row no record names. */
  seq: number | null;
  subject: ChainSubject;
  /** The history entry's or watcher event's id. */
  subjectId: number;
  /** When the entry or event occurred, as far as the chain or the row says. */
  at: number | null;
  problems: string[];
};

export type ChainProgress = {
  /** The last record verified (the starting point when none was). */
  through: ChainPoint;
  checked: number;
  /** Whether the walk reached the chain's last record. */
  reachedEnd: boolean;
  break: ChainBreak | null;
};

/** Where an entry or event stands in the chain: its own record, and its latest outcome's. */
export type ChainRefs = { record: ChainPoint; outcome: ChainPoint | null };

export interface ChainStore {
  /** Verifies up to `limit` records after `from` (a point already verified, or GENESIS). */
  verify(from: ChainPoint, limit: number): Promise<ChainProgress>;
  /** Whether the record at `point.seq` still has `point.hash`. */
  stillAnchored(point: ChainPoint): Promise<boolean>;
  /** The first entry, then event, that no record names; reads the whole tables. */
  findUnchained(): Promise<ChainBreak | null>;
  /** The last record. */
  head(): Promise<ChainPoint>;
  /** The records of these entries (or events), by id. */
  refs(subject: "entry" | "event", ids: number[]): Promise<Map<number, ChainRefs>>;
  /** The org's watcher events in [from, to], oldest first, and each space's last event before `from`. */
  eventsAround(
    orgGuid: string,
    from: number,
    to: number,
  ): Promise<{ before: WatchEvent[]; within: WatchEvent[] }>;
}
