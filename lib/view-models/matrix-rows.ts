import type { DestinationStatus, Posture } from "@/lib/egress";
import type { PostureJson } from "@/lib/view-models/org-matrix";

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
};

const LETTER: Record<DestinationStatus, string> = { allowed: "a", partial: "p", blocked: "b" };
const STATUS_OF: Record<string, DestinationStatus> = { a: "allowed", p: "partial", b: "blocked" };

export function matrixRows(json: PostureJson): MatrixRowView[] {
  return json.spaces.map((s) => ({
    guid: s.guid,
    name: s.name,
    posture: s.posture,
    profiles: s.profiles,
    statuses: json.destinations.map((d) => LETTER[s.running.destinations[d.id] ?? "blocked"]).join(""),
    segment: s.isolation_segment,
    manage: s.can_manage,
  }));
}

export function statusAt(row: MatrixRowView, index: number): DestinationStatus | undefined {
  return STATUS_OF[row.statuses[index] ?? ""];
}
