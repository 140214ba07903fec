import type { SecurityGroup as CfGroup } from "@/lib/cf/schemas";
import type { Catalog } from "./catalog";
import { compileCatalog, compileGroup } from "./compile";
import { evaluateLifecycle, type DestinationStatus } from "./evaluate";
import { GroupIndex } from "./group-index";
import type { CfRule } from "./rules";
import { LIFECYCLES, type Lifecycle } from "./space";
import type { StatusChange } from "./status-change";

/**
 * What an edit of one security group (its rules, its platform-wide flags)
 * changes across the foundation, before it is sent (docs/design.md §13,
 * "Group edits"): every space whose reach of a catalog destination opens or
 * closes, per lifecycle, and the counts per org. Pure: the caller reads the
 * foundation (every group, space and org, a few list requests whatever its
 * size); this only computes. Spaces whose groups are the same (most of a
 * foundation: nothing bound, or the same profile groups) share one
 * evaluation, so the work grows with the distinct bindings, not the spaces.
 */

export type GroupEdit = {
  groupGuid: string;
  /** The rules after the edit; absent: unchanged. */
  rules?: readonly CfRule[];
  /** The platform-wide flags after the edit; a flag absent is unchanged. */
  globallyEnabled?: Partial<Record<Lifecycle, boolean>>;
};

export type SpaceRef = { guid: string; name: string; orgGuid: string };
export type OrgRef = { guid: string; name: string };

export type SpaceImpact = {
  space: { guid: string; name: string };
  org: OrgRef;
  lifecycle: Lifecycle;
  opens: StatusChange[];
  closes: StatusChange[];
};

export type OrgImpact = { org: OrgRef; spaces: number; opens: number; closes: number };

export type GroupEditPreview = {
  /** Every space and lifecycle whose reach changes, by org name, then space name, running first. */
  spaces: SpaceImpact[];
  /** Per org with a space in `spaces`: how many spaces, and how many destinations open and close. */
  orgs: OrgImpact[];
};

const RANK: Record<DestinationStatus, number> = { blocked: 0, partial: 1, allowed: 2 };

/** The group as it would be after the edit (CF merges the flags key by key; rules replace the array). */
export function editedGroup(group: CfGroup, edit: GroupEdit): CfGroup {
  return {
    ...group,
    rules: edit.rules ? edit.rules.map((rule) => ({ ...rule })) : group.rules,
    globally_enabled: { ...group.globally_enabled, ...edit.globallyEnabled },
  };
}

/** Which spaces the group applies to for a lifecycle: all of them when platform-wide, else its bound ones. */
function reachedSpaces(group: CfGroup, lifecycle: Lifecycle, all: readonly SpaceRef[]): Set<string> {
  if (group.globally_enabled[lifecycle]) return new Set(all.map((s) => s.guid));
  return new Set(group.relationships[`${lifecycle}_spaces`].data.map((d) => d.guid));
}

function groupsKey(groups: readonly CfGroup[]): string {
  return groups
    .map((g) => g.guid)
    .sort()
    .join(",");
}

function applying(index: GroupIndex, spaceGuid: string, lifecycle: Lifecycle): CfGroup[] {
  const { global, bound } = index.bindings(spaceGuid)[lifecycle];
  return [...new Map([...global, ...bound].map((g) => [g.guid, g])).values()];
}

export function groupEditPreview(input: {
  groups: readonly CfGroup[];
  spaces: readonly SpaceRef[];
  orgs: readonly OrgRef[];
  edit: GroupEdit;
  catalog: Catalog;
}): GroupEditPreview {
  const { catalog, edit } = input;
  const before = input.groups.find((g) => g.guid === edit.groupGuid);
  if (!before) return { spaces: [], orgs: [] };
  const after = editedGroup(before, edit);
  const beforeIndex = new GroupIndex([...input.groups]);
  const afterIndex = new GroupIndex(input.groups.map((g) => (g.guid === after.guid ? after : g)));
  const orgs = new Map(input.orgs.map((o) => [o.guid, o]));
  const statuses = new Map<string, DestinationStatus[]>();
  const evaluated = (groups: CfGroup[]) => {
    // The edited group's guid is the same before and after: its side is part of the key.
    const key = `${groupsKey(groups)}|${groups.some((g) => g === after) ? "after" : "before"}`;
    let known = statuses.get(key);
    if (!known) {
      known = evaluateLifecycle(groups, catalog).destinations.map((d) => d.status);
      statuses.set(key, known);
    }
    return known;
  };
  const labels = evaluateLifecycle([], catalog).destinations.map((d) => ({ id: d.id, label: d.label }));

  // A group whose rules reach no catalog destination changes no status (the engine visits only the
  // destinations a group touches), so it is left out of the comparison: spaces that differ only in
  // such groups (most service bindings of a realistic foundation) share one. The edited group stays.
  const compiled = compileCatalog(catalog);
  const touches = new Map<string, boolean>();
  const relevant = (group: CfGroup) => {
    if (group.guid === after.guid) return true;
    let known = touches.get(group.guid);
    if (known === undefined) {
      known = compileGroup(compiled, group.rules).destinations.some((d) => d !== undefined);
      touches.set(group.guid, known);
    }
    return known;
  };
  // An edit changes a group's rules and flags, never its bindings: a space's groups before and after
  // follow from the same bound groups, so spaces bound to the same ones share one comparison.
  const compared = new Map<string, { opens: StatusChange[]; closes: StatusChange[] } | null>();
  const comparison = (guid: string, lifecycle: Lifecycle) => {
    const bound = beforeIndex.bindings(guid)[lifecycle].bound.filter(relevant);
    const key = `${lifecycle}|${bound.map((g) => g.guid).join(",")}`;
    let known = compared.get(key);
    if (known === undefined) {
      const was = evaluated(applying(beforeIndex, guid, lifecycle).filter(relevant));
      const will = evaluated(applying(afterIndex, guid, lifecycle).filter(relevant));
      const changes = labels.map((d, i) => ({
        ...d,
        before: was[i] ?? "blocked",
        after: will[i] ?? "blocked",
      }));
      const opens = changes.filter((c) => RANK[c.after] > RANK[c.before]);
      const closes = changes.filter((c) => RANK[c.after] < RANK[c.before]);
      known = opens.length === 0 && closes.length === 0 ? null : { opens, closes };
      compared.set(key, known);
    }
    return known;
  };

  const spaces: SpaceImpact[] = [];
  for (const lifecycle of LIFECYCLES) {
    const touched = reachedSpaces(before, lifecycle, input.spaces);
    for (const guid of reachedSpaces(after, lifecycle, input.spaces)) touched.add(guid);
    for (const space of input.spaces) {
      if (!touched.has(space.guid)) continue;
      const change = comparison(space.guid, lifecycle);
      if (change === null) continue;
      const org = orgs.get(space.orgGuid) ?? { guid: space.orgGuid, name: space.orgGuid };
      spaces.push({
        space: { guid: space.guid, name: space.name },
        org,
        lifecycle,
        opens: [...change.opens],
        closes: [...change.closes],
      });
    }
  }
  spaces.sort(
    (a, b) =>
      a.org.name.localeCompare(b.org.name) ||
      a.space.name.localeCompare(b.space.name) ||
      LIFECYCLES.indexOf(a.lifecycle) - LIFECYCLES.indexOf(b.lifecycle),
  );
  return { spaces, orgs: perOrg(spaces) };
}

function perOrg(spaces: readonly SpaceImpact[]): OrgImpact[] {
  const byOrg = new Map<string, OrgImpact & { guids: Set<string> }>();
  for (const impact of spaces) {
    let org = byOrg.get(impact.org.guid);
    if (!org) {
      org = { org: impact.org, spaces: 0, opens: 0, closes: 0, guids: new Set() };
      byOrg.set(impact.org.guid, org);
    }
    org.guids.add(impact.space.guid);
    org.spaces = org.guids.size;
    org.opens += impact.opens.length;
    org.closes += impact.closes.length;
  }
  return [...byOrg.values()].map(({ guids: _guids, ...org }) => org);
}
