import { compare } from "./rows";
import type { Action, DriftChange, GroupRef, Lifecycle } from "./types";

/**
 * The drift check's decisions for one space, pure: given what was recorded,
 * what the user observed in CF and the changes still unsettled, what to
 * write. ./observe.ts does the reading and writing.
 *
 * The rules:
 * - CF shows a user only the groups visible to them, so only groups the
 *   observer can see are compared; the others stay as recorded. Reads
 *   filtered by space speak for every group bound to those spaces.
 * - A recorded state newer than the observation is left alone: the
 *   dashboard's own change landed after these CF reads began.
 * - A change younger than the stale age is in flight: its (group, lifecycle)
 *   is not compared this time, and keeps its recorded state.
 * - An older one never got its outcome written (the process died between
 *   the CF request and the outcome): the observation settles it, succeeded
 *   if the state it intended holds, failed otherwise. A settled success
 *   explains its difference, so that difference is not drift.
 * - Any other difference is drift.
 *
 * A space seen for the first time becomes the baseline (see planBaseline).
 */

export type Bindings = { running: GroupRef[]; staging: GroupRef[] };
export type RecordedState = Bindings & { updatedAt: number };
export type UnsettledChange = {
  id: number;
  occurredAt: number;
  groupGuid: string;
  lifecycle: Lifecycle;
  action: Action;
};
export type Settlements = { succeeded: number[]; failed: number[] };

export type SpacePlan =
  | { kind: "skip"; reason: "recorded-after-observation" | "in-flight" }
  | { kind: "unchanged" }
  | { kind: "write"; next: Bindings; drift: DriftChange[]; settle: Settlements };

export type PlanInput = {
  observed: Bindings;
  /** The groups the observation speaks for (see Observation: the visible ones, or every one). */
  visibleGroupGuids: { has(guid: string): boolean };
  unsettled: readonly UnsettledChange[];
  observedAt: number;
  staleAfterMs: number;
};

const LIFECYCLES: readonly Lifecycle[] = ["running", "staging"];
const pair = (lifecycle: Lifecycle, groupGuid: string) => `${lifecycle}/${groupGuid}`;

export function planSpace(recorded: RecordedState, input: PlanInput): SpacePlan {
  if (recorded.updatedAt > input.observedAt) return { kind: "skip", reason: "recorded-after-observation" };

  const comparable = comparableGroups(input);
  const { inFlight, settle, explained } = settleStale(input, comparable);
  const next: Bindings = { running: [], staging: [] };
  const drift: DriftChange[] = [];
  let skippedInFlight = false;

  for (const lifecycle of LIFECYCLES) {
    const before = new Map(recorded[lifecycle].map((group) => [group.guid, group]));
    const after = new Map(input.observed[lifecycle].map((group) => [group.guid, group]));
    const kept = next[lifecycle];
    for (const group of recorded[lifecycle]) {
      const key = pair(lifecycle, group.guid);
      if (!comparable.has(group.guid) || inFlight.has(key)) {
        skippedInFlight ||= inFlight.has(key) && !after.has(group.guid);
        kept.push(group);
      } else if (after.has(group.guid)) {
        kept.push(after.get(group.guid) ?? group); // the observed name: groups can be renamed
      } else if (!explained.has(key)) {
        drift.push({ groupGuid: group.guid, groupName: group.name, lifecycle, change: "unbound" });
      }
    }
    for (const group of input.observed[lifecycle]) {
      if (before.has(group.guid)) continue;
      const key = pair(lifecycle, group.guid);
      if (inFlight.has(key)) {
        skippedInFlight = true;
        continue;
      }
      kept.push(group);
      if (!explained.has(key))
        drift.push({ groupGuid: group.guid, groupName: group.name, lifecycle, change: "bound" });
    }
  }

  if (drift.length === 0 && settle.succeeded.length === 0 && settle.failed.length === 0) {
    return skippedInFlight ? { kind: "skip", reason: "in-flight" } : { kind: "unchanged" };
  }
  return { kind: "write", next: sortBindings(next), drift: sortDrift(drift), settle };
}

export type BaselinePlan = { kind: "baseline"; settle: Settlements } | { kind: "defer" };

/**
 * A space seen for the first time: its state becomes the baseline, and stale
 * changes are settled from it. Not while the dashboard changed it recently
 * (`recentlyChanged`: a change younger than the stale age, whatever its
 * outcome): with no snapshot yet, that change's outcome was not recorded
 * into one, and these CF reads may predate it, so the baseline could miss
 * it and the next check would call it drift. The next check baselines.
 */
export function planBaseline(input: PlanInput, recentlyChanged: boolean): BaselinePlan {
  if (recentlyChanged) return { kind: "defer" };
  return { kind: "baseline", settle: settleStale(input, comparableGroups(input)).settle };
}

type GroupSet = { has(guid: string): boolean };

/** Groups the observation can speak for: the visible ones, and any it saw bound. */
function comparableGroups(input: PlanInput): GroupSet {
  // Not a copy of the visible set: that set is shared by every space of an org.
  const seen = new Set<string>();
  for (const lifecycle of LIFECYCLES) for (const group of input.observed[lifecycle]) seen.add(group.guid);
  return { has: (guid) => input.visibleGroupGuids.has(guid) || seen.has(guid) };
}

function settleStale(input: PlanInput, comparable: GroupSet) {
  const inFlight = new Set<string>();
  for (const change of input.unsettled) {
    if (change.occurredAt > input.observedAt - input.staleAfterMs)
      inFlight.add(pair(change.lifecycle, change.groupGuid));
  }
  const settle: Settlements = { succeeded: [], failed: [] };
  const explained = new Set<string>();
  for (const change of input.unsettled) {
    const key = pair(change.lifecycle, change.groupGuid);
    // In flight on the same pair, the observation may show either change: decide later.
    // A group the observer cannot see says nothing about its binding.
    if (inFlight.has(key) || !comparable.has(change.groupGuid)) continue;
    const bound = input.observed[change.lifecycle].some((group) => group.guid === change.groupGuid);
    if ((change.action === "bind") === bound) {
      settle.succeeded.push(change.id);
      explained.add(key);
    } else {
      settle.failed.push(change.id);
    }
  }
  return { inFlight, settle, explained };
}

function sortBindings(bindings: Bindings): Bindings {
  const byGuid = (a: GroupRef, b: GroupRef) => compare(a.guid, b.guid);
  return { running: [...bindings.running].sort(byGuid), staging: [...bindings.staging].sort(byGuid) };
}

function sortDrift(changes: DriftChange[]): DriftChange[] {
  return [...changes].sort((a, b) => compare(a.lifecycle, b.lifecycle) || compare(a.groupGuid, b.groupGuid));
}
