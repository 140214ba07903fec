import { judge } from "@/lib/permissions";
import type { MatrixProfile } from "@/lib/view-models/org-matrix";

export type SwitchBlock = { short: string; full: string };

/**
 * Why a profile whose group CF hides from the user is out of their reach, and
 * whom to ask: CF shows a group only to those who can read a space it is bound
 * to (or where it is platform-wide), so an OrgManager may see it where a
 * SpaceManager does not; if nobody in the org does, the platform team. The
 * same words beside the switch and in the fix column (lib/view-models/fixes.ts).
 */
export function hiddenGroupWhy(group: string): string {
  return `its security group (${group}) is bound to no space you can read, so Cloud Foundry does not show it to you. Ask an OrgManager of this org or your platform team to turn it on.`;
}

/**
 * Why a user may not flip a profile for a space, or undefined when they may:
 * the profile is platform-wide, its group is not visible to them, or
 * lib/permissions refuses the change (the role, then the org's state).
 * CF stays the authority; this only decides which controls to offer.
 */
export function switchBlock(
  profile: Pick<MatrixProfile, "label" | "group" | "groupGuid"> & { global: boolean },
  space: { can_manage: boolean },
  org: { suspended: boolean; name?: string; orgName?: string },
  user: { isAdmin: boolean },
): SwitchBlock | undefined {
  if (profile.global) {
    return {
      short: "Platform-wide",
      full: `${profile.label} is enabled platform-wide by an administrator, so it applies to every space.`,
    };
  }
  if (!profile.groupGuid) {
    return {
      short: "Unavailable",
      full: `${profile.label} is not available to you: ${hiddenGroupWhy(profile.group)}`,
    };
  }
  const decision = judge(
    "change-space-egress",
    { roleAllows: space.can_manage, isAdmin: user.isAdmin },
    { name: org.name ?? org.orgName ?? "this org", suspended: org.suspended },
  );
  return decision.allowed ? undefined : { short: decision.refusal.short, full: decision.refusal.message };
}
