import type { SecurityGroup as CfGroup } from "@/lib/cf/schemas";
import type { Catalog } from "./catalog";
import {
  editedGroup,
  groupEditPreview,
  type GroupEditPreview,
  type OrgRef,
  type SpaceRef,
} from "./group-edit";
import type { CfRule } from "./rules";
import type { Lifecycle } from "./space";

/**
 * What creating a security group would open across the foundation, before it
 * is sent (docs/design.md §13, "Group edits"): the edit's impact computed
 * from an empty "before", a group of no rules, on nowhere, bound to no space,
 * which is what the foundation holds in its place now. A new group is bound
 * to no space, so it reaches a space only where it is platform-wide: one
 * neither running nor staging opens nothing. Pure.
 */

export type GroupCreate = {
  name: string;
  rules: readonly CfRule[];
  globallyEnabled: Record<Lifecycle, boolean>;
};

/**
 * The stand-in for the group that does not exist yet. Its guid is no guid CF
 * hands out (CF's are UUIDs), so it cannot meet a group of the foundation.
 */
const NOT_YET = "(not yet created)";

function emptyGroup(name: string): CfGroup {
  return {
    guid: NOT_YET,
    name,
    created_at: "",
    updated_at: "",
    globally_enabled: { running: false, staging: false },
    rules: [],
    relationships: { running_spaces: { data: [] }, staging_spaces: { data: [] } },
    links: { self: { href: "" } },
  };
}

/** The group as CF would hold it right after the create (bound to no space). */
export function createdGroup(create: GroupCreate): CfGroup {
  return editedGroup(emptyGroup(create.name), {
    groupGuid: NOT_YET,
    rules: create.rules,
    globallyEnabled: create.globallyEnabled,
  });
}

export function groupCreatePreview(input: {
  groups: readonly CfGroup[];
  spaces: readonly SpaceRef[];
  orgs: readonly OrgRef[];
  create: GroupCreate;
  catalog: Catalog;
}): GroupEditPreview {
  const { create } = input;
  return groupEditPreview({
    groups: [...input.groups, emptyGroup(create.name)],
    spaces: input.spaces,
    orgs: input.orgs,
    edit: { groupGuid: NOT_YET, rules: create.rules, globallyEnabled: create.globallyEnabled },
    catalog: input.catalog,
  });
}

/** Whether the foundation already holds a group of this name (CF compares names case-sensitively). */
export function nameTaken(groups: readonly { name: string }[], name: string): boolean {
  return groups.some((g) => g.name === name);
}
