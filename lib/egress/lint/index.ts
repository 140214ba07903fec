import { parseRulesOnce } from "../rules";
import { boundNowhere, tooManyDestinations } from "./group-findings";
import { overlapFindings, type PlatformRules } from "./overlap";
import { platformEndpoints, platformNetworkFindings, publicGroups } from "./platform-networks";
import { allOpen, allOpenTogether, icmpAny, spacedPorts } from "./rule-findings";
import type { Finding, LintContext, LintGroup, LintInputs, Severity } from "./types";

export { FINDING_KINDS, type Finding, type FindingKind, type LintGroup, type Severity } from "./types";

/**
 * Group lint (docs/design.md §13): every finding for a group, errors first.
 * Pure and synchronous, over what CF showed the user; rules that cannot be
 * read are reported elsewhere (the engine's rule problems) and skipped here.
 */

/** The page-wide part of lint, built once: platform-wide groups' rules are parsed here, not per group. */
export function lintContext(inputs: LintInputs, groupsSeen: readonly LintGroup[]): LintContext {
  return {
    dynamicAsgs: inputs.dynamicAsgs,
    seesAllBindings: inputs.seesAllBindings,
    platformWide: groupsSeen.filter((g) => g.global.running || g.global.staging),
    publicGroups: publicGroups(inputs.profiles),
    platformEndpoints: platformEndpoints(inputs.catalog),
  };
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function byImportance(a: Finding, b: Finding): number {
  return ORDER[a.severity] - ORDER[b.severity] || (a.ruleIndex ?? -1) - (b.ruleIndex ?? -1);
}

const platformCache = new WeakMap<LintContext, readonly PlatformRules[]>();

function platformRules(context: LintContext): readonly PlatformRules[] {
  let rules = platformCache.get(context);
  if (rules === undefined) {
    rules = context.platformWide.map((group) => ({ group, rules: parseRulesOnce(group.rules).rules }));
    platformCache.set(context, rules);
  }
  return rules;
}

export function lintGroup(group: LintGroup, context: LintContext): Finding[] {
  const { rules } = parseRulesOnce(group.rules);
  const findings: Finding[] = [];
  const push = (finding: Finding | null) => {
    if (finding) findings.push(finding);
  };

  for (const rule of rules) push(allOpen(rule));
  push(allOpenTogether(rules));
  group.rules.forEach((rule, index) => {
    // A null or non-object rule is the engine's rule problem, not a lint finding.
    if (typeof rule !== "object" || rule === null) return;
    push(icmpAny(rule, index, context.dynamicAsgs));
    push(spacedPorts(rule, index));
  });
  findings.push(...overlapFindings(group, rules, platformRules(context)));
  push(boundNowhere(group, context.seesAllBindings));
  push(tooManyDestinations(group));
  const profile = context.publicGroups.get(group.name);
  if (profile !== undefined)
    findings.push(...platformNetworkFindings(rules, profile, context.platformEndpoints));
  return findings.sort(byImportance);
}

/** Every group's findings, by guid; groups without findings are left out. */
export function lintGroups(groups: readonly LintGroup[], context: LintContext): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const group of groups) {
    const findings = lintGroup(group, context);
    if (findings.length > 0) out.set(group.guid, findings);
  }
  return out;
}

/** How many findings of each severity, for a count beside a group. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
