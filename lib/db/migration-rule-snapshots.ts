import "server-only";
import type { Kysely, Migration } from "kysely";

/**
 * Migration 009: each security group's rules and platform-wide flags as last observed (docs/design.md
 * §13, "Drift"), so a change made outside the dashboard (`cf update-security-group`,
 * `cf bind-running-security-group`) is found by a later observation (./observe-groups.ts).
 *
 * - `state`: the canonical JSON of the rules and flags (./rule-drift.ts), what a drift entry needs
 *   to say which rules were added or removed and which flags turned;
 * - `hash`: its SHA-256, what every observation compares, so an unchanged group costs no parse;
 * - `version`: bumped by every write, which is conditional on it, so of two observers of one
 *   change exactly one records it (as `space_snapshots` for bindings);
 * - `seen_at`: when the state was last observed, a drift's window's start.
 *
 * A rule drift is a `drift` entry without a space (the constraints of 008 allow it), one per org
 * the group concerns: no change to the entries table.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const groupRuleSnapshotsMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("group_rule_snapshots")
      .addColumn("group_guid", "text", (col) => col.primaryKey())
      .addColumn("group_name", "text", (col) => col.notNull())
      .addColumn("hash", "text", (col) => col.notNull())
      .addColumn("state", "text", (col) => col.notNull())
      .addColumn("version", "integer", (col) => col.notNull())
      .addColumn("updated_at", "bigint", (col) => col.notNull())
      .addColumn("seen_at", "bigint", (col) => col.notNull())
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable("group_rule_snapshots").execute();
  },
};
