import {
  effectiveGroups,
  evaluateLifecycle,
  posture,
  profileState,
  reachOf,
  type DestinationStatus,
  type Posture,
  type ProfileState,
  type SecurityGroup,
} from "@/lib/egress";
import type { SecurityGroup as CfSecurityGroup } from "@/lib/cf/schemas";
import type { SpaceEgress } from "@/lib/egress/space-egress";
import type { PolicyContext } from "./schema";

/**
 * What a policy judges about a space: its running egress only. Staging is
 * left out on purpose: cloud.gov stages every app with public egress (a
 * platform-wide group, seed 000), so a staging requirement could never be met
 * by a space-level change.
 */
export type SpaceState = {
  name: string;
  posture: Posture;
  /** Each configured profile's running state, by profile id. */
  profiles: Readonly<Record<string, ProfileState>>;
  /** Groups bound for running that are neither a profile nor platform-wide: what makes a posture custom. */
  customGroups: readonly string[];
  /** Running status of each catalog destination, by destination id. */
  destinations: Readonly<Record<string, DestinationStatus>>;
  /** For each destination, the groups allowing some of its traffic (from the engine's provenance). */
  touchedBy: Readonly<Record<string, readonly string[]>>;
};

/** A space's running groups as CF reports them: platform-wide and bound to the space. */
export type RunningGroups<G extends SecurityGroup = SecurityGroup> = {
  global: readonly G[];
  bound: readonly G[];
};

function customGroups(boundNames: readonly string[], globalNames: readonly string[], context: PolicyContext) {
  const profileGroups = new Set(context.profiles.map((p) => p.group));
  return boundNames.filter((n) => !profileGroups.has(n) && !globalNames.includes(n));
}

/** The state from a space's running groups, evaluated by the egress engine. */
export function stateFromGroups(name: string, running: RunningGroups, context: PolicyContext): SpaceState {
  const bound = running.bound.map((g) => g.name);
  const global = running.global.map((g) => g.name);
  const { destinations } = evaluateLifecycle(effectiveGroups(running), context.catalog);
  return {
    name,
    posture: posture(
      { boundRunning: bound, globalRunning: global, reach: reachOf(destinations, context.catalog) },
      context.profiles,
    ),
    profiles: Object.fromEntries(context.profiles.map((p) => [p.id, profileState(p, { bound, global })])),
    customGroups: customGroups(bound, global, context),
    destinations: Object.fromEntries(destinations.map((d) => [d.id, d.status])),
    touchedBy: Object.fromEntries(
      destinations.map((d) => [d.id, [...new Set(d.provenance.map((p) => p.group))]]),
    ),
  };
}

/** The state from what the views already computed for a space (`spaceEgress()`), without evaluating again. */
export function stateFromEgress(name: string, egress: SpaceEgress, context: PolicyContext): SpaceState {
  const groups: readonly CfSecurityGroup[] = egress.running.groups;
  const global = groups.filter((g) => g.globally_enabled.running).map((g) => g.name);
  const bound = groups.filter((g) => !g.globally_enabled.running).map((g) => g.name);
  // Filled in loops rather than Object.fromEntries over mapped pairs: the org page does this for each space.
  const profiles: Record<string, ProfileState> = {};
  for (const p of egress.profiles) profiles[p.id] = p.running;
  const destinations: Record<string, DestinationStatus> = {};
  const touchedBy: Record<string, readonly string[]> = {};
  for (const d of egress.running.destinations) {
    destinations[d.id] = d.status;
    touchedBy[d.id] = d.provenance.length === 0 ? [] : [...new Set(d.provenance.map((p) => p.group))];
  }
  return {
    name,
    posture: egress.posture,
    profiles,
    customGroups: customGroups(bound, global, context),
    destinations,
    touchedBy,
  };
}
