import type { SecurityGroup } from "@/lib/cf/schemas";
import type { Catalog, Profile } from "@/lib/egress";
import { lintContext, lintGroups, type Finding, type LintGroup } from "@/lib/egress/lint";
import type { SecurityGroupView } from "./security-groups";

/**
 * Group lint for the pages (docs/design.md §13): the groups as CF showed the
 * user, turned into lint's input. Nothing here asks CF for more: the findings
 * come from the same lists the pages already read.
 */

export type GroupLintInputs = {
  catalog: Catalog;
  profiles: readonly Profile[];
  dynamicAsgs: boolean;
  /** Admins, admin read-only users and global auditors: only they may be told a group is bound nowhere. */
  seesAllBindings: boolean;
};

/** Findings by group guid; a group without findings has none listed. */
export type GroupFindings = Record<string, Finding[]>;

export function lintGroupOfView(view: SecurityGroupView): LintGroup {
  return {
    guid: view.guid,
    name: view.name,
    rules: view.rules,
    global: view.global,
    boundFor: [...new Set(view.bindings.map((b) => b.lifecycle))],
  };
}

export function lintGroupOfCf(group: SecurityGroup): LintGroup {
  const { running_spaces: running, staging_spaces: staging } = group.relationships;
  return {
    guid: group.guid,
    name: group.name,
    rules: group.rules,
    global: group.globally_enabled,
    boundFor: [
      ...(running.data.length > 0 ? ["running" as const] : []),
      ...(staging.data.length > 0 ? ["staging" as const] : []),
    ],
  };
}

/**
 * The findings of `groups`, with shadowing judged against the platform-wide groups among `seen` (every
 * group the page read; the same list when the page shows all it read).
 */
export function groupFindings(
  groups: readonly LintGroup[],
  seen: readonly LintGroup[],
  inputs: GroupLintInputs,
): GroupFindings {
  return Object.fromEntries(lintGroups(groups, lintContext(inputs, seen)));
}
