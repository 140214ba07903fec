/**
 * What the watcher keeps in the database (docs/design.md §12, lib/watch):
 * who holds the lease, each cycle, each space's standing under its org's
 * policy, and compliance events. Times are epoch milliseconds.
 */

export type Verdict = "unjudged" | "complies" | "violates";

/** One cycle as recorded: counts are lib/watch's, stored as given. */
export type WatchCycle = {
  id: number;
  holder: string;
  startedAt: number;
  observedAt: number;
  endedAt: number | null;
  counts: Record<string, number> | null;
  error: string | null;
};

/** A space's verdict under its org's policy, as last judged. */
export type Standing = {
  spaceGuid: string;
  orgGuid: string;
  spaceName: string;
  verdict: Verdict;
  /** "1", "2", … or "default"; null when unjudged. */
  rule: string | null;
  reasons: string[];
  /** The stored policy's version it was judged against (0: none). */
  policyVersion: number;
  judgedAt: number;
};

/** What made a space's compliance turn: a history entry where one is known. */
export type EventCause =
  | { kind: "new-space" }
  | { kind: "policy"; entryId: number | null; version: number }
  | { kind: "change" | "drift" | "segment"; entryId: number; summary: string }
  | { kind: "unknown" };

export type WatchEventKind = "violation-began" | "violation-ended";

export type NewWatchEvent = {
  kind: WatchEventKind;
  orgGuid: string;
  spaceGuid: string;
  spaceName: string;
  rule: string | null;
  reasons: string[];
  cause: EventCause;
  /** The previous judgement (null: none, a new space); the window ends at this one. */
  windowFrom: number | null;
  windowTo: number;
};

export type WatchEvent = NewWatchEvent & { id: number; occurredAt: number };

/** The latest history entry of a space since a time (a change, a drift or a segment move), in a line. */
export type LatestEntry = { id: number; kind: "change" | "drift" | "segment"; summary: string };

export interface WatchStore {
  /** Takes the lease `name` for `holder`, or renews it; false while another holder's lease runs. */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up, if `holder` has it (at shutdown), so another instance takes it at once. */
  releaseLease(name: string, holder: string): Promise<void>;
  /** The lease's holder and expiry; null when nobody ever held it. */
  lease(name: string): Promise<{ holder: string; acquiredAt: number; expiresAt: number } | null>;
  /** A cycle begins: its id. */
  startCycle(holder: string, observedAt: number): Promise<number>;
  finishCycle(id: number, result: { counts: Record<string, number>; error: string | null }): Promise<void>;
  /** The latest cycles, newest first. */
  lastCycles(limit: number): Promise<WatchCycle[]>;
  /** Whether any space was ever judged (none: the watcher's first cycle on this database). */
  hasStandings(): Promise<boolean>;
  /** The org's standings, by space guid. */
  standings(orgGuid: string): Promise<Map<string, Standing>>;
  /** Forgets the standings of every space not in `spaceGuids` (deleted from CF); how many. */
  pruneStandings(spaceGuids: string[]): Promise<number>;
  /** New and changed standings and the events they raise, in one transaction; the events' ids. */
  recordJudgements(standings: Standing[], events: NewWatchEvent[]): Promise<number[]>;
  /**
   * For each given space, its latest change (succeeded), drift or segment move after `since`;
   * the org's latest policy edit; and its latest rule drift after `since` (a group's rules changed
   * outside the dashboard: a cause for any space without one of its own).
   */
  causes(
    orgGuid: string,
    spaceGuids: string[],
    since: number,
  ): Promise<{
    entries: Map<string, LatestEntry>;
    policyEntryId: number | null;
    wholeOrg?: LatestEntry | null;
  }>;
  /** The org's events, newest first. */
  events(orgGuid: string, limit: number): Promise<WatchEvent[]>;
}
