import { describeDefault, describeRule } from "./describe";
import { decidingRule, unmetFacts } from "./evaluate";
import type { Policy, PolicyContext } from "./schema";
import type { SpaceState } from "./state";

/**
 * The policy at the point of change (docs/design.md §10): what the org's
 * policy says of a space before and after a bind or unbind, judged by the
 * very test the matrix uses (`unmetFacts` under the deciding rule), so a
 * dialog cannot warn of what the matrix would not show, nor stay silent about
 * what it would.
 */

/** A rule as the policy page lists it: its number (or the default) and its words, with its note. */
export type RuleRef = { rule: number | "default"; words: string; note: string | null };

export function ruleRef(policy: Policy, rule: number | "default", context: PolicyContext): RuleRef {
  if (rule === "default") return { rule, words: describeDefault(policy, context) ?? "", note: null };
  const found = policy.rules[rule - 1];
  return found === undefined
    ? { rule, words: "", note: null }
    : { rule, words: describeRule(found, context), note: found.note ?? null };
}

/**
 * - `unjudged`: no rule decides for the space;
 * - `complies`: it complies before and after;
 * - `fixes`: it violates now and would comply;
 * - `violates`: it complies now and would violate;
 * - `still-violates`: it violates now and still would. `reasons` are the facts after the change.
 */
export type PolicyAtChange =
  | { verdict: "unjudged" }
  | { verdict: "complies" | "fixes"; rule: RuleRef }
  | { verdict: "violates" | "still-violates"; rule: RuleRef; reasons: string[] };

export function policyAtChange(
  before: SpaceState,
  after: SpaceState,
  policy: Policy,
  context: PolicyContext,
): PolicyAtChange {
  const { rule, requirement } = decidingRule(policy, after.name);
  if (rule === null || requirement === null) return { verdict: "unjudged" };
  const was = unmetFacts(requirement, before, context);
  const will = unmetFacts(requirement, after, context);
  const ref = ruleRef(policy, rule, context);
  if (will.length === 0) return { verdict: was.length === 0 ? "complies" : "fixes", rule: ref };
  return { verdict: was.length === 0 ? "violates" : "still-violates", rule: ref, reasons: will };
}

/** A space's standing as it is: no rule decides, or the deciding rule and the facts that miss it (none: complies). */
export type SpaceStanding =
  { verdict: "unjudged" } | { verdict: "complies" | "violates"; rule: RuleRef; reasons: string[] };

export function standingOf(state: SpaceState, policy: Policy, context: PolicyContext): SpaceStanding {
  const { rule, requirement } = decidingRule(policy, state.name);
  if (rule === null || requirement === null) return { verdict: "unjudged" };
  const reasons = unmetFacts(requirement, state, context);
  return {
    verdict: reasons.length === 0 ? "complies" : "violates",
    rule: ruleRef(policy, rule, context),
    reasons,
  };
}
