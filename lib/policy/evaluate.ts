import type { ProfileState } from "@/lib/egress";
import { describeDefault, describeRule, citeRule, destinationLabel, profileLabel } from "./describe";
import { compileGlob, prepareName, type CompiledGlob } from "./glob";
import { POSTURE_PROFILES, type Policy, type PolicyContext, type Requirement } from "./schema";
import type { SpaceState } from "./state";

/**
 * Whether a space complies with its org's policy, and why not, in words.
 * The first rule whose glob matches the space's name decides; then the
 * default; with neither, the space is not judged (compliant, rule null).
 */

export type Compliance = {
  compliant: boolean;
  /** The deciding rule, 1-based as people count; "default"; or null when nothing applies. */
  rule: number | "default" | null;
  /** The deciding rule in words ("prod* must not have public egress"), or null. */
  description: string | null;
  /** Empty when compliant; else one sentence per fact, each citing the rule. */
  reasons: string[];
};

export type Decision = { rule: number | "default" | null; requirement: Requirement | null };

/** Globs compiled once per policy object; a policy is parsed once and read for every space. */
const compiled = new WeakMap<Policy, (CompiledGlob | null)[]>();

function globsOf(policy: Policy): (CompiledGlob | null)[] {
  let globs = compiled.get(policy);
  if (globs === undefined) {
    // An invalid glob (a policy that skipped validation) matches nothing rather than throwing.
    globs = policy.rules.map((r) => {
      const result = compileGlob(r.spaces);
      return result.ok ? result.glob : null;
    });
    compiled.set(policy, globs);
  }
  return globs;
}

/** The rule that decides for a space name: first match wins, then the default. */
export function decidingRule(policy: Policy, spaceName: string): Decision {
  const name = prepareName(spaceName);
  const index = globsOf(policy).findIndex((g) => g?.matches(name) === true);
  const rule = policy.rules[index];
  if (rule !== undefined) return { rule: index + 1, requirement: rule.require };
  return policy.default === null
    ? { rule: null, requirement: null }
    : { rule: "default", requirement: policy.default };
}

function onWords(state: ProfileState): string {
  switch (state) {
    case "global":
      return "is on platform-wide";
    case "bound-and-global":
      return "is on (bound, and platform-wide)";
    case "bound":
    case "off":
      return "is on";
  }
}

const through = (groups: readonly string[] | undefined) =>
  groups !== undefined && groups.length > 0 ? ` through ${groups.join(", ")}` : "";

/**
 * The facts by which a space misses a requirement; none when it meets it.
 * Shared by evaluation and by the planner, so a plan is checked against the
 * very test that found the violation.
 */
export function unmetFacts(requirement: Requirement, state: SpaceState, context: PolicyContext): string[] {
  if ("posture" in requirement) {
    if (state.posture === requirement.posture) return [];
    const wanted = POSTURE_PROFILES[requirement.posture];
    const facts: string[] = [];
    for (const id of wanted) {
      if (!context.profiles.some((p) => p.id === id)) facts.push(`No profile "${id}" is configured`);
    }
    for (const profile of context.profiles) {
      const current = state.profiles[profile.id] ?? "off";
      const want = wanted.includes(profile.id);
      if (current !== "off" && !want) facts.push(`${profile.label} ${onWords(current)}`);
      if (current === "off" && want) facts.push(`${profile.label} is off`);
    }
    for (const group of state.customGroups) {
      facts.push(`Security group ${group} is bound, which makes the posture custom`);
    }
    return facts.length > 0 ? facts : [`The posture is ${state.posture}`];
  }
  if ("profile" in requirement) {
    const current = state.profiles[requirement.profile] ?? "off";
    const label = profileLabel(context, requirement.profile);
    if (requirement.present) return current === "off" ? [`${label} is off`] : [];
    return current === "off" ? [] : [`${label} ${onWords(current)}`];
  }
  const { destination } = requirement;
  const label = destinationLabel(context, destination);
  const status = state.destinations[destination] ?? "blocked";
  // "Reach" means every bit of one endpoint is allowed. Partial is not enough to
  // meet "must reach" (the app's own traffic may be among what is refused) and
  // is too much for "must not reach" (some traffic gets through).
  if (requirement.reachable) {
    if (status === "allowed") return [];
    return [status === "partial" ? `${label} is only partly reachable` : `${label} is blocked`];
  }
  if (status === "blocked") return [];
  const via = through(state.touchedBy[destination]);
  return [status === "partial" ? `${label} is partly reachable${via}` : `${label} is reachable${via}`];
}

/** The compliance of a space and the requirement that decided it (null when nothing applies). */
export function judge(
  state: SpaceState,
  policy: Policy,
  context: PolicyContext,
): { compliance: Compliance; requirement: Requirement | null } {
  const { rule, requirement } = decidingRule(policy, state.name);
  if (rule === null || requirement === null) {
    return { compliance: { compliant: true, rule: null, description: null, reasons: [] }, requirement: null };
  }
  const description =
    rule === "default"
      ? describeDefault(policy, context)
      : describeRule(policy.rules[rule - 1] ?? { spaces: "", require: requirement }, context);
  const facts = unmetFacts(requirement, state, context);
  const cite = citeRule(policy, rule, context);
  const reasons = facts.map((fact) => `${fact}; ${cite}`);
  return { compliance: { compliant: facts.length === 0, rule, description, reasons }, requirement };
}

/** One space against the policy. */
export function evaluateSpace(state: SpaceState, policy: Policy, context: PolicyContext): Compliance {
  return judge(state, policy, context).compliance;
}
