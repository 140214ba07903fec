import type { Lifecycle } from "@/lib/egress";

/**
 * The public shapes of the change history. Times are epoch milliseconds
 * everywhere: they sort and compare the same in SQLite and PostgreSQL.
 */

export type { Lifecycle };
export type Action = "bind" | "unbind";
export type EntryKind = "change" | "drift" | "policy" | "segment" | "request";
/**
 * `pending`: written before the CF request. `unknown`: the request was sent
 * but no answer came back (a timeout), so CF may or may not have applied it.
 * Both are settled later by a drift check if no outcome is recorded.
 */
export type Outcome = "pending" | "succeeded" | "failed" | "unknown";
/**
 * What the activity page filters on: "change" is a bind, unbind or segment move that did not fail,
 * "failure" one that did.
 */
export type KindFilter = "change" | "drift" | "failure" | "policy" | "request";

export type GroupRef = { guid: string; name: string };
export type UserRef = { guid: string; name: string };

/** The fields of a CF error (lib/cf/errors.ts `CfApiError`) worth keeping. */
export type CfErrorFields = { status: number; code: number | null; title: string; detail: string };

/** A bind or unbind the dashboard is about to send to CF, for one space. */
export type ChangeIntent = {
  user: UserRef;
  orgGuid: string;
  spaceGuid: string;
  spaceName: string;
  group: GroupRef;
  lifecycle: Lifecycle;
  action: Action;
  requestId?: string | null;
  /** Defaults to the store's clock. */
  occurredAt?: number;
};

export type ChangeOutcome = {
  outcome: "succeeded" | "failed" | "unknown";
  cfError?: CfErrorFields | null;
  /** The sentence shown to the user. */
  message?: string | null;
};

export type DriftChange = {
  groupGuid: string;
  groupName: string;
  lifecycle: Lifecycle;
  change: "bound" | "unbound";
};

type EntryBase = {
  id: number;
  occurredAt: number;
  orgGuid: string;
  requestId: string | null;
};

export type ChangeEntry = EntryBase & {
  kind: "change";
  outcome: Outcome;
  user: UserRef;
  spaceGuid: string;
  spaceName: string;
  group: GroupRef;
  lifecycle: Lifecycle;
  action: Action;
  cfError: CfErrorFields | null;
  message: string | null;
  /** Set when a drift check decided an outcome the dashboard never recorded. */
  settled: { at: number; by: string } | null;
};

/** "Changed outside the dashboard, between `from` (last seen) and `to`, actor unknown." */
export type DriftEntry = EntryBase & {
  kind: "drift";
  spaceGuid: string;
  spaceName: string;
  changes: DriftChange[];
  from: number;
  to: number;
};

export type PolicyEntry = EntryBase & {
  kind: "policy";
  user: UserRef;
  message: string | null;
  before: unknown;
  after: unknown;
};

/** A space moved to an isolation segment (or back to the org's default): `null` is the default. */
export type SegmentEntry = EntryBase & {
  kind: "segment";
  outcome: Outcome;
  user: UserRef;
  spaceGuid: string;
  spaceName: string;
  from: GroupRef | null;
  to: GroupRef | null;
  cfError: CfErrorFields | null;
  message: string | null;
};

/** A private-egress request written for support: who asked, for which org, and what they asked. */
export type RequestEntry = EntryBase & {
  kind: "request";
  user: UserRef;
  message: string | null;
  details: Record<string, unknown>;
};

export type HistoryEntry = ChangeEntry | DriftEntry | PolicyEntry | SegmentEntry | RequestEntry;

export type SegmentIntent = {
  user: UserRef;
  orgGuid: string;
  spaceGuid: string;
  spaceName: string;
  from: GroupRef | null;
  to: GroupRef | null;
  requestId?: string | null;
};

export type RequestRecord = {
  user: UserRef;
  orgGuid: string;
  /** One line for the activity page. */
  message: string;
  details: Record<string, unknown>;
  requestId?: string | null;
};

export type PolicyChange = {
  user: UserRef;
  orgGuid: string;
  before: unknown;
  after: unknown;
  message?: string | null;
  requestId?: string | null;
  occurredAt?: number;
};

/** An org's stored egress policy: the document as written, and who wrote which version when. */
export type StoredPolicy = {
  orgGuid: string;
  /** The JSON document, parsed; its validation is lib/policy's business. */
  document: unknown;
  /** 1 for the first write; an org that never had a policy has none stored (version 0). */
  version: number;
  updatedAt: number;
  updatedBy: UserRef;
};

export type PolicyWrite = {
  user: UserRef;
  orgGuid: string;
  document: unknown;
  /**
   * The version the writer read (0: none stored). The write is refused if the
   * stored version differs. Null writes whatever is stored (a pipeline that
   * owns the policy); the history entry still records what it replaced.
   */
  expectedVersion: number | null;
  /** The history entry's sentence. */
  message?: string | null;
  requestId?: string | null;
  occurredAt?: number;
};

export type PolicyWriteResult =
  { ok: true; stored: StoredPolicy; entryId: number } | { ok: false; conflict: { currentVersion: number } };

export type ObservedSpace = { guid: string; name: string; running: GroupRef[]; staging: GroupRef[] };

export type Observation = {
  orgGuid: string;
  /** Taken BEFORE the CF reads started, so that anything recorded after it may not be in them. */
  observedAt: number;
  spaces: ObservedSpace[];
  /** Every security group the observing user can see; only these are compared. */
  visibleGroupGuids: string[];
  /** Pending changes younger than this are in flight; older ones are settled from the observation. */
  pendingStaleAfterMs: number;
};

export type ObserveResult = { drifted: number; baselined: number; settled: number };

export type ListQuery = {
  orgGuid: string;
  /** Only these spaces (what the user can read now); entries without a space are always included. */
  spaceGuids: string[];
  space?: string;
  kinds?: KindFilter[];
  /** Inclusive bounds on `occurredAt`. */
  from?: number;
  to?: number;
  cursor?: string;
  limit: number;
};

export type ListResult =
  { ok: true; entries: HistoryEntry[]; nextCursor: string | null } | { ok: false; message: string };

/** What a process finds when it wants to renew a session's tokens (./renewals.ts). */
export type RenewalClaim =
  { kind: "claimed" } | { kind: "done"; tokens: string } | { kind: "refused" } | { kind: "pending" };

export type RenewalOutcome = { state: "done"; tokens: string } | { state: "refused" };

/** Token renewals coordinated across instances through the shared database. */
export interface RenewalStore {
  /** Claims the renewal keyed `key` for `owner`, or reports its state. */
  claim(key: string, owner: string, options: { staleAfterMs: number; ttlMs: number }): Promise<RenewalClaim>;
  /** Records the outcome of `owner`'s claim; false when the claim was taken over meanwhile. */
  complete(key: string, owner: string, outcome: RenewalOutcome, ttlMs: number): Promise<boolean>;
  /** Gives a claim up (the UAA did not answer), so that another request may try. */
  abandon(key: string, owner: string): Promise<void>;
}

export interface AppDatabase {
  /** Before the CF request: one `pending` entry per intent, in one statement (batched); ids in order. */
  recordIntents(intents: ChangeIntent[]): Promise<number[]>;
  /**
   * After CF answered. On `succeeded` the change is also applied to each
   * space's snapshot, in the same transaction, so it never reads as drift.
   */
  recordOutcomes(ids: number[], outcome: ChangeOutcome): Promise<void>;
  /** Drift check of the spaces of one org that the observing user can read. */
  observe(observation: Observation): Promise<ObserveResult>;
  /** The latest entry of each given space of the org, in one query. */
  lastEntries(orgGuid: string, spaceGuids: string[]): Promise<Map<string, HistoryEntry>>;
  /** The org's history, newest first, cursor-paginated. A bad cursor is an error value. */
  list(query: ListQuery): Promise<ListResult>;
  /** An org policy edit (who, when, before/after). */
  recordPolicyChange(change: PolicyChange): Promise<number>;
  /** Before the CF request of a segment move: a `pending` entry; its id. */
  recordSegmentIntent(intent: SegmentIntent): Promise<number>;
  /** After CF answered the segment move. */
  recordSegmentOutcome(id: number, outcome: ChangeOutcome): Promise<void>;
  /** A private-egress request the user was given to send to support. */
  recordRequest(request: RequestRecord): Promise<number>;
  /** The org's stored policy; null when none was ever written. */
  readPolicy(orgGuid: string): Promise<StoredPolicy | null>;
  /**
   * Writes the org's policy and its history entry (before and after) in one
   * transaction, if the stored version is still the one the writer read.
   */
  writePolicy(write: PolicyWrite): Promise<PolicyWriteResult>;
  /** Session token renewals shared by the instances (not history: kept here for the shared database). */
  renewals: RenewalStore;
  /** One round trip to the database (the health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
