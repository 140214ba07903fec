import type { SecurityGroup } from "@/lib/cf/schemas";
import type { Catalog } from "./catalog";
import { evaluate, evaluateLifecycle, type DestinationResult } from "./evaluate";
import type { GroupIndex, SpaceBindings } from "./group-index";
import { reachOf } from "./networks";
import { isPlatformWide, posture, type Posture } from "./posture";
import { DEFAULT_PROFILES, profileState, type Profile, type ProfileState } from "./profiles";
import type { Lifecycle } from "./space";

export { GroupIndex, type PlatformEgress, type SpaceBindings } from "./group-index";

/**
 * From CF's security groups to what one space can reach: its posture, each
 * destination with the reasons, its profiles. Pure: the callers fetch; this
 * only computes, so it is unit-tested without a CF.
 */

/** The groups that apply for a lifecycle: global first, then bound, each once, in name order. */
export function applyingGroups(bindings: SpaceBindings, lifecycle: Lifecycle): SecurityGroup[] {
  const seen = new Map<string, SecurityGroup>();
  for (const g of [...bindings[lifecycle].global, ...bindings[lifecycle].bound]) seen.set(g.guid, g);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A space's running posture alone, for lists of many spaces (the org list):
 * the running evaluation without the rest of `spaceEgress`. Spaces with the
 * same bindings share one answer through `memo`.
 */
export function runningPosture(
  bindings: SpaceBindings,
  catalog: Catalog,
  profiles: readonly Profile[],
  memo?: Map<string, Posture>,
): Posture {
  const { bound, global } = bindings.running;
  const key = `${bound.map((g) => g.guid).join(",")}|${global.map((g) => g.guid).join(",")}`;
  const known = memo?.get(key);
  if (known !== undefined) return known;
  const { destinations } = evaluateLifecycle(applyingGroups(bindings, "running"), catalog);
  const value = posture(
    {
      boundRunning: bound.map((g) => g.name),
      globalRunning: global.map((g) => g.name),
      reach: reachOf(destinations, catalog),
    },
    profiles,
  );
  memo?.set(key, value);
  return value;
}

export type ProfileView = {
  id: string;
  label: string;
  group: string;
  /** The group, when the user can see it. */
  groupGuid: string | null;
  running: ProfileState;
  staging: ProfileState;
};

export type SpaceEgress = {
  posture: Posture;
  /** The posture is the platform's own: every space has it, whatever is bound. */
  platformWide: boolean;
  running: { groups: SecurityGroup[]; destinations: DestinationResult[] };
  staging: { groups: SecurityGroup[]; destinations: DestinationResult[] };
  profiles: ProfileView[];
  problems: { group: string; ruleIndex: number; reason: string }[];
};

export function spaceEgress(
  bindings: SpaceBindings,
  index: GroupIndex,
  catalog: Catalog,
  profiles: readonly Profile[] = DEFAULT_PROFILES,
): SpaceEgress {
  const running = applyingGroups(bindings, "running");
  const staging = applyingGroups(bindings, "staging");
  const evaluation = evaluate({ running: running, staging: staging }, catalog);
  const names = (groups: SecurityGroup[]) => groups.map((g) => g.name);
  const runningBindings = { bound: names(bindings.running.bound), global: names(bindings.running.global) };
  const stagingBindings = { bound: names(bindings.staging.bound), global: names(bindings.staging.global) };
  const spacePosture = posture(
    {
      boundRunning: runningBindings.bound,
      globalRunning: runningBindings.global,
      reach: reachOf(evaluation.running, catalog),
    },
    profiles,
  );
  return {
    posture: spacePosture,
    platformWide: isPlatformWide(spacePosture, index.platform(catalog, profiles).posture),
    running: { groups: running, destinations: evaluation.running },
    staging: { groups: staging, destinations: evaluation.staging },
    profiles: profiles.map((p) => ({
      id: p.id,
      label: p.label,
      group: p.group,
      groupGuid: index.byName(p.group)?.guid ?? null,
      running: profileState(p, runningBindings),
      staging: profileState(p, stagingBindings),
    })),
    problems: evaluation.problems.map((p) => ({ group: p.group, ruleIndex: p.ruleIndex, reason: p.reason })),
  };
}
