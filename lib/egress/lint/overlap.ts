import type { Lifecycle } from "../space";
import type { ParsedRule } from "../rules";
import { ruleInside, ruleKey } from "./rule-sets";
import { ruleName, type Finding, type LintGroup } from "./types";

/**
 * Duplicate and shadowed rules. A rule is shadowed when another single rule
 * allows every packet it allows: one of the same group, or one of a
 * platform-wide group that applies wherever this group does. Only those are
 * compared (never every rule of every group), so the cost is the group's
 * rules squared plus its rules times the platform-wide rules.
 */

/** A platform-wide group's readable rules, parsed once per page. */
export type PlatformRules = { group: LintGroup; rules: readonly ParsedRule[] };

/** Where a group applies: its bound lifecycles and its own platform-wide ones; both when unknown. */
function lifecyclesOf(group: LintGroup): Lifecycle[] {
  const used = new Set<Lifecycle>(group.boundFor);
  if (group.global.running) used.add("running");
  if (group.global.staging) used.add("staging");
  return used.size === 0 ? ["running", "staging"] : [...used];
}

/** Platform-wide groups that apply everywhere this group applies; ties between two such groups go one way only. */
function shadowingGroups(group: LintGroup, platform: readonly PlatformRules[]): PlatformRules[] {
  const need = lifecyclesOf(group);
  return platform.filter(
    (p) => p.group.guid !== group.guid && need.every((lifecycle) => p.group.global[lifecycle]),
  );
}

/** Equal rules in two platform-wide groups would each shadow the other; only the later group (by name) is told. */
function mayShadowEqual(group: LintGroup, other: LintGroup): boolean {
  if (!(group.global.running || group.global.staging)) return true;
  return (
    other.name.localeCompare(group.name, "en") < 0 || (other.name === group.name && other.guid < group.guid)
  );
}

/** A distinct rule of the group, with the hull of its IPv4 addresses for a cheap first test. */
export type Distinct = { rule: ParsedRule; key: string; lo4: number; hi4: number };

export function distinctOf(rule: ParsedRule, key: string): Distinct {
  const v4 = rule.addresses.v4;
  const first = v4[0];
  const last = v4[v4.length - 1];
  // No IPv4 addresses: an empty hull, which any rule's hull holds (the full test decides).
  return first && last
    ? { rule, key, lo4: first.lo, hi4: last.hi }
    : { rule, key, lo4: Infinity, hi4: -Infinity };
}

/**
 * Whether `outer` may hold `inner`: the same protocol (or `all`) and an IPv4 hull around inner's.
 * A necessary condition of `ruleInside` (outer's intervals are merged and sorted), tested first
 * because a group of hundreds of rules compares every pair: most pairs fail here, on numbers.
 */
export function mayHold(outer: Distinct, inner: Distinct): boolean {
  return (
    (outer.rule.protocol === "all" || outer.rule.protocol === inner.rule.protocol) &&
    outer.lo4 <= inner.lo4 &&
    outer.hi4 >= inner.hi4
  );
}

export function overlapFindings(
  group: LintGroup,
  rules: readonly ParsedRule[],
  platform: readonly PlatformRules[],
): Finding[] {
  const findings: Finding[] = [];
  const firstByKey = new Map<string, number>();
  const distinct: Distinct[] = [];
  for (const rule of rules) {
    const key = ruleKey(rule);
    const first = firstByKey.get(key);
    if (first !== undefined) {
      findings.push({
        kind: "duplicate",
        severity: "info",
        ruleIndex: rule.ruleIndex,
        sentence: `${ruleName(rule.ruleIndex)} repeats ${ruleName(first).toLowerCase()}: it allows exactly the same traffic.`,
        fix: `Remove ${ruleName(rule.ruleIndex).toLowerCase()}.`,
      });
    } else {
      firstByKey.set(key, rule.ruleIndex);
      distinct.push(distinctOf(rule, key));
    }
  }

  const others = shadowingGroups(group, platform);
  for (const entry of distinct) {
    const { rule, key } = entry;
    const inGroup = distinct.find(
      (o) => o !== entry && mayHold(o, entry) && o.key !== key && ruleInside(rule, o.rule),
    );
    if (inGroup) {
      findings.push({
        kind: "shadowed",
        severity: "info",
        ruleIndex: rule.ruleIndex,
        sentence: `${ruleName(rule.ruleIndex)} adds nothing: ${ruleName(inGroup.rule.ruleIndex).toLowerCase()} of this group already allows all the traffic it allows.`,
        fix: `Remove ${ruleName(rule.ruleIndex).toLowerCase()}, or narrow ${ruleName(inGroup.rule.ruleIndex).toLowerCase()} if it allows more than intended.`,
      });
      continue;
    }
    for (const other of others) {
      const outer = other.rules.find(
        (o) => ruleInside(rule, o) && (ruleKey(o) !== key || mayShadowEqual(group, other.group)),
      );
      if (!outer) continue;
      findings.push({
        kind: "shadowed",
        severity: "info",
        ruleIndex: rule.ruleIndex,
        sentence: `${ruleName(rule.ruleIndex)} adds nothing: ${ruleName(outer.ruleIndex).toLowerCase()} of the platform-wide group ${other.group.name} already allows all the traffic it allows, wherever this group applies.`,
        fix: `Remove ${ruleName(rule.ruleIndex).toLowerCase()}, unless ${other.group.name} may stop being platform-wide.`,
      });
      break;
    }
  }
  return findings;
}
