import type { SecurityGroup } from "@/lib/cf/schemas";
import { effectiveGroups, evaluateLifecycle, posture, reachOf, type Posture, type Reach } from "@/lib/egress";
import { compileCatalog, compileGroup } from "@/lib/egress/compile";
import type { GroupIndex } from "@/lib/egress/space-egress";
import { stateFromGroups, type PolicyContext, type SpaceState } from "@/lib/policy";

/**
 * What the platform team's view (./foundation.ts) asks of each of a
 * foundation's spaces: its running posture, whether it reaches public
 * addresses, and, for an org whose policy judges it, its whole state. A
 * realistic foundation of 20,000 spaces has about 12,000 distinct sets of
 * bound groups, mostly service bindings that reach no catalog destination:
 * the engine runs once per set of the groups that reach one (about 5,000),
 * the posture (names, and that reach) once per set, and the whole state only
 * for spaces a policy judges. The answers are the engine's: a group that
 * touches no destination adds nothing to any (the engine visits only the
 * destinations a group touches), and CF's group names are unique.
 */

export type SpaceRunning = {
  posture: Posture;
  /** Its running apps reach public addresses: a public posture, or a public destination not blocked. */
  public: boolean;
  /** The state a policy judges (without the space's name), computed when first asked. */
  state: () => SpaceState;
};

export function spaceRunning(index: GroupIndex, context: PolicyContext): (spaceGuid: string) => SpaceRunning {
  const { catalog, profiles } = context;
  const compiled = compileCatalog(catalog);
  const global = index.globalRunning;
  const globalNames = global.map((g) => g.name);
  const touches = new Map<string, boolean>();
  const touching = (group: SecurityGroup) => {
    let known = touches.get(group.guid);
    if (known === undefined) {
      known = compileGroup(compiled, group.rules).destinations.some((d) => d !== undefined);
      touches.set(group.guid, known);
    }
    return known;
  };
  const reaches = new Map<string, Reach>();
  const reachOfBound = (bound: readonly SecurityGroup[]): Reach => {
    const kept = bound.filter(touching);
    const key = kept.map((g) => g.guid).join(",");
    let reach = reaches.get(key);
    if (reach === undefined) {
      const { destinations } = evaluateLifecycle(effectiveGroups({ global, bound: kept }), catalog);
      reach = reachOf(destinations, catalog);
      reaches.set(key, reach);
    }
    return reach;
  };
  const known = new Map<string, SpaceRunning>();
  return (spaceGuid) => {
    const running = index.bindings(spaceGuid).running;
    const key = running.bound.map((g) => g.guid).join(",");
    let answer = known.get(key);
    if (answer === undefined) {
      const reach = reachOfBound(running.bound);
      const value = posture(
        { boundRunning: running.bound.map((g) => g.name), globalRunning: globalNames, reach },
        profiles,
      );
      let state: SpaceState | undefined;
      answer = {
        posture: value,
        public: value === "public" || value === "both" || reach.public,
        state: () => (state ??= stateFromGroups("", running, context)),
      };
      known.set(key, answer);
    }
    return answer;
  };
}
