import type { Generated } from "kysely";
import type { Action, EntryKind, Lifecycle, Outcome } from "./types";

/**
 * The tables as Kysely sees them (created by ./migrations.ts). Times are
 * epoch milliseconds in `bigint` columns: integers sort and compare the same
 * on both databases, and PostgreSQL's int8 is parsed to a number (./connect.ts).
 */

export interface EntriesTable {
  id: Generated<number>;
  occurred_at: number;
  kind: EntryKind;
  /** Null for drift and policy entries. */
  outcome: Outcome | null;
  user_guid: string | null;
  user_name: string | null;
  org_guid: string;
  /** Null for org-wide entries (policy). */
  space_guid: string | null;
  space_name: string | null;
  group_guid: string | null;
  group_name: string | null;
  lifecycle: Lifecycle | null;
  action: Action | null;
  cf_status: number | null;
  cf_code: number | null;
  cf_title: string | null;
  cf_detail: string | null;
  message: string | null;
  request_id: string | null;
  settled_at: number | null;
  settled_by: string | null;
  /** JSON text: a drift's changes and window, a policy's before and after. */
  details: string | null;
  /** For drift entries: the snapshot version they moved to; unique per space. */
  snapshot_version: number | null;
}

export interface SnapshotsTable {
  space_guid: string;
  org_guid: string;
  space_name: string;
  /** JSON text: `GroupRef[]` sorted by guid. */
  running: string;
  staging: string;
  /** Bumped by every write; writers check it (optimistic concurrency). */
  version: number;
  /** When the recorded bindings last changed. */
  updated_at: number;
  /** When they were last observed (or made) as recorded. */
  seen_at: number;
}

/** A security group's rules and flags as last observed (migration 009, ./observe-groups.ts). */
export interface GroupRuleSnapshotsTable {
  group_guid: string;
  group_name: string;
  /** SHA-256, hex, of `state`. */
  hash: string;
  /** Canonical JSON: `{ rules, globally_enabled }` (./rule-drift.ts). */
  state: string;
  /** Bumped by every write; writers check it (optimistic concurrency). */
  version: number;
  /** When the recorded state last changed. */
  updated_at: number;
  /** When it was last observed as recorded. */
  seen_at: number;
}

/** An org's egress policy (migration 003_org_policies). */
export interface OrgPoliciesTable {
  org_guid: string;
  /** JSON text: the policy document (lib/policy's `Policy`), as validated when written. */
  policy: string;
  /** 1 for the first write, bumped by each write; writers check it (optimistic concurrency). */
  version: number;
  updated_at: number;
  updated_by_guid: string;
  updated_by_name: string;
}

/** One renewal of a session's tokens, shared by the instances (./renewals.ts). */
export interface RenewalsTable {
  /** HMAC-SHA256 of the refresh token being spent, hex. */
  key: string;
  state: "pending" | "done" | "refused";
  /** The process renewing it. */
  owner: string;
  /** JWE of the renewed tokens; set when `done`. */
  tokens: string | null;
  claimed_at: number;
  /** After this the row is ignored and deleted. */
  expires_at: number;
}

/** Who runs the watcher's cycles (migration 005_watch, ./watch-lease.ts). */
export interface WatchLeaseTable {
  name: string;
  holder: string;
  acquired_at: number;
  expires_at: number;
}

/** One watcher cycle, whoever ran it. */
export interface WatchCyclesTable {
  id: Generated<number>;
  holder: string;
  started_at: number;
  /** When its CF reads began: a drift it finds happened before this. */
  observed_at: number;
  ended_at: number | null;
  /** JSON text: lib/watch's counts. */
  counts: string | null;
  error: string | null;
}

/** A space's last verdict under its org's policy, as the watcher judged it. */
export interface SpaceStandingsTable {
  space_guid: string;
  org_guid: string;
  space_name: string;
  verdict: "unjudged" | "complies" | "violates";
  /** "1", "2", … or "default"; null when unjudged. */
  rule: string | null;
  /** JSON text: the facts that miss the rule (empty when it complies). */
  reasons: string;
  /** The policy's version it was judged against (0: none stored). */
  policy_version: number;
  judged_at: number;
}

/** Compliance turning bad or good (./standings.ts). */
export interface WatchEventsTable {
  id: Generated<number>;
  occurred_at: number;
  kind: "violation-began" | "violation-ended";
  org_guid: string;
  space_guid: string;
  space_name: string;
  rule: string | null;
  reasons: string;
  /** JSON text: the `EventCause`. */
  cause: string;
  /** The history entry (a change, a drift or a policy edit) that made it so, when one is known. */
  cause_entry_id: number | null;
  /** Between the previous judgement and this one. */
  window_from: number | null;
  window_to: number;
}

/** Where an org's alerts go (migration 007_alerts, ./alerts.ts). */
export interface AlertDestinationsTable {
  id: Generated<number>;
  org_guid: string;
  /** The org's name when the destination was added: alerts name the org. */
  org_name: string;
  channel: "webhook" | "email";
  /** The webhook's URL or the email address. */
  target: string;
  /** A webhook's signing secret, encrypted (lib/alerts/secret-box.ts); null for email. */
  secret: string | null;
  created_at: number;
  created_by: string;
}

/** The kinds of event an org subscribed. */
export interface AlertSubscriptionsTable {
  org_guid: string;
  kind: "drift" | "violation" | "public-egress" | "change";
  created_at: number;
}

/** The outbox: one event for one destination (./alert-outbox.ts). */
export interface AlertDeliveriesTable {
  id: Generated<number>;
  destination_id: number;
  org_guid: string;
  /** The event's kind (lib/alerts/payload.ts `AlertEventKind`). */
  kind: string;
  /** The event's id: the same for every destination, in a header and the body. */
  idempotency_key: string;
  /** The JSON body, exactly as sent (and signed) at every attempt. */
  payload: string;
  state: "pending" | "delivered" | "failed";
  attempts: number;
  next_attempt_at: number;
  /** A sender's claim: no other sender takes the row before this time. */
  claimed_until: number | null;
  last_error: string | null;
  /** The receiver's HTTP status at the last attempt (never its body). */
  last_status: number | null;
  created_at: number;
  delivered_at: number | null;
}

/** The history's hash chain (migration 006_history_chain, ./chain-record.ts): one row per record. */
export interface HistoryChainTable {
  /** 1, 2, 3 … without gaps, in the order the records were appended. */
  seq: number;
  subject: "entry" | "outcome" | "event";
  /** The history entry's id (entry, outcome) or the watcher event's (event). */
  subject_id: number;
  recorded_at: number;
  /** Canonical JSON of the fields written. */
  record: string;
  /** SHA-256, hex, of the previous record's hash and this record. */
  hash: string;
}

export interface HistoryDatabase {
  history_entries: EntriesTable;
  space_snapshots: SnapshotsTable;
  group_rule_snapshots: GroupRuleSnapshotsTable;
  org_policies: OrgPoliciesTable;
  token_renewals: RenewalsTable;
  watch_lease: WatchLeaseTable;
  watch_cycles: WatchCyclesTable;
  space_standings: SpaceStandingsTable;
  watch_events: WatchEventsTable;
  alert_destinations: AlertDestinationsTable;
  alert_subscriptions: AlertSubscriptionsTable;
  alert_deliveries: AlertDeliveriesTable;
  history_chain: HistoryChainTable;
}
