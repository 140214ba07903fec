import { z } from "zod";
import { securityGroupRuleSchema, toManySchema, type SecurityGroup } from "@/lib/cf/schemas";
import type { ObservedGroup, ObservedSpace } from "@/lib/db/types";

/**
 * The security groups as a watcher cycle keeps them (docs/design.md §12), from its read of the
 * whole list to the end of the cycle, and indexed by the spaces they are bound to.
 *
 * Only what the cycle uses is kept, in its smallest form: a group's rules as the text they were
 * checked in, not as objects (parsed again only for the run of orgs being judged, ./org-scope.ts,
 * and one group at a time for the rule drift check); its bindings as the spaces' guids, the very
 * strings of the spaces list (`shareGuids`), not an object and a copy of the guid per binding; no
 * links or timestamps. Kept whole, the bench's 10,003 groups were most of the 31 MB the lists held
 * in the cycle thread's heap through the cycle, and of its peak at the judging's end.
 */

export type WatchedGroup = {
  guid: string;
  name: string;
  globally_enabled: { running: boolean; staging: boolean };
  /** The rules' JSON, checked by `securityGroupRuleSchema` when read. */
  rulesText: string;
  runningSpaces: string[];
  stagingSpaces: string[];
};

const guids = (relation: z.infer<typeof toManySchema>) => relation.data.map((ref) => ref.guid);

/** A group of CF's list, checked as every page checks it and kept as a `WatchedGroup`. */
export const watchedGroupSchema = z
  .object({
    guid: z.string(),
    name: z.string(),
    globally_enabled: z.object({ running: z.boolean(), staging: z.boolean() }),
    rules: z.array(securityGroupRuleSchema),
    relationships: z.object({ running_spaces: toManySchema, staging_spaces: toManySchema }),
  })
  .transform((group): WatchedGroup => ({
    guid: group.guid,
    name: group.name,
    globally_enabled: group.globally_enabled,
    rulesText: JSON.stringify(group.rules),
    runningSpaces: guids(group.relationships.running_spaces),
    stagingSpaces: guids(group.relationships.staging_spaces),
  }));

/** A CF group as the cycle keeps it (the tests' groups, given as CF gives them). */
export function watchedGroup(group: SecurityGroup): WatchedGroup {
  return watchedGroupSchema.parse(group);
}

/** A group's rules, as new objects each time (they were checked when read). */
export function rulesOf(group: WatchedGroup): SecurityGroup["rules"] {
  return JSON.parse(group.rulesText) as SecurityGroup["rules"];
}

/** Each binding's guid replaced by the same space's guid string from `canonical` (the spaces list's). */
export function shareGuids(groups: readonly WatchedGroup[], canonical: ReadonlyMap<string, string>): void {
  const share = (list: string[]) => {
    for (let i = 0; i < list.length; i++) list[i] = canonical.get(list[i] as string) ?? (list[i] as string);
  };
  for (const group of groups) {
    share(group.runningSpaces);
    share(group.stagingSpaces);
  }
}

/** The groups by the spaces they are bound to, one pass over the list (as lib/egress/group-index.ts does). */
export class WatchedGroups {
  readonly globalRunning: WatchedGroup[];
  private readonly runningBy = new Map<string, WatchedGroup[]>();
  private readonly stagingBy = new Map<string, WatchedGroup[]>();

  constructor(readonly groups: readonly WatchedGroup[]) {
    this.globalRunning = groups.filter((group) => group.globally_enabled.running);
    for (const group of groups) {
      for (const guid of group.runningSpaces) push(this.runningBy, guid, group);
      for (const guid of group.stagingSpaces) push(this.stagingBy, guid, group);
    }
  }

  /** The groups bound to a space for running, in the list's order. */
  running(spaceGuid: string): readonly WatchedGroup[] {
    return this.runningBy.get(spaceGuid) ?? [];
  }

  staging(spaceGuid: string): readonly WatchedGroup[] {
    return this.stagingBy.get(spaceGuid) ?? [];
  }

  /** A space as the drift check observes it (lib/db/observe.ts): the groups bound to it, by guid and name. */
  observedSpace(space: { guid: string; name: string }): ObservedSpace {
    const ref = (group: WatchedGroup) => ({ guid: group.guid, name: group.name });
    return {
      guid: space.guid,
      name: space.name,
      running: this.running(space.guid).map(ref),
      staging: this.staging(space.guid).map(ref),
    };
  }
}

/**
 * A group as the rule drift check observes it (lib/db/observe-groups.ts). Its rules are parsed
 * when the check reads them, so that only one group's are objects at a time, not 10,000 groups'.
 */
export function observedGroup(group: WatchedGroup, orgOfSpace: ReadonlyMap<string, string>): ObservedGroup {
  const orgs = new Set<string>();
  for (const guid of [...group.runningSpaces, ...group.stagingSpaces]) {
    const org = orgOfSpace.get(guid);
    if (org !== undefined) orgs.add(org);
  }
  return {
    guid: group.guid,
    name: group.name,
    get rules() {
      return rulesOf(group);
    },
    globallyEnabled: group.globally_enabled,
    boundOrgGuids: [...orgs],
  };
}

function push(map: Map<string, WatchedGroup[]>, key: string, group: WatchedGroup): void {
  const list = map.get(key);
  if (list) list.push(group);
  else map.set(key, [group]);
}
