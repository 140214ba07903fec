import type { MatrixProfile } from "@/lib/view-models/org-matrix";

export type SwitchBlock = { short: string; full: string };

/**
 * Why a user may not flip a profile for a space, or undefined when they may.
 * CF stays the authority; this only decides which controls to offer.
 */
export function switchBlock(
  profile: Pick<MatrixProfile, "label" | "group" | "groupGuid"> & { global: boolean },
  space: { can_manage: boolean },
  org: { suspended: boolean },
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
      full: `${profile.label} is unavailable: the ${profile.group} security group is not visible to you. An administrator must make this group available to your org first.`,
    };
  }
  if (!space.can_manage) {
    return { short: "No permission", full: "You need the SpaceManager or OrgManager role to change egress." };
  }
  if (org.suspended && !user.isAdmin) {
    return {
      short: "Org suspended",
      full: "This org is suspended: Cloud Foundry refuses changes to its spaces until an administrator reactivates it.",
    };
  }
  return undefined;
}
