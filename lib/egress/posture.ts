import type { Reach } from "./networks";
import { applyingProfiles, DEFAULT_PROFILES, type Profile } from "./profiles";

/** cloud.gov's three postures, "both" for a production space, and "custom" for anything else (seed 000). */
export type Posture = "closed" | "trusted-local" | "public" | "both" | "custom";

/** Running-lifecycle group names of one space, and what the engine found its apps can reach. */
export type PostureInput = {
  boundRunning: readonly string[];
  globalRunning: readonly string[];
  /**
   * Reach by network (./networks.ts) from the engine's running evaluation.
   * Without it the posture is the profiles' alone.
   */
  reach?: Reach;
};

/**
 * The running posture. Globally enabled groups other than profiles (such as
 * `dns`) are the platform's baseline, not a choice of the space, so they do not
 * make it custom; a bound group that is neither a profile nor global does.
 * Postures are named after the default profile ids `public` and
 * `trusted-local`; any other applying profile makes the posture custom.
 *
 * The word never contradicts the engine: public destinations reachable count
 * as public egress and private (brokered) ones as trusted-local, whichever
 * group opens them. On cf-deployment, whose `public_networks` group is enabled
 * for every space and named by no profile of cloud.gov's, every space is
 * "public", not "closed" beside a public web marked "Allowed". A space is
 * closed only when no ASG-governed destination is reachable at all.
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
  let publicOn = ids.delete("public");
  let trustedOn = ids.delete("trusted-local");
  if (ids.size > 0) return "custom";
  const reach = input.reach;
  if (reach) {
    publicOn ||= reach.public;
    trustedOn ||= reach.local;
    // Something is reachable, but only through destinations that are both public and private.
    if (!publicOn && !trustedOn && reach.mixed) return "custom";
  }
  if (publicOn && trustedOn) return "both";
  if (publicOn) return "public";
  if (trustedOn) return "trusted-local";
  return "closed";
}

/**
 * The posture the platform gives every space by itself (its globally enabled
 * groups, nothing bound): what the org page says the platform opens, and what
 * a space's posture is "platform-wide" when it is no more than that.
 */
export function platformPosture(
  globalRunning: readonly string[],
  reach: Reach,
  profiles: readonly Profile[] = DEFAULT_PROFILES,
): Posture {
  return posture({ boundRunning: [], globalRunning, reach }, profiles);
}

/**
 * Whether a space's posture is the platform's own (`platformPosture`): every
 * space has it from the globally enabled groups, whatever is bound, so the
 * space cannot close it by itself.
 */
export function isPlatformWide(posture: Posture, platform: Posture): boolean {
  return platform !== "closed" && posture === platform;
}
