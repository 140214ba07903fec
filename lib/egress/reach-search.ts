import type { GroupHead } from "@/lib/cf/group-head-keep";
import type { SecurityGroup } from "@/lib/cf/schemas";
import type { Catalog } from "./catalog";
import { evaluateLifecycle, touchesDestination, type DestinationStatus } from "./evaluate";
import type { GroupIndex, SpaceBindings } from "./group-index";
import type { ReachSearchQuery } from "./reach-query";
import type { CfRule } from "./rules";
import type { Lifecycle } from "./space";
import { applyingGroups } from "./space-egress";

/**
 * "Who can reach this?" (docs/design.md §13): for each space, whether its
 * running (and, separately, staging) egress allows the searched traffic:
 * `allowed` all of it, `partial` some, `blocked` none; with the groups and
 * rules that allow it. The question is made a catalog of one destination and
 * each space is evaluated by the very engine the matrix uses
 * (`evaluateLifecycle` on its platform-wide and bound groups), so the two
 * never disagree; each group is evaluated against the question once,
 * and spaces bound to the same groups (counting only those that allow some of
 * the traffic) share one evaluation.
 */

export type SearchSpace = { guid: string; name: string; org: { guid: string; name: string } };

export type ReachGrant = { group: { guid: string; name: string }; rule: CfRule };

export type LifecycleReach = { status: DestinationStatus; by: ReachGrant[] };

export type SpaceReach = SearchSpace & Record<Lifecycle, LifecycleReach>;

/**
 * The question as a catalog of one ASG-governed destination, as the engine reads the platform file's.
 * The same question gets the same catalog object for a while (the last 4 asked; each remembers up
 * to 8 MB of rules, ./compiled-groups.ts), so the engine's compiled groups, remembered per catalog
 * (./compile.ts), serve a repeated search: a pipeline's, or a page reloaded with other filters.
 */
export function searchCatalog(query: ReachSearchQuery): Catalog {
  const key = `${query.protocol} ${query.destination} ${query.ports}`;
  let catalog = recentCatalogs.get(key);
  if (catalog === undefined) {
    const ports = query.ports === "" ? "" : ` ${query.ports}`;
    catalog = {
      name: "search",
      destinations: [
        {
          id: "search",
          label: `${query.protocol}${ports} to ${query.destination}`,
          asg_governed: true,
          endpoints: [query.endpoint],
        },
      ],
    };
  }
  recentCatalogs.delete(key);
  recentCatalogs.set(key, catalog);
  for (const [oldest] of recentCatalogs) {
    if (recentCatalogs.size <= RECENT_CATALOGS) break;
    recentCatalogs.delete(oldest);
  }
  return catalog;
}

const RECENT_CATALOGS = 4;
const recentCatalogs = new Map<string, Catalog>();

/** One lifecycle of one space: the engine's status of the question and its provenance, as groups and rules. */
export function lifecycleReach(groups: readonly SecurityGroup[], catalog: Catalog): LifecycleReach {
  const [result] = evaluateLifecycle(groups, catalog).destinations;
  if (result === undefined) return { status: "blocked", by: [] };
  const byName = new Map(groups.map((g) => [g.name, g]));
  const by: ReachGrant[] = [];
  for (const { group: name, ruleIndex } of result.provenance) {
    const group = byName.get(name);
    const rule = group?.rules[ruleIndex];
    if (group && rule) by.push({ group: { guid: group.guid, name: group.name }, rule });
  }
  return { status: result.status, by };
}

/**
 * Whether any rule of the group allows some of the question's traffic, as the engine says. Asked of
 * the engine group by group: it remembers each group by guid across requests (a cheap comparison of
 * the rules), where compiling by the rules' content would first turn every rule into text.
 */
function touchesQuestion(group: GroupHead, catalog: Catalog): boolean {
  // The question is one governed destination: `blocked` for this group alone exactly when it touches none of it.
  return touchesDestination(group, catalog, 0);
}

/**
 * The groups that can change an answer to the question: the platform-wide ones and those with a
 * rule allowing some of its traffic. A bound group that allows none of it adds nothing to any
 * space's answer (the engine visits only the destinations a group touches), so an index of these
 * alone gives `searchReach` the same answers; on a foundation, the other nine in ten groups and
 * their bindings are then never indexed.
 */
export function relevantGroups(query: ReachSearchQuery, groups: readonly SecurityGroup[]): SecurityGroup[] {
  return groups.filter(mayChangeAnswers(query));
}

/**
 * Whether a group can change an answer to the question, from its head alone (its flags and rules,
 * not its bindings): what `relevantGroups` keeps, asked of each group of the list as it is read,
 * before the rest of the group is checked (lib/cf/group-head-keep.ts).
 */
export function mayChangeAnswers(query: ReachSearchQuery): (group: GroupHead) => boolean {
  const catalog = searchCatalog(query);
  return (g) => g.globally_enabled.running || g.globally_enabled.staging || touchesQuestion(g, catalog);
}

/**
 * Every space, in the order given, with its answer. `index` holds the groups
 * the caller can see and their bindings to these spaces (./group-index.ts).
 */
export function searchReach(
  query: ReachSearchQuery,
  spaces: readonly SearchSpace[],
  index: GroupIndex,
): SpaceReach[] {
  const catalog = searchCatalog(query);
  // A bound group whose rules allow none of the traffic changes nothing: it is left out of the
  // evaluation and of the key, so that spaces differing only in such groups share one answer.
  const touches = new Map<string, boolean>();
  const touching = (group: SecurityGroup) => {
    let known = touches.get(group.guid);
    if (known === undefined) {
      known = touchesQuestion(group, catalog);
      touches.set(group.guid, known);
    }
    return known;
  };
  const memo = new Map<string, LifecycleReach>();
  const answer = (lifecycle: Lifecycle, all: readonly SecurityGroup[]): LifecycleReach => {
    // Most spaces of a foundation have no group bound that touches the question: they share one
    // answer per lifecycle, found without a list, a key or a bindings object made for each.
    const bound = all.length === 0 ? undefined : all.filter(touching);
    const key =
      bound === undefined || bound.length === 0
        ? lifecycle
        : `${lifecycle}|${bound.map((g) => g.guid).join(",")}`;
    let known = memo.get(key);
    if (known === undefined) {
      const bindings: SpaceBindings = {
        running: { global: index.globalRunning, bound: lifecycle === "running" ? (bound ?? []) : [] },
        staging: { global: index.globalStaging, bound: lifecycle === "staging" ? (bound ?? []) : [] },
      };
      known = lifecycleReach(applyingGroups(bindings, lifecycle), catalog);
      memo.set(key, known);
    }
    return known;
  };
  return spaces.map((space) => {
    const running = answer("running", index.boundTo("running", space.guid));
    const staging = answer("staging", index.boundTo("staging", space.guid));
    return { guid: space.guid, name: space.name, org: space.org, running, staging };
  });
}
