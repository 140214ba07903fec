import type { Organization, SecurityGroup, SecurityGroupRule, Space } from "@/lib/cf/schemas";
import type { Lifecycle } from "@/lib/egress";

/**
 * The security-group pages' data. CF decides what the user sees twice over:
 * the groups list holds only the groups visible to them, and each group's
 * relationships hold only the bound spaces they can read (docs/cf-behaviour.md
 * §2.1, §2.3). The same user's spaces list, with its orgs included, names
 * exactly those spaces, so two requests serve a page whatever the size of
 * the platform: never one per group or per space (docs/design.md §8).
 */

export type GroupBinding = {
  spaceGuid: string;
  /** Null when the space is not in the user's spaces list (it changed between the two requests). */
  spaceName: string | null;
  orgGuid: string | null;
  orgName: string | null;
  lifecycle: Lifecycle;
};

export type SecurityGroupView = {
  guid: string;
  name: string;
  rules: SecurityGroupRule[];
  global: Record<Lifecycle, boolean>;
  /** The bindings CF shows this user, by org, space, then running before staging. */
  bindings: GroupBinding[];
};

type SpaceName = { spaceName: string; orgGuid: string; orgName: string | null };

function spaceDirectory(spaces: readonly Space[], orgs: readonly Organization[]): Map<string, SpaceName> {
  const orgNames = new Map(orgs.map((o) => [o.guid, o.name]));
  return new Map(
    spaces.map((s) => {
      const orgGuid = s.relationships.organization.data.guid;
      return [s.guid, { spaceName: s.name, orgGuid, orgName: orgNames.get(orgGuid) ?? null }];
    }),
  );
}

const LIFECYCLES: readonly Lifecycle[] = ["running", "staging"];

/** Unnamed spaces sort last, so the named ones the user knows come first. */
function compareBindings(a: GroupBinding, b: GroupBinding): number {
  const byText = (x: string | null, y: string | null) =>
    x === y ? 0 : x === null ? 1 : y === null ? -1 : x.localeCompare(y, "en");
  return (
    byText(a.orgName, b.orgName) ||
    byText(a.spaceName, b.spaceName) ||
    a.spaceGuid.localeCompare(b.spaceGuid) ||
    LIFECYCLES.indexOf(a.lifecycle) - LIFECYCLES.indexOf(b.lifecycle)
  );
}

function shape(group: SecurityGroup, directory: Map<string, SpaceName>): SecurityGroupView {
  const bindings = LIFECYCLES.flatMap((lifecycle) =>
    group.relationships[`${lifecycle}_spaces`].data.map(({ guid }): GroupBinding => {
      const space = directory.get(guid);
      return {
        spaceGuid: guid,
        spaceName: space?.spaceName ?? null,
        orgGuid: space?.orgGuid ?? null,
        orgName: space?.orgName ?? null,
        lifecycle,
      };
    }),
  );
  return {
    guid: group.guid,
    name: group.name,
    rules: group.rules,
    global: { running: group.globally_enabled.running, staging: group.globally_enabled.staging },
    bindings: bindings.sort(compareBindings),
  };
}

/** Pure: CF's groups, spaces and orgs as the list page shows them; groups in name order. */
export function securityGroupViews(
  groups: readonly SecurityGroup[],
  spaces: readonly Space[],
  orgs: readonly Organization[],
): SecurityGroupView[] {
  const directory = spaceDirectory(spaces, orgs);
  return groups
    .map((g) => shape(g, directory))
    .sort((a, b) => a.name.localeCompare(b.name, "en") || a.guid.localeCompare(b.guid));
}

/** Pure: one group as the detail page shows it. */
export function securityGroupView(
  group: SecurityGroup,
  spaces: readonly Space[],
  orgs: readonly Organization[],
): SecurityGroupView {
  return shape(group, spaceDirectory(spaces, orgs));
}

/** The name filter of the list page: case-insensitive, by substring, as people type names. */
export function filterByName(views: readonly SecurityGroupView[], query: string): SecurityGroupView[] {
  const needle = query.trim().toLowerCase();
  return needle ? views.filter((v) => v.name.toLowerCase().includes(needle)) : [...views];
}
