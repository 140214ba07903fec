import { judge } from "@/lib/permissions";
import type { MatrixProfile } from "@/lib/view-models/org-matrix";

export type SwitchBlock = { short: string; full: string };

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
      full: `${profile.label} is unavailable: the ${profile.group} security group is not visible to you. An administrator must make this group available to your org first.`,
    };
  }
  const decision = judge(
    "change-space-egress",
    { roleAllows: space.can_manage, isAdmin: user.isAdmin },
    { name: org.name ?? org.orgName ?? "this org", suspended: org.suspended },
  );
  return decision.allowed ? undefined : { short: decision.refusal.short, full: decision.refusal.message };
}
