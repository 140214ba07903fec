import type { SecurityGroup } from "@/lib/cf/schemas";
import type { Catalog } from "./catalog";
import { evaluateLifecycle } from "./evaluate";
import type { Lifecycle } from "./space";
import { reachOf } from "./networks";
import { platformPosture, type Posture } from "./posture";
import type { Profile } from "./profiles";

/**
 * CF's security groups indexed by the spaces they are bound to, once per
 * page. Pure: the callers fetch; this only computes.
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
 * user can read, which are exactly the spaces a page shows. A page about some
 * spaces only (an org's) names them, and the bindings to other spaces (an
 * admin sees a shared group's hundreds) are skipped rather than indexed.
 */
export class GroupIndex {
  readonly globalRunning: SecurityGroup[];
  readonly globalStaging: SecurityGroup[];
  private readonly running = new Map<string, SecurityGroup[]>();
  private readonly staging = new Map<string, SecurityGroup[]>();
  private names: Map<string, SecurityGroup> | undefined;

  constructor(
    readonly groups: SecurityGroup[],
    only?: Iterable<string>,
  ) {
    this.globalRunning = groups.filter((g) => g.globally_enabled.running);
    this.globalStaging = groups.filter((g) => g.globally_enabled.staging);
    const wanted = only === undefined ? undefined : new Set(only);
    for (const group of groups) {
      for (const { guid } of group.relationships.running_spaces.data)
        if (!wanted || wanted.has(guid)) push(this.running, guid, group);
      for (const { guid } of group.relationships.staging_spaces.data)
        if (!wanted || wanted.has(guid)) push(this.staging, guid, group);
    }
  }

  /**
   * The groups bound to the space for one lifecycle (not the platform-wide ones), without the
   * objects `bindings` makes: what a walk over every space of a foundation asks (./reach-search.ts).
   */
  boundTo(lifecycle: Lifecycle, spaceGuid: string): readonly SecurityGroup[] {
    return (lifecycle === "running" ? this.running : this.staging).get(spaceGuid) ?? NONE;
  }

  bindings(spaceGuid: string): SpaceBindings {
    return {
      running: { global: this.globalRunning, bound: this.running.get(spaceGuid) ?? [] },
      staging: { global: this.globalStaging, bound: this.staging.get(spaceGuid) ?? [] },
    };
  }

  /** A group by its (unique) name; asked for every profile of every row, so looked up, not searched. */
  byName(name: string): SecurityGroup | undefined {
    if (this.names === undefined) {
      this.names = new Map();
      // The first of a name wins, as a search from the start would find it.
      for (const group of this.groups) if (!this.names.has(group.name)) this.names.set(group.name, group);
    }
    return this.names.get(name);
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

const NONE: readonly SecurityGroup[] = Object.freeze([]);

function push(map: Map<string, SecurityGroup[]>, key: string, group: SecurityGroup): void {
  const list = map.get(key);
  if (list) list.push(group);
  else map.set(key, [group]);
}
