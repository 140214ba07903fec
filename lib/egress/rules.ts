import { parseDestination, type AddressSet } from "./address";
import { parsePorts } from "./ports";
import type { Interval } from "./sets";

/** A rule exactly as the CF API stores and returns it (`docs/cf-behaviour.md` §2.1). */
export type CfRule = {
  protocol: string;
  destination: string;
  ports?: string;
  type?: number;
  code?: number;
  description?: string;
  log?: boolean;
};

export const PROTOCOLS = ["tcp", "udp", "icmp", "icmpv6", "all"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export type RuleField = "rule" | "protocol" | "destination" | "ports" | "type" | "code";

/** Why a rule cannot be read; the UI shows `reason` beside the rule. */
export type RuleProblem = { ruleIndex: number; field: RuleField; reason: string };

/**
 * A rule as a set: its addresses × its services. The service axis is the port
 * for tcp and udp, `type * 256 + code` for ICMP, and everything for `all`, so
 * one rectangle arithmetic serves every protocol.
 */
export type ParsedRule = {
  ruleIndex: number;
  protocol: Protocol;
  addresses: AddressSet;
  services: readonly Interval<number>[];
};

export type RuleResult = { ok: true; rule: ParsedRule } | { ok: false; problem: RuleProblem };

/** Ports 0–65535 and ICMP (type, code) pairs both fit in [0, 65536). */
const EVERY_SERVICE: Interval<number> = Object.freeze({ lo: 0, hi: 65536 });

function isProtocol(value: unknown): value is Protocol {
  return typeof value === "string" && (PROTOCOLS as readonly string[]).includes(value);
}

/** CF's -1 means "every type" or "every code". */
function icmpServices(type: number, code: number): Interval<number>[] {
  if (type === -1 && code === -1) return [EVERY_SERVICE];
  if (code === -1) return [{ lo: type * 256, hi: type * 256 + 256 }];
  if (type !== -1) return [{ lo: type * 256 + code, hi: type * 256 + code + 1 }];
  return Array.from({ length: 256 }, (_, t) => ({ lo: t * 256 + code, hi: t * 256 + code + 1 }));
}

function isIcmpNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= -1 && value <= 255;
}

/**
 * Reads one rule. CF validated it when it was stored, but the engine checks
 * again so that a rule it cannot read is reported, never guessed at and never
 * thrown: the first problem found is returned, with the field it concerns.
 */
export function parseRule(rule: CfRule, ruleIndex: number): RuleResult {
  const fail = (field: RuleField, reason: string): RuleResult => ({
    ok: false,
    problem: { ruleIndex, field, reason },
  });
  // Typed input, but it comes from JSON: a null in a rules array must not crash a page.
  if (typeof rule !== "object" || rule === null) return fail("rule", "must be an object");
  const { protocol } = rule;
  if (!isProtocol(protocol))
    return fail("protocol", "protocol must be 'tcp', 'udp', 'icmp', 'icmpv6' or 'all'");
  if (typeof rule.destination !== "string") return fail("destination", "destination must be a string");

  const destination = parseDestination(rule.destination);
  if (!destination.ok) return fail("destination", destination.reason);
  const addresses = destination.value;
  if (protocol === "icmp" && addresses.v6.length > 0) {
    return fail("destination", 'for protocol "icmp" you cannot use IPv6 addresses');
  }
  if (protocol === "icmpv6" && addresses.v4.length > 0) {
    return fail("destination", 'for protocol "icmpv6" you cannot use IPv4 addresses');
  }

  if (protocol === "tcp" || protocol === "udp") {
    for (const field of ["type", "code"] as const) {
      if (rule[field] !== undefined)
        return fail(field, `the field '${field}' is not allowed for protocol ${protocol}`);
    }
    if (rule.ports === undefined)
      return fail("ports", "ports are required for protocols of type TCP and UDP");
    if (typeof rule.ports !== "string") return fail("ports", "ports must be a string");
    const ports = parsePorts(rule.ports);
    if (!ports.ok) return fail("ports", ports.reason);
    return { ok: true, rule: { ruleIndex, protocol, addresses, services: ports.value } };
  }

  if (protocol === "all") {
    if (rule.ports !== undefined) return fail("ports", "ports are not allowed for protocols of type all");
    for (const field of ["type", "code"] as const) {
      if (rule[field] !== undefined)
        return fail(field, `the field '${field}' is not allowed for protocol all`);
    }
    return { ok: true, rule: { ruleIndex, protocol, addresses, services: [EVERY_SERVICE] } };
  }

  if (rule.ports !== undefined) return fail("ports", `ports are not allowed for protocol ${protocol}`);
  for (const field of ["type", "code"] as const) {
    const value = rule[field];
    if (value === undefined) return fail(field, `${field} is required for protocols of type ICMP`);
    if (!isIcmpNumber(value))
      return fail(field, `${field} must be an integer between -1 and 255 (inclusive)`);
  }
  const services = icmpServices(rule.type ?? -1, rule.code ?? -1);
  return { ok: true, rule: { ruleIndex, protocol, addresses, services } };
}

/** Every rule of a group: the ones that can be read, and a problem for each one that cannot. */
export function parseRules(rules: readonly CfRule[]): { rules: ParsedRule[]; problems: RuleProblem[] } {
  const parsed: ParsedRule[] = [];
  const problems: RuleProblem[] = [];
  rules.forEach((rule, index) => {
    const result = parseRule(rule, index);
    if (result.ok) parsed.push(result.rule);
    else problems.push(result.problem);
  });
  return { rules: parsed, problems };
}

const parsedGroups = new WeakMap<readonly CfRule[], { rules: ParsedRule[]; problems: RuleProblem[] }>();

/**
 * `parseRules`, remembered per rules array. An org page evaluates the same few
 * groups for thousands of spaces; the arrays come from one CF response and are
 * treated as immutable values.
 */
export function parseRulesOnce(rules: readonly CfRule[]): { rules: ParsedRule[]; problems: RuleProblem[] } {
  let parsed = parsedGroups.get(rules);
  if (parsed === undefined) {
    parsed = parseRules(rules);
    parsedGroups.set(rules, parsed);
  }
  return parsed;
}
