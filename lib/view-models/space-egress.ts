import {
  DEFAULT_PROFILES,
  evaluate,
  evaluateLifecycle,
  platformPosture,
  posture,
  profileState,
  reachOf,
  type Catalog,
  type DestinationResult,
  type Lifecycle,
  type Posture,
  type Profile,
  type ProfileState,
} from "@/lib/egress";
import type { SecurityGroup } from "@/lib/cf/schemas";
import { isPlatformWide } from "./labels";

/**
 * From CF's security groups to what one space can reach, for the views. Pure:
 * the callers fetch; this only computes, so it is unit-tested without a CF.
 */

/**
 * A space's groups per lifecycle: the platform-wide ones and the ones bound to it.
 * CF's group objects go to the engine as they are (same name, guid and rules), so the
 * engine's per-object cache holds across all the spaces of a page.
 */
export type SpaceBindings = Record<Lifecycle, { global: SecurityGroup[]; bound: SecurityGroup[] }>;

/**
 * Indexes the visible groups by the spaces they are bound to, in one pass
 * (never a request per space). CF filters the relationships to the spaces the
 * user can read, which are exactly the spaces a page shows.
 */
export class GroupIndex {
  readonly globalRunning: SecurityGroup[];
  readonly globalStaging: SecurityGroup[];
  private readonly running = new Map<string, SecurityGroup[]>();
  private readonly staging = new Map<string, SecurityGroup[]>();

  constructor(readonly groups: SecurityGroup[]) {
    this.globalRunning = groups.filter((g) => g.globally_enabled.running);
    this.globalStaging = groups.filter((g) => g.globally_enabled.staging);
    for (const group of groups) {
      for (const { guid } of group.relationships.running_spaces.data) push(this.running, guid, group);
      for (const { guid } of group.relationships.staging_spaces.data) push(this.staging, guid, group);
    }
  }

  bindings(spaceGuid: string): SpaceBindings {
    return {
      running: { global: this.globalRunning, bound: this.running.get(spaceGuid) ?? [] },
      staging: { global: this.globalStaging, bound: this.staging.get(spaceGuid) ?? [] },
    };
  }

  byName(name: string): SecurityGroup | undefined {
    return this.groups.find((g) => g.name === name);
  }

  private platformMemo: { catalog: Catalog; profiles: readonly Profile[]; value: PlatformEgress } | undefined;

  /** What the platform's globally enabled running groups open for every space; once per page. */
  platform(catalog: Catalog, profiles: readonly Profile[]): PlatformEgress {
    const memo = this.platformMemo;
    if (memo && memo.catalog === catalog && memo.profiles === profiles) return memo.value;
    const { destinations } = evaluateLifecycle(this.globalRunning, catalog);
    const opening = new Set(
      destinations.filter((d) => d.governed).flatMap((d) => d.provenance.map((p) => p.group)),
    );
    const value: PlatformEgress = {
      posture: platformPosture(
        this.globalRunning.map((g) => g.name),
        reachOf(destinations, catalog),
        profiles,
      ),
      groups: this.globalRunning
        .map((g) => g.name)
        .filter((name) => opening.has(name) || profiles.some((p) => p.group === name))
        .sort(),
    };
    this.platformMemo = { catalog, profiles, value };
    return value;
  }
}

/**
 * The egress every space has from the platform alone: the posture of a space
 * with nothing bound, and the globally enabled running groups that open a
 * destination of the catalog (cf-deployment's `public_networks`, say).
 */
export type PlatformEgress = { posture: Posture; groups: string[] };

function push(map: Map<string, SecurityGroup[]>, key: string, group: SecurityGroup): void {
  const list = map.get(key);
  if (list) list.push(group);
  else map.set(key, [group]);
}

/** The groups that apply for a lifecycle: global first, then bound, each once, in name order. */
function applyingGroups(bindings: SpaceBindings, lifecycle: Lifecycle): SecurityGroup[] {
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
