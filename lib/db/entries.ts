import type { Lifecycle } from "@/lib/cf/lifecycle";

/**
 * The entries of the change history as pages read them, and what a change
 * records. Times are epoch milliseconds everywhere: they sort and compare
 * the same in SQLite and PostgreSQL.
 */

export type { Lifecycle };
export type Action = "bind" | "unbind";
export type EntryKind = "change" | "drift" | "policy" | "segment" | "request" | "group";
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

/** A rule of a security group as CF stores it (its keys, canonical order; lib/db/rule-drift.ts). */
export type RuleOfGroup = Record<string, string | number | boolean>;

/** What changed in a group outside the dashboard: rules added and removed, platform-wide flags turned. */
export type RuleDriftChanges = {
  added: RuleOfGroup[];
  removed: RuleOfGroup[];
  flags: { lifecycle: Lifecycle; on: boolean }[];
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

/**
 * "The rules of security group X changed outside the dashboard, between `from` (last seen) and `to`":
 * a drift of the whole org (stored as a `drift` entry without a space; docs/design.md §13, "Drift").
 */
export type RuleDriftEntry = EntryBase & {
  kind: "rule-drift";
  group: GroupRef;
  changes: RuleDriftChanges;
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

/**
 * An edit of a security group (its rules, its platform-wide flags), as one org's history holds it: the
 * edit, and what it opened and closed in this org's spaces (docs/design.md §13, "Group edits").
 */
export type GroupEditDetails = {
  /** A create (`POST /v3/security_groups`) rather than an edit: the rules and flags "before" are none. */
  created?: true;
  /** The rules before and after, when the edit changed them. */
  rules?: { before: unknown[]; after: unknown[] };
  globallyEnabled: { before: Record<Lifecycle, boolean>; after: Record<Lifecycle, boolean> };
  /** This org's spaces whose reach of a catalog destination changes, with the destinations' labels. */
  spaces: { guid: string; name: string; lifecycle: Lifecycle; opens: string[]; closes: string[] }[];
  /** The equivalent cf command(s). */
  command: string;
};

export type GroupEntry = EntryBase & {
  kind: "group";
  outcome: Outcome;
  user: UserRef;
  group: GroupRef;
  details: GroupEditDetails;
  cfError: CfErrorFields | null;
  message: string | null;
};

export type HistoryEntry =
  ChangeEntry | DriftEntry | RuleDriftEntry | PolicyEntry | SegmentEntry | RequestEntry | GroupEntry;
