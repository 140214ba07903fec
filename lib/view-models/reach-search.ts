import { z } from "zod";
import type { DestinationStatus } from "@/lib/egress";
import type { SpaceReach } from "@/lib/egress/reach-search";

/**
 * The results table of "Who can reach this?" (docs/design.md §13): which rows
 * the status filters keep, and how many spaces have each status. The filters
 * live in the URL next to the question, so a result can be linked and
 * reloaded.
 */

export const STATUSES: readonly DestinationStatus[] = ["allowed", "partial", "blocked"];

const statusFilter = z.enum(["any", ...STATUSES]).catch("any");

export type ReachFilter = { running: DestinationStatus | "any"; staging: DestinationStatus | "any" };

export function reachFilterOf(params: Record<string, string | string[] | undefined>): ReachFilter {
  const one = (key: string) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return { running: statusFilter.parse(one("running")), staging: statusFilter.parse(one("staging")) };
}

export function filterReach(spaces: readonly SpaceReach[], filter: ReachFilter): SpaceReach[] {
  return spaces.filter(
    (s) =>
      (filter.running === "any" || s.running.status === filter.running) &&
      (filter.staging === "any" || s.staging.status === filter.staging),
  );
}

/** How many spaces have each running status, for the summary above the table. */
export function runningCounts(spaces: readonly SpaceReach[]): Record<DestinationStatus, number> {
  const counts: Record<DestinationStatus, number> = { allowed: 0, partial: 0, blocked: 0 };
  for (const s of spaces) counts[s.running.status] += 1;
  return counts;
}
