import type { SecurityGroup } from "@/lib/cf/schemas";
import { GroupIndex } from "@/lib/egress/group-index";
import type { PolicyContext } from "@/lib/policy";

/**
 * What the watcher judges a run of orgs with (./cycle.ts): the groups that reach their spaces, and
 * the platform, as objects of their own. The engine keeps what it makes of a group per object: its
 * rules read (per rules array, lib/egress/rules.ts) and compiled (per catalog object and per group
 * object, lib/egress/compile.ts, evaluate.ts), for the many spaces and requests of the pages. The
 * watcher keeps its verdicts, not the engine's forms, from one cycle to the next (./judge-memo.ts).
 * Judged with the cycle's own objects, every group's forms piled up through the cycle (about 20 MB
 * of rules read, in the bench's foundation) and the compiled ones stayed for the next (about
 * 30 MB, under the one platform object); with a scope's copies, they go with its orgs' judgement.
 *
 * Consecutive orgs share a scope until it covers SPACES_PER_SCOPE spaces: a group bound in many
 * orgs (the platform-wide ones, shared ones of dozens of rules in 180 orgs) is read and compiled
 * once per scope. A scope per org read 7 times the rules a cycle has, about 2 s more CPU for a
 * cycle that judges every space; ten scopes, about what one shared scope costs.
 */
export type JudgingScope = { context: PolicyContext; index: GroupIndex };

export const SPACES_PER_SCOPE = 2_000;

export function judgingScope(
  context: PolicyContext,
  index: GroupIndex,
  spaceGuids: readonly string[],
): JudgingScope {
  const reaching = new Set<SecurityGroup>([...index.globalRunning, ...index.globalStaging]);
  for (const guid of spaceGuids) {
    const { running, staging } = index.bindings(guid);
    for (const group of running.bound) reaching.add(group);
    for (const group of staging.bound) reaching.add(group);
  }
  // In the cycle's order, so that each space's groups come in the order they would have.
  const groups = index.groups
    .filter((group) => reaching.has(group))
    .map((group) => ({ ...group, rules: [...group.rules] }));
  return {
    context: { ...context, catalog: { ...context.catalog } },
    index: new GroupIndex(groups, spaceGuids),
  };
}

/**
 * Each org's scope, for the orgs judged in the order of `byOrg`: one scope made at a time, for
 * the next run of orgs of up to `perScope` spaces (an org of more has one of its own).
 */
export function judgingScopes(
  context: PolicyContext,
  index: GroupIndex,
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
      const guids = (runs[run] ?? [orgGuid]).flatMap((org) => (byOrg.get(org) ?? []).map((s) => s.guid));
      current = { run, scope: judgingScope(context, index, guids) };
    }
    return current.scope;
  };
}
