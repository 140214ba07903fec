import "server-only";
import type { CfClient } from "./client";
import { roleListSchema, type Role, type RoleType } from "./schemas";

/**
 * The signed-in user's roles (all pages), and what they allow. CF stays the
 * authority: the capability only decides which controls to enable.
 */

export type UserRoles = {
  /** Role types per org guid. */
  orgs: Map<string, Set<RoleType>>;
  /** Role types per space guid. */
  spaces: Map<string, Set<RoleType>>;
};

export async function listUserRoles(client: CfClient, userGuid: string): Promise<UserRoles> {
  const { resources } = await client.list("/v3/roles", roleListSchema, {
    user_guids: [userGuid],
    include: ["space", "organization"],
  });
  return indexRoles(resources);
}

export function indexRoles(roles: Role[]): UserRoles {
  const result: UserRoles = { orgs: new Map(), spaces: new Map() };
  for (const role of roles) {
    const spaceGuid = role.relationships.space.data?.guid;
    const orgGuid = role.relationships.organization.data?.guid;
    const [map, key] = spaceGuid ? [result.spaces, spaceGuid] : [result.orgs, orgGuid];
    if (!key) continue;
    const set = map.get(key) ?? new Set<RoleType>();
    set.add(role.type);
    map.set(key, set);
  }
  return result;
}

export type Capability = { allowed: true } | { allowed: false; reason: string };

/**
 * Whether the user may change the egress of a space: an admin, a
 * SpaceManager of the space, or an OrgManager of its org.
 */
export function canManageSpaceEgress(
  user: { isAdmin: boolean },
  roles: UserRoles,
  space: { guid: string; orgGuid: string },
): Capability {
  if (user.isAdmin) return { allowed: true };
  if (roles.spaces.get(space.guid)?.has("space_manager")) return { allowed: true };
  if (roles.orgs.get(space.orgGuid)?.has("organization_manager")) return { allowed: true };
  return {
    allowed: false,
    reason: "Only a SpaceManager of this space or an OrgManager of its org can change its egress.",
  };
}

export function managesOrg(user: { isAdmin: boolean }, roles: UserRoles, orgGuid: string): boolean {
  return user.isAdmin || !!roles.orgs.get(orgGuid)?.has("organization_manager");
}

/** Whether CF lists every space of the org to this user (org managers and global readers). */
export function seesAllSpacesOf(
  user: { readsGlobally: boolean },
  roles: UserRoles,
  orgGuid: string,
): boolean {
  return user.readsGlobally || !!roles.orgs.get(orgGuid)?.has("organization_manager");
}
