import type { DestinationStatus, Posture } from "@/lib/egress";
import type { HistoryEntry } from "@/lib/history/types";
import { lastChangeOf, type LastChange } from "./history";
import type { MatrixRow, OrgMatrix } from "./org-matrix";

/**
 * What the matrix component needs per space, and no more: running statuses as
 * one letter each, in catalog order. A page of 1,000 spaces sends this to the
 * browser instead of the whole export, which keeps the page fast to render.
 */
export type MatrixRowView = {
  guid: string;
  name: string;
  posture: Posture;
  profiles: Record<string, boolean>;
  /** "a" allowed, "p" partial, "b" blocked, one per destination of the catalog. */
  statuses: string;
  segment: string | null;
  manage: boolean;
  /** The space's latest history entry; null when it has none (or the history is unavailable). */
  last: LastChange | null;
  /**
   * The policy rule that decides for the space, and only for a violating
   * space the reasons in words (rows stay light: a thousand compliant rows
   * carry no text). Absent when no rule applies.
   */
  policy?: { rule: number | "default"; reasons?: string[] };
};

/** The rows, and whether the history could be read for their "Last change" column. */
export type MatrixRowsJson = { rows: MatrixRowView[]; historyAvailable: boolean };

const LETTER: Record<DestinationStatus, string> = { allowed: "a", partial: "p", blocked: "b" };
const STATUS_OF: Record<string, DestinationStatus> = { a: "allowed", p: "partial", b: "blocked" };

export function matrixRows(matrix: OrgMatrix, last: Map<string, HistoryEntry> | null): MatrixRowsJson {
  return {
    historyAvailable: last !== null,
    rows: matrix.spaces.map((s) => ({
      guid: s.guid,
      name: s.name,
      posture: s.posture,
      profiles: s.profiles,
      statuses: matrix.destinations.map((d) => LETTER[s.running.destinations[d.id] ?? "blocked"]).join(""),
      segment: s.isolation_segment,
      manage: s.can_manage,
      last: lastChangeOf(last?.get(s.guid)),
      ...policyOf(s.policy),
    })),
  };
}

function policyOf(policy: MatrixRow["policy"]): Pick<MatrixRowView, "policy"> {
  if (policy.rule === null) return {};
  return {
    policy: policy.compliant ? { rule: policy.rule } : { rule: policy.rule, reasons: policy.reasons },
  };
}

/** Whether a row breaks the org's policy. */
export function violates(row: Pick<MatrixRowView, "policy">): boolean {
  return row.policy?.reasons !== undefined;
}

export function statusAt(row: MatrixRowView, index: number): DestinationStatus | undefined {
  return STATUS_OF[row.statuses[index] ?? ""];
}
