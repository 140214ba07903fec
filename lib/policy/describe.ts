import type { Policy, PolicyContext, PolicyRule, Requirement } from "./schema";

/**
 * Rules in words, generated from the rule itself so the sentence a user reads
 * ("prod* must not have public egress") can never disagree with what is
 * checked. Labels come from the configured profiles and catalog.
 */

/**
 * "Public egress" → "public egress" inside a sentence; "VPN egress" or "S3"
 * stay as they are (the second character is not a lowercase letter).
 * Destination labels are used verbatim: they are mostly product names (RDS,
 * Redis) that an operator spelt on purpose.
 */
export function inSentence(label: string): string {
  const [first, second] = label;
  if (first === undefined || second === undefined) return label;
  return second !== second.toUpperCase() ? first.toLowerCase() + label.slice(1) : label;
}

export function profileLabel(context: PolicyContext, id: string): string {
  return context.profiles.find((p) => p.id === id)?.label ?? id;
}

export function destinationLabel(context: PolicyContext, id: string): string {
  return context.catalog.destinations.find((d) => d.id === id)?.label ?? id;
}

/** The predicate part: "must be closed", "must not have public egress", "must reach RDS". */
export function describeRequirement(requirement: Requirement, context: PolicyContext): string {
  const profile = (id: string) => inSentence(profileLabel(context, id));
  if ("posture" in requirement) {
    switch (requirement.posture) {
      case "closed":
        return "must be closed";
      case "trusted-local":
        return `must have ${profile("trusted-local")} only`;
      case "public":
        return `must have ${profile("public")} only`;
      case "both":
        return `must have both ${profile("public")} and ${profile("trusted-local")}`;
    }
  }
  if ("profile" in requirement) {
    return `must ${requirement.present ? "" : "not "}have ${profile(requirement.profile)}`;
  }
  return `must ${requirement.reachable ? "" : "not "}reach ${destinationLabel(context, requirement.destination)}`;
}

/** "sandbox* must be closed". */
export function describeRule(rule: PolicyRule, context: PolicyContext): string {
  return `${rule.spaces} ${describeRequirement(rule.require, context)}`;
}

/** The default in words: "other spaces must be closed", or "every space …" when there are no rules. */
export function describeDefault(policy: Policy, context: PolicyContext): string | null {
  if (policy.default === null) return null;
  const subject = policy.rules.length === 0 ? "every space" : "other spaces";
  return `${subject} ${describeRequirement(policy.default, context)}`;
}

/** How a reason names the deciding rule: "policy rule 2 'prod* must not have public egress'". */
export function citeRule(policy: Policy, rule: number | "default", context: PolicyContext): string {
  if (rule === "default") return `policy default '${describeDefault(policy, context) ?? ""}'`;
  const found = policy.rules[rule - 1];
  if (found === undefined) return `policy rule ${rule}`;
  const note = found.note === undefined ? "" : ` (${found.note})`;
  return `policy rule ${rule} '${describeRule(found, context)}'${note}`;
}
