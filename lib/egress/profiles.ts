import { defaultPlatform } from "./default-catalog";

/**
 * A profile is one security group given a name users understand ("Public
 * egress"). Profiles are configuration, in the platform file (./platform.ts):
 * the defaults are cloud.gov's two, from the built-in one; a platform with
 * other group names lists its own. The ids `public` and `trusted-local` name
 * the postures (./posture.ts).
 */
export type Profile = {
  id: string;
  group: string;
  label: string;
  description?: string;
  /** The destinations the group opens, as the platform file declares them (for users who cannot see it). */
  opens?: readonly string[];
};

export const DEFAULT_PROFILES: readonly Profile[] = defaultPlatform.profiles;

/** Group names for one lifecycle of one space. */
export type LifecycleBindings = { bound: readonly string[]; global: readonly string[] };

/**
 * How a profile reaches a space: bound to it, enabled platform-wide (shown on
 * but not switchable from the space), both, or not at all.
 */
export type ProfileState = "off" | "bound" | "global" | "bound-and-global";

export function profileState(profile: Profile, bindings: LifecycleBindings): ProfileState {
  const bound = bindings.bound.includes(profile.group);
  const global = bindings.global.includes(profile.group);
  return bound && global ? "bound-and-global" : bound ? "bound" : global ? "global" : "off";
}

/** The profiles that apply: their group is bound to the space or globally enabled (docs/design.md §4). */
export function applyingProfiles(
  bindings: LifecycleBindings,
  profiles: readonly Profile[] = DEFAULT_PROFILES,
): Profile[] {
  return profiles.filter((p) => profileState(p, bindings) !== "off");
}
