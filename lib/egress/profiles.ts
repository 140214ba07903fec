/**
 * A profile is one security group given a name users understand ("Public
 * egress"). The defaults are cloud.gov's two; a platform with other group
 * names passes its own list.
 */
export type Profile = { id: string; group: string; label: string };

export const DEFAULT_PROFILES: readonly Profile[] = [
  { id: "public", group: "public_networks_egress", label: "Public egress" },
  { id: "trusted-local", group: "trusted_local_networks_egress", label: "Trusted local egress" },
];

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

/** The profiles that apply: their group is bound to the space or globally enabled (design.md §4). */
export function applyingProfiles(
  bindings: LifecycleBindings,
  profiles: readonly Profile[] = DEFAULT_PROFILES,
): Profile[] {
  return profiles.filter((p) => profileState(p, bindings) !== "off");
}
