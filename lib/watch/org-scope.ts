import type { SecurityGroup } from "@/lib/egress";
import type { PolicyContext, RunningGroups } from "@/lib/policy";
import { rulesOf, type WatchedGroup, type WatchedGroups } from "./watched-groups";

/**
 * What the watcher judges a run of orgs with (./cycle.ts): the groups that reach their spaces, and
 * the platform, as objects of their own. The engine keeps what it makes of a group per object: its
 * rules read (per rules array, lib/egress/rules.ts) and compiled (per catalog object and per group
 * object, lib/egress/compile.ts, evaluate.ts), for the many spaces and requests of the pages. The
 * watcher keeps its verdicts, not the engine's forms, from one cycle to the next (./judge-memo.ts).
 * Judged with the cycle's own objects, every group's forms piled up through the cycle (about 20 MB
 * of rules read, in the bench's foundation) and the compiled ones stayed for the next (about
 * 30 MB, under the one platform object); with a scope's copies, they go with its orgs' judgement.
 * The cycle keeps a group's rules as text (./watched-groups.ts): a scope parses those it needs, so
 * only its run's rules are objects at a time.
 *
 * Consecutive orgs share a scope until it covers SPACES_PER_SCOPE spaces: a group bound in many
 * orgs (the platform-wide ones, shared ones of dozens of rules in 180 orgs) is read and compiled
 * once per scope. A scope per org read 7 times the rules a cycle has, about 2 s more CPU for a
 * cycle that judges every space; ten scopes, about what one shared scope costs.
 */

/** A space's running groups, as the judgement asks for them (lib/egress/group-index.ts answers the same). */
export type JudgedBindings = { bindings(spaceGuid: string): { running: RunningGroups } };

export type JudgingScope = { context: PolicyContext; index: JudgedBindings };

export const SPACES_PER_SCOPE = 2_000;

export function judgingScope(
  context: PolicyContext,
  groups: WatchedGroups,
  spaceGuids: readonly string[],
): JudgingScope {
  const copies = new Map<WatchedGroup, SecurityGroup>();
  const copy = (group: WatchedGroup): SecurityGroup => {
    let made = copies.get(group);
    if (made === undefined) {
      made = { guid: group.guid, name: group.name, rules: rulesOf(group) };
      copies.set(group, made);
    }
    return made;
  };
  // Each space's groups in the list's order, as the cycle's index gives them.
  const global = groups.globalRunning.map(copy);
  const bound = new Map(spaceGuids.map((guid) => [guid, groups.running(guid).map(copy)]));
  return {
    context: { ...context, catalog: { ...context.catalog } },
    index: { bindings: (guid) => ({ running: { global, bound: bound.get(guid) ?? [] } }) },
  };
}

/**
 * Each org's scope, for the orgs judged in the order of `byOrg`: one scope made at a time, for
 * the next run of orgs of up to `perScope` spaces (an org of more has one of its own).
 */
export function judgingScopes(
  context: PolicyContext,
  groups: WatchedGroups,
  byOrg: ReadonlyMap<string, readonly { guid: string }[]>,
  perScope = SPACES_PER_SCOPE,
): (orgGuid: string) => JudgingScope {
  const runs: string[][] = [];
  const runOf = new Map<string, number>();
  let spaces = 0;
  for (const [orgGuid, orgSpaces] of byOrg) {
    if (runs.length === 0 || (spaces > 0 && spaces + orgSpaces.length > perScope)) {
      runs.push([]);
      spaces = 0;
    }
    runs[runs.length - 1]?.push(orgGuid);
    runOf.set(orgGuid, runs.length - 1);
    spaces += orgSpaces.length;
  }
  let current: { run: number; scope: JudgingScope } | undefined;
  return (orgGuid) => {
    const run = runOf.get(orgGuid) ?? -1;
    if (current?.run !== run) {
      // The previous run's scope is let go before the next is made: never two runs' copies at once.
      current = undefined;
      const guids = (runs[run] ?? [orgGuid]).flatMap((org) => (byOrg.get(org) ?? []).map((s) => s.guid));
      current = { run, scope: judgingScope(context, groups, guids) };
    }
    return current.scope;
  };
}
