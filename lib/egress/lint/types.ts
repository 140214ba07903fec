import type { Catalog } from "../catalog";
import type { Lifecycle } from "../space";
import type { Profile } from "../profiles";
import type { CfRule, ParsedRule } from "../rules";

/**
 * Group lint (docs/design.md §13): findings about a security group's rules,
 * computed by pure code over the rules the user can see. Each finding has a
 * severity, one sentence saying what is wrong and one saying how to fix it.
 */

export type Severity = "error" | "warning" | "info";

export const FINDING_KINDS = [
  "all-open",
  "icmp-any",
  "spaced-ports",
  "shadowed",
  "duplicate",
  "bound-nowhere",
  "too-many-destinations",
  "platform-network-public",
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

export type Finding = {
  kind: FindingKind;
  severity: Severity;
  /** 0-based index of the rule concerned; absent for a finding about the whole group. */
  ruleIndex?: number;
  /** What is wrong, in one sentence that names the rule ("Rule 2 …"). */
  sentence: string;
  /** What to do about it. */
  fix: string;
};

/** A group as lint reads it: what CF showed the user. */
export type LintGroup = {
  guid: string;
  name: string;
  rules: readonly CfRule[];
  global: Readonly<Record<Lifecycle, boolean>>;
  /** The lifecycles the group is bound for in the spaces the user can see (empty: no visible binding). */
  boundFor: readonly Lifecycle[];
};

/** A catalog endpoint in a platform (internal) network, ready to compare with rules. */
export type PlatformEndpoint = { label: string; destination: string; rule: ParsedRule };

/** What lint needs besides the group; build it once per page with `lintContext`. */
export type LintContext = {
  /** DYNAMIC_ASGS: whether ASG changes reach running apps without a restart (docs/cf-behaviour.md §2.5). */
  dynamicAsgs: boolean;
  /**
   * The user reads the whole platform (admin, admin read-only, global auditor): only then is a
   * group with no visible binding bound nowhere (docs/cf-behaviour.md §2.3).
   */
  seesAllBindings: boolean;
  /** The platform-wide groups the user sees, for shadowing. */
  platformWide: readonly LintGroup[];
  /** The public-egress profiles' labels, by the name of their group. */
  publicGroups: ReadonlyMap<string, string>;
  /** The catalog's endpoints in internal networks. */
  platformEndpoints: readonly PlatformEndpoint[];
};

export type LintInputs = {
  dynamicAsgs: boolean;
  seesAllBindings: boolean;
  catalog: Catalog;
  profiles: readonly Profile[];
};

/** "Rule 3", as the rules table numbers rules. */
export function ruleName(ruleIndex: number): string {
  return `Rule ${ruleIndex + 1}`;
}
