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

export interface HistoryDatabase {
  history_entries: EntriesTable;
  space_snapshots: SnapshotsTable;
  org_policies: OrgPoliciesTable;
  token_renewals: RenewalsTable;
}
