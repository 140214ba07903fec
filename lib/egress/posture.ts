import { applyingProfiles, DEFAULT_PROFILES, type Profile } from "./profiles";

/** cloud.gov's three postures, "both" for a production space, and "custom" for anything else (seed 000). */
export type Posture = "closed" | "trusted-local" | "public" | "both" | "custom";

/** Running-lifecycle group names of one space. */
export type PostureInput = { boundRunning: readonly string[]; globalRunning: readonly string[] };

/**
 * The running posture. Globally enabled groups other than profiles (such as
 * `dns`) are the platform's baseline, not a choice of the space, so they do not
 * make it custom; a bound group that is neither a profile nor global does.
 * Postures are named after the default profile ids `public` and
 * `trusted-local`; any other applying profile makes the posture custom.
 */
export function posture(input: PostureInput, profiles: readonly Profile[] = DEFAULT_PROFILES): Posture {
  const profileGroups = new Set(profiles.map((p) => p.group));
  const custom = input.boundRunning.some(
    (name) => !profileGroups.has(name) && !input.globalRunning.includes(name),
  );
  if (custom) return "custom";
  const ids = new Set(
    applyingProfiles({ bound: input.boundRunning, global: input.globalRunning }, profiles).map((p) => p.id),
  );
  const publicOn = ids.delete("public");
  const trustedOn = ids.delete("trusted-local");
  if (ids.size > 0) return "custom";
  if (publicOn && trustedOn) return "both";
  if (publicOn) return "public";
  if (trustedOn) return "trusted-local";
  return "closed";
}
