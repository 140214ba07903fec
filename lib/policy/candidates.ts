import { evaluateLifecycle, NOT_ASG_GOVERNED_NOTE, reachOf, type CfRule, type Profile } from "@/lib/egress";
import { destinationLabel } from "./describe";
import { POSTURE_PROFILES, type PolicyContext, type Requirement } from "./schema";
import type { RunningGroups, SpaceState } from "./state";

/**
 * Which operations can bring a space to a requirement. The operations a user
 * could try are: unbind any bound group, and bind a profile group they can see
 * that is not already applying. (Binding some other visible group to satisfy
 * a policy would be a surprise; a person does that deliberately, under
 * "Advanced".) Reasoning per kind of requirement cuts that down:
 *
 * - posture, profile, must not reach: every operation is *forced*. Each custom
 *   group, unwanted profile and group letting traffic through must go, and
 *   each wanted profile must come; nothing else helps, since adding a group
 *   never takes traffic away and removing one never adds any. So the forced
 *   set is the one smallest plan.
 * - must reach: adding groups only adds traffic, so unbinds never help; the
 *   *optional* operations are binds of profile groups that allow some traffic
 *   to the destination, in the configured profile order, and the planner
 *   searches their subsets by size.
 *
 * A group enabled platform-wide cannot be removed by unbinding: a requirement
 * that needs it gone is unattainable, as is one that needs a group the user
 * cannot see.
 */

export type PlanGroup = { guid: string; name: string; rules: readonly CfRule[] };
export type Op = { action: "bind" | "unbind"; group: PlanGroup };

export type Candidates =
  | {
      ok: true;
      forced: Op[];
      optional: Op[];
      /** Why, if no subset of the optional operations works. */
      noPlan: string;
    }
  | { ok: false; reason: string };

type CandidateContext = PolicyContext & { visibleGroups: readonly PlanGroup[] };

export const invisible = (p: Profile) =>
  `${p.label} is not visible to you: an administrator must make ${p.group} available to your org first`;
export const platformWide = (group: string) =>
  `${group} is enabled platform-wide; unbinding cannot remove it`;

const NETWORK_WORDS: Record<string, string> = {
  public: "Public destinations",
  "trusted-local": "Brokered (private) destinations",
};

/** Why a network stays open: the platform-wide groups that reach it. */
function platformReaches(id: string, global: readonly PlanGroup[], context: PolicyContext): string {
  const names = global
    .filter((g) => {
      const reach = reachOf(evaluateLifecycle([g], context.catalog).destinations, context.catalog);
      return id === "public" ? reach.public : reach.local;
    })
    .map((g) => g.name);
  return `${NETWORK_WORDS[id] ?? id} are reachable through ${names.join(", ")}, enabled platform-wide; unbinding cannot close them`;
}

function outcome(forced: Op[], reasons: string[], optional: Op[] = [], noPlan?: string): Candidates {
  if (reasons.length > 0) return { ok: false, reason: reasons.join("; ") };
  return {
    ok: true,
    forced,
    optional,
    noPlan: noPlan ?? "No change of this space's bindings meets the rule",
  };
}

export function candidatesFor(
  requirement: Requirement,
  before: SpaceState,
  running: RunningGroups<PlanGroup>,
  context: CandidateContext,
): Candidates {
  const unbind = (name: string): Op[] =>
    running.bound.filter((g) => g.name === name).map((group) => ({ action: "unbind", group }));
  const visible = (name: string) => context.visibleGroups.find((g) => g.name === name);
  const isGlobal = (name: string) => running.global.some((g) => g.name === name);
  const forced: Op[] = [];
  const reasons: string[] = [];

  /** Make a profile apply (`on`) or stop applying, as forced operations or reasons why not. */
  const want = (profile: Profile, on: boolean) => {
    const state = before.profiles[profile.id] ?? "off";
    if (on && state === "off") {
      const group = visible(profile.group);
      if (group === undefined) reasons.push(invisible(profile));
      else forced.push({ action: "bind", group });
    } else if (!on && (state === "global" || state === "bound-and-global")) {
      reasons.push(platformWide(profile.group));
    } else if (!on && state === "bound") {
      forced.push(...unbind(profile.group));
    }
  };

  if ("posture" in requirement) {
    const wanted = POSTURE_PROFILES[requirement.posture];
    // The posture reads what the engine finds reachable as profiles too (lib/egress/posture.ts):
    // what the platform-wide groups reach stays whatever is bound, so a wanted profile whose
    // network they reach already need not be bound, and an unwanted one cannot be closed.
    const platform = reachOf(
      evaluateLifecycle(running.global, context.catalog).destinations,
      context.catalog,
    );
    const byPlatform = (id: string) =>
      (id === "public" && platform.public) || (id === "trusted-local" && platform.local);
    for (const id of ["public", "trusted-local"]) {
      const state = before.profiles[id] ?? "off";
      // A platform-wide profile group is reported by want() below, in its own words.
      if (wanted.includes(id) || !byPlatform(id) || state === "global" || state === "bound-and-global")
        continue;
      reasons.push(platformReaches(id, running.global, context));
    }
    for (const id of wanted) {
      if (!byPlatform(id) && !context.profiles.some((p) => p.id === id))
        reasons.push(`No profile "${id}" is configured`);
    }
    for (const profile of context.profiles) {
      const wantIt = wanted.includes(profile.id);
      if (wantIt && byPlatform(profile.id) && (before.profiles[profile.id] ?? "off") === "off") continue;
      want(profile, wantIt);
    }
    for (const name of before.customGroups) forced.push(...unbind(name));
    return outcome(forced, reasons);
  }

  if ("profile" in requirement) {
    const profile = context.profiles.find((p) => p.id === requirement.profile);
    if (profile === undefined)
      return { ok: false, reason: `No profile "${requirement.profile}" is configured` };
    want(profile, requirement.present);
    return outcome(forced, reasons);
  }

  const { destination } = requirement;
  const label = destinationLabel(context, destination);
  const governed = context.catalog.destinations.find((d) => d.id === destination)?.asg_governed ?? false;
  if (!governed) {
    return {
      ok: false,
      reason: `${label} is not decided by security groups: it is ${NOT_ASG_GOVERNED_NOTE}`,
    };
  }

  if (!requirement.reachable) {
    for (const name of before.touchedBy[destination] ?? []) {
      if (isGlobal(name)) reasons.push(`${platformWide(name)}, and it lets traffic to ${label} through`);
      else forced.push(...unbind(name));
    }
    return outcome(forced, reasons);
  }

  const index = context.catalog.destinations.findIndex((d) => d.id === destination);
  const touches = (group: PlanGroup) =>
    evaluateLifecycle([group], context.catalog).destinations[index]?.status !== "blocked";
  const optional: Op[] = [];
  const hidden: string[] = [];
  for (const profile of context.profiles) {
    if ((before.profiles[profile.id] ?? "off") !== "off") continue;
    const group = visible(profile.group);
    if (group === undefined) hidden.push(invisible(profile));
    else if (touches(group)) optional.push({ action: "bind", group });
  }
  const noPlan =
    hidden.length > 0
      ? `${label} cannot be reached with the profiles you can bind; ${hidden.join("; ")}`
      : `No profile opens ${label} fully: an administrator must provide a security group that does`;
  return outcome([], [], optional, noPlan);
}
