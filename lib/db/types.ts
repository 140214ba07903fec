import type {
  ChangeIntent,
  ChangeOutcome,
  GroupEditDetails,
  GroupRef,
  HistoryEntry,
  KindFilter,
  Lifecycle,
  UserRef,
} from "./entries";
import type { AlertStore } from "./alert-types";
import type { ChainStore } from "./chain-types";
import type { WatchStore } from "./watch-types";

/**
 * What the database stores besides the entries (segment moves, requests,
 * policies, observations, token renewals) and the store's own interface.
 * Times are epoch milliseconds, as in ./entries.ts.
 */

export type * from "./entries";
export type * from "./watch-types";
export type * from "./alert-types";
export type * from "./chain-types";
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

/** A group edit about to be sent to CF, as one org's entry (./events-group.ts). */
export type GroupEditIntent = {
  user: UserRef;
  orgGuid: string;
  group: GroupRef;
  details: GroupEditDetails;
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
  /**
   * The reads asked CF for every group bound to these spaces (filtered by space,
   * docs/cf-behaviour.md §2.2), so a recorded group they did not bring is not
   * bound, whether or not the user can see it: every group is compared.
   */
  bindingsComplete?: boolean;
  /** Pending changes younger than this are in flight; older ones are settled from the observation. */
  pendingStaleAfterMs: number;
  /**
   * How stale "last seen unchanged" may grow before it is written again (default a minute, to spare
   * the database on page views). The watcher passes 0, so a drift's window starts at the previous cycle.
   */
  seenAtResolutionMs?: number;
};

export type ObserveResult = { drifted: number; baselined: number; settled: number };

/** A security group as read whole (the watcher's list): its rules and flags, and where it is bound. */
export type ObservedGroup = {
  guid: string;
  name: string;
  rules: readonly object[];
  globallyEnabled: Record<Lifecycle, boolean>;
  /** The orgs of the spaces it is bound to (running or staging). */
  boundOrgGuids: readonly string[];
};

/** An observation of security groups' rules (./observe-groups.ts): a rule drift check. */
export type GroupObservation = {
  /** Taken BEFORE the CF reads started. */
  observedAt: number;
  groups: readonly ObservedGroup[];
  /** Every org of the foundation: a platform-wide group's drift concerns them all. */
  allOrgGuids: readonly string[];
  /** How long a dashboard edit's request may take to land (CHANGE_IN_FLIGHT_MS). */
  inFlightMs: number;
};

export type GroupObserveResult = {
  baselined: number;
  /** Groups whose rules or flags changed outside the dashboard. */
  drifted: number;
  /** Their entries: one per org each concerns. */
  entries: number;
  /** Changes the dashboard's own edits explain. */
  explained: number;
};

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
  /** Rule drift check of security groups read whole (their rules and flags; migration 009). */
  observeGroups(observation: GroupObservation): Promise<GroupObserveResult>;
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
  /** Before the CF request of a group edit: a `pending` entry per org it concerns; their ids. */
  recordGroupEditIntents(intents: GroupEditIntent[]): Promise<number[]>;
  /** After CF answered the group edit; a create that succeeded gives its new group's guid. */
  recordGroupEditOutcome(ids: number[], outcome: ChangeOutcome & { createdGuid?: string }): Promise<void>;
  /** A private-egress request the user was given to send to support. */
  recordRequest(request: RequestRecord): Promise<number>;
  /** The org's stored policy; null when none was ever written. */
  readPolicy(orgGuid: string): Promise<StoredPolicy | null>;
  /** Every org's stored policy (the foundation page); one query. */
  readPolicies(): Promise<StoredPolicy[]>;
  /**
   * Writes the org's policy and its history entry (before and after) in one
   * transaction, if the stored version is still the one the writer read.
   */
  writePolicy(write: PolicyWrite): Promise<PolicyWriteResult>;
  /** Session token renewals shared by the instances (not history: kept here for the shared database). */
  renewals: RenewalStore;
  /** The watcher's lease, cycles, standings and events (lib/watch). */
  watch: WatchStore;
  /** Alert destinations, subscriptions and the delivery outbox (lib/alerts). */
  alerts: AlertStore;
  /** The history's hash chain: verification, and the records the compliance report cites. */
  chain: ChainStore;
  /** One round trip to the database (the health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
