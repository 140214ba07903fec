import type { Role, RoleType } from "./schemas";

/**
 * A user's roles, indexed by org and by space: what lib/permissions judges
 * from. Pure, so client-safe code can name the type.
 */
export type UserRoles = {
  /** Role types per org guid. */
  orgs: Map<string, Set<RoleType>>;
  /** Role types per space guid. */
  spaces: Map<string, Set<RoleType>>;
};

export function indexRoles(roles: readonly Role[]): UserRoles {
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
