import type { DestinationStatus, Posture } from "@/lib/egress";
import type { HistoryEntry } from "@/lib/db/types";
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

/**
 * A row as it travels to the browser (in the page's data and from the rows
 * route): a tuple, not an object, so a thousand rows do not repeat their
 * keys a thousand times (docs/design.md §8: the page of 1,000 spaces stays under
 * 1 MB). `profiles` is a "1"/"0" per profile, in the matrix's profile order.
 */
export type PackedRow = [
  guid: string,
  name: string,
  posture: Posture,
  profiles: string,
  statuses: string,
  segment: string | null,
  manage: 0 | 1,
  last: [id: number, at: number, who: string] | 0,
  policy: [rule: number | "default", reasons?: string[]] | 0,
];

/** The rows, packed, and whether the history could be read for their "Last change" column. */
export type MatrixRowsJson = { rows: PackedRow[]; historyAvailable: boolean };

export function packRow(row: MatrixRowView, profileIds: readonly string[]): PackedRow {
  return [
    row.guid,
    row.name,
    row.posture,
    profileIds.map((id) => (row.profiles[id] ? "1" : "0")).join(""),
    row.statuses,
    row.segment,
    row.manage ? 1 : 0,
    row.last ? [row.last.id, row.last.at, row.last.who] : 0,
    row.policy ? (row.policy.reasons ? [row.policy.rule, row.policy.reasons] : [row.policy.rule]) : 0,
  ];
}

export function unpackRow(packed: PackedRow, profileIds: readonly string[]): MatrixRowView {
  const [guid, name, posture, profiles, statuses, segment, manage, last, policy] = packed;
  return {
    guid,
    name,
    posture,
    profiles: Object.fromEntries(profileIds.map((id, i) => [id, profiles[i] === "1"])),
    statuses,
    segment,
    manage: manage === 1,
    last: last === 0 ? null : { id: last[0], at: last[1], who: last[2] },
    ...(policy === 0
      ? {}
      : { policy: policy[1] ? { rule: policy[0], reasons: policy[1] } : { rule: policy[0] } }),
  };
}

const LETTER: Record<DestinationStatus, string> = { allowed: "a", partial: "p", blocked: "b" };
const STATUS_OF: Record<string, DestinationStatus> = { a: "allowed", p: "partial", b: "blocked" };

export function matrixRows(matrix: OrgMatrix, last: Map<string, HistoryEntry> | null): MatrixRowsJson {
  const profileIds = matrix.profiles.map((p) => p.id);
  return {
    historyAvailable: last !== null,
    rows: matrix.spaces.map((s) => packRow(rowView(matrix, s, last), profileIds)),
  };
}

function rowView(matrix: OrgMatrix, s: MatrixRow, last: Map<string, HistoryEntry> | null): MatrixRowView {
  return {
    guid: s.guid,
    name: s.name,
    posture: s.posture,
    profiles: s.profiles,
    statuses: matrix.destinations.map((d) => LETTER[s.running.destinations[d.id] ?? "blocked"]).join(""),
    segment: s.isolation_segment,
    manage: s.can_manage,
    last: lastChangeOf(last?.get(s.guid)),
    ...policyOf(s.policy),
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
