import type { ChainPoint, ChainRefs, HistoryEntry, PolicyEntry, Standing, WatchEvent } from "@/lib/db/types";
import type { Compliance } from "./compliance-timeline";
import type { ReportPeriod } from "./report-period";

/**
 * The compliance report's input and its JSON, `egress-dashboard/compliance-report@1`
 * (./compliance-report.ts builds it; docs/design.md §12 describes it).
 */

export const REPORT_SCHEMA = "egress-dashboard/compliance-report@1";

export type ReportInput = {
  generatedAt: number;
  org: { guid: string; name: string };
  period: ReportPeriod;
  /** The spaces the reader can see (CF decides), in name order. */
  spaces: { guid: string; name: string }[];
  /** The period's entries of those spaces and the org's own, any order. */
  entries: HistoryEntry[];
  /** False when there were more entries than one report holds. */
  complete: boolean;
  /** The last policy edit before the period: the policy in force when it began. */
  policyAtStart: PolicyEntry | null;
  /** The org's events: each space's last one before the period, and all from its start until now. */
  events: { before: WatchEvent[]; since: WatchEvent[] };
  standings: Map<string, Standing>;
  chain: { head: ChainPoint; entries: Map<number, ChainRefs>; events: Map<number, ChainRefs> };
};

export type Cited = { record: number; hash: string; outcome_record?: number; outcome_hash?: string } | null;
export type Actor = { guid: string; name: string };

export type ComplianceReport = {
  schema: typeof REPORT_SCHEMA;
  generated_at: string;
  org: { guid: string; name: string };
  period: { from: string; to: string; from_time: string; to_time: string };
  complete: boolean;
  chain: {
    head: { record: number; hash: string };
    first_cited: { record: number; hash: string } | null;
    last_cited: { record: number; hash: string } | null;
    records_cited: number;
  };
  policy: {
    in_force_at_start: {
      entry_id: number;
      time: string;
      actor: Actor;
      message: string | null;
      chain: Cited;
    } | null;
    edits: { entry_id: number; time: string; actor: Actor; message: string | null; chain: Cited }[];
  };
  spaces: {
    guid: string;
    name: string;
    compliance: {
      at_start: Compliance;
      at_end: Compliance;
      time_in_violation_ms: number | null;
      violations: { began: string | null; ended: string | null; rule: string | null; reasons: string[] }[];
    };
    standing_now: { verdict: string; rule: string | null; reasons: string[]; judged_at: string } | null;
    timeline: { time: string; kind: string; summary: string; entry_id?: number; event_id?: number }[];
  }[];
  changes: {
    entry_id: number;
    time: string;
    kind: "change" | "segment" | "group";
    /** Null for a security group's edit, which is the whole org's. */
    space: { guid: string; name: string } | null;
    actor: Actor;
    what: string;
    outcome: string;
    settled_by: string | null;
    message: string | null;
    chain: Cited;
  }[];
  drifts: {
    entry_id: number;
    detected_at: string;
    /** Null for a group's rules changed outside the dashboard: the whole org's drift (design §13). */
    space: { guid: string; name: string } | null;
    window: { from: string; to: string };
    /** Bindings that changed (a space's drift); empty for a rule drift. */
    changes: { group: string; lifecycle: string; change: string }[];
    /** A rule drift's group and what changed in it (added with migration 009). */
    group?: { guid: string; name: string };
    rules?: {
      added: Record<string, string | number | boolean>[];
      removed: Record<string, string | number | boolean>[];
      flags: { lifecycle: "running" | "staging"; on: boolean }[];
    };
    chain: Cited;
  }[];
  events: {
    event_id: number;
    time: string;
    kind: string;
    space: { guid: string; name: string };
    rule: string | null;
    reasons: string[];
    cause: string;
    window: { from: string | null; to: string };
    chain: Cited;
  }[];
};
