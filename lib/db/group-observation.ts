import type { SecurityGroup } from "@/lib/cf/schemas";
import type { GroupObservation, ObservedGroup } from "./types";

/**
 * A rule drift observation (./observe-groups.ts, docs/design.md §13 "Drift") from groups a page or
 * an action has just read from CF, as the watcher makes one from its lists: each group's rules and
 * flags as CF gave them, and the orgs of the spaces it is bound to. Only for readers who see every
 * binding (platform admins, global auditors and readers): a group's bindings as anyone else sees
 * them leave orgs out, and the orgs left out would never get the entry once the snapshot moved.
 */

export type GroupsRead = {
  /** When the CF reads began: a change CF shows is no older than the previous observation. */
  observedAt: number;
  groups: readonly SecurityGroup[];
  /** The org of each space read (every space, for these readers). */
  orgOfSpace: ReadonlyMap<string, string>;
  /** The orgs a platform-wide group's drift concerns. */
  allOrgGuids: readonly string[];
  /** CHANGE_IN_FLIGHT_MS. */
  inFlightMs: number;
};

function observedGroup(group: SecurityGroup, orgOfSpace: ReadonlyMap<string, string>): ObservedGroup {
  const orgs = new Set<string>();
  for (const { guid } of [
    ...group.relationships.running_spaces.data,
    ...group.relationships.staging_spaces.data,
  ]) {
    const org = orgOfSpace.get(guid);
    if (org !== undefined) orgs.add(org);
  }
  return {
    guid: group.guid,
    name: group.name,
    rules: group.rules,
    globallyEnabled: group.globally_enabled,
    boundOrgGuids: [...orgs],
  };
}

export function groupObservationOf(read: GroupsRead): GroupObservation {
  return {
    observedAt: read.observedAt,
    groups: read.groups.map((group) => observedGroup(group, read.orgOfSpace)),
    allOrgGuids: read.allOrgGuids,
    inFlightMs: read.inFlightMs,
  };
}

/**
 * The groups one view of a long list observes: at most `size`, the `turn`-th slice of the list (its
 * order as CF gives it), so that successive views go round all of them. Each group's check stands
 * alone (its window runs from its own last observation), so a slice is as sound as a whole list.
 * On 2 loaded cores a whole list of 10,000 realistic groups costs 300-800 ms of hashing and database
 * work a view, a slice of 500 15-25 ms (scripts/bench-rule-observe.mts).
 */
export function sliceOfList<T>(items: readonly T[], turn: number, size: number): readonly T[] {
  if (items.length <= size) return items;
  const slices = Math.ceil(items.length / size);
  const from = (((turn % slices) + slices) % slices) * size;
  return items.slice(from, from + size);
}
