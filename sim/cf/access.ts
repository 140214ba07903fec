import type { RoleType } from "../seed";
import type { SecurityGroup, World } from "../world";
import { ADMIN, ADMIN_READ_ONLY, GLOBAL_AUDITOR, type Caller } from "./auth";

/**
 * What a caller may see and do, after the Cloud Controller's `Permissions`
 * class (docs/cf-behaviour.md §2.3, §3): computed once per request from the
 * caller's roles.
 */
export class Access {
  readonly isAdmin: boolean;
  /** Admin, Admin Read-Only and Global Auditor read everything. */
  readonly readsGlobally: boolean;
  private readonly orgRoles = new Map<string, Set<RoleType>>();
  private readonly spaceRoles = new Map<string, Set<RoleType>>();

  constructor(
    private readonly world: World,
    readonly caller: Caller,
  ) {
    this.isAdmin = caller.scopes.has(ADMIN);
    this.readsGlobally =
      this.isAdmin || caller.scopes.has(ADMIN_READ_ONLY) || caller.scopes.has(GLOBAL_AUDITOR);
    if (!caller.isUser) return;
    for (const role of world.roles.values()) {
      if (role.userGuid !== caller.guid) continue;
      const [map, target] = role.spaceGuid
        ? [this.spaceRoles, role.spaceGuid]
        : [this.orgRoles, role.orgGuid];
      if (!target) continue;
      const set = map.get(target) ?? new Set<RoleType>();
      set.add(role.type);
      map.set(target, set);
    }
  }

  private hasOrgRole(orgGuid: string, ...types: RoleType[]): boolean {
    const roles = this.orgRoles.get(orgGuid);
    return !!roles && types.some((t) => roles.has(t));
  }

  private hasSpaceRole(spaceGuid: string, ...types: RoleType[]): boolean {
    const roles = this.spaceRoles.get(spaceGuid);
    return !!roles && types.some((t) => roles.has(t));
  }

  /** Orgs where the caller holds any org role. */
  canReadOrg(orgGuid: string): boolean {
    return (
      this.readsGlobally ||
      this.hasOrgRole(
        orgGuid,
        "organization_user",
        "organization_manager",
        "organization_auditor",
        "organization_billing_manager",
      )
    );
  }

  managesOrg(orgGuid: string): boolean {
    return this.hasOrgRole(orgGuid, "organization_manager");
  }

  /** Spaces where the caller holds a space role, plus every space of the orgs they manage. */
  canReadSpace(spaceGuid: string): boolean {
    if (this.readsGlobally) return true;
    if (
      this.hasSpaceRole(spaceGuid, "space_developer", "space_manager", "space_auditor", "space_supporter")
    ) {
      return true;
    }
    const space = this.world.spaces.get(spaceGuid);
    return !!space && this.managesOrg(space.orgGuid);
  }

  /** Who may bind and unbind security groups to a space (besides admin). */
  managesSpace(spaceGuid: string): boolean {
    if (this.hasSpaceRole(spaceGuid, "space_manager")) return true;
    const space = this.world.spaces.get(spaceGuid);
    return !!space && this.managesOrg(space.orgGuid);
  }

  canSeeSecurityGroup(group: SecurityGroup): boolean {
    if (this.readsGlobally) return true;
    if (group.globallyEnabled.running || group.globallyEnabled.staging) return true;
    for (const guid of group.runningSpaces) if (this.canReadSpace(guid)) return true;
    for (const guid of group.stagingSpaces) if (this.canReadSpace(guid)) return true;
    return false;
  }

  /** A security group's bound spaces, filtered to the ones the caller can read. */
  visibleSpaces(spaceGuids: Iterable<string>): string[] {
    return [...spaceGuids].filter((guid) => this.canReadSpace(guid));
  }
}
