import { parseAddress } from "./address";
import { asRule, type Catalog } from "./catalog";
import type { SecurityGroup } from "./evaluate";
import type { Profile } from "./profiles";
import { parseRulesOnce, type CfRule } from "./rules";
import { contains } from "./sets";

/**
 * "Can this space reach 203.0.113.7 tcp 8443?" The address is an IP address:
 * resolving a host name happens elsewhere, and the caller says where it was
 * resolved. ICMP asks about one message, by default an echo request (what
 * `ping` sends): type 8 for icmp, 128 for icmpv6, code 0.
 */
export type ReachQuery = {
  address: string;
  protocol: "tcp" | "udp" | "icmp" | "icmpv6";
  port?: number;
  type?: number;
  code?: number;
};

export type ReachProblem = { field: "address" | "protocol" | "port" | "type" | "code"; reason: string };

export type ReachAnswer =
  | { ok: true; allowed: boolean; by?: { group: string; ruleIndex: number; rule: CfRule } }
  | { ok: false; problem: ReachProblem };

function fail(field: ReachProblem["field"], reason: string): ReachAnswer {
  return { ok: false, problem: { field, reason } };
}

function isByte(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 255;
}

/** The query's point on the rules' service axis (see `ParsedRule`), or a problem. */
function servicePoint(query: ReachQuery): number | ReachAnswer {
  if (query.protocol === "tcp" || query.protocol === "udp") {
    const { port } = query;
    if (port === undefined) return fail("port", `a port is needed for ${query.protocol}`);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      return fail("port", "port must be a whole number from 1 to 65535");
    }
    return port;
  }
  const type = query.type ?? (query.protocol === "icmp" ? 8 : 128);
  const code = query.code ?? 0;
  if (!isByte(type)) return fail("type", "ICMP type must be a whole number from 0 to 255");
  if (!isByte(code)) return fail("code", "ICMP code must be a whole number from 0 to 255");
  return type * 256 + code;
}

/**
 * Whether any applying group allows the packet, and the first rule that does
 * (groups in the order given, then rule order). Unreadable rules allow nothing.
 */
export function canReach(groups: readonly SecurityGroup[], query: ReachQuery): ReachAnswer {
  const parsed = parseAddress(query.address.trim());
  if (!parsed.ok) return fail("address", `"${query.address}" is not an IPv4 or IPv6 address`);
  const address = parsed.value;
  if (query.protocol === "icmp" && address.family === 6) {
    return fail("protocol", "use icmpv6 for an IPv6 address");
  }
  if (query.protocol === "icmpv6" && address.family === 4) {
    return fail("protocol", "use icmp for an IPv4 address");
  }
  const service = servicePoint(query);
  if (typeof service !== "number") return service;

  for (const group of groups) {
    for (const rule of parseRulesOnce(group.rules).rules) {
      if (rule.protocol !== "all" && rule.protocol !== query.protocol) continue;
      if (!rule.services.some((s) => contains(s, service))) continue;
      const hit =
        address.family === 4
          ? rule.addresses.v4.some((a) => contains(a, address.value))
          : rule.addresses.v6.some((a) => contains(a, address.value));
      const original = group.rules[rule.ruleIndex];
      if (hit && original !== undefined) {
        return {
          ok: true,
          allowed: true,
          by: { group: group.name, ruleIndex: rule.ruleIndex, rule: original },
        };
      }
    }
  }
  return { ok: true, allowed: false };
}

/** A profile the space does not have for running, with its group when the user can see it. */
export type ReachCandidate = { profile: Profile; group: SecurityGroup | null };

/** The profile that would let the packet through; `available`: the user can see its group. */
export type ReachFix = { profile: Profile; available: boolean };

/**
 * Which profile, turned on, would let a refused packet through: first by the
 * engine on the rules of each candidate whose group the user sees (the
 * space's groups plus that one, as binding it would make them), then, for a
 * group CF hides from the user, by the platform file's word: the endpoints of
 * the destinations the profile is declared to open (docs/platform-file.md).
 * Null when no profile would.
 */
export function reachFix(
  running: readonly SecurityGroup[],
  candidates: readonly ReachCandidate[],
  catalog: Catalog,
  query: ReachQuery,
): ReachFix | null {
  const allows = (groups: readonly SecurityGroup[]) => {
    const answer = canReach(groups, query);
    return answer.ok && answer.allowed;
  };
  for (const { profile, group } of candidates) {
    if (group && allows([...running, group])) return { profile, available: true };
  }
  for (const { profile, group } of candidates) {
    if (group) continue;
    const opens = new Set(profile.opens ?? []);
    const rules = catalog.destinations.filter((d) => opens.has(d.id)).flatMap((d) => d.endpoints.map(asRule));
    if (allows([{ name: profile.group, rules }])) return { profile, available: false };
  }
  return null;
}

/** One address a host resolved to, and whether the space's running apps may reach it. */
export type ReachAddress = {
  address: string;
  allowed: boolean;
  by?: { group: string; ruleIndex: number };
  /** For an address not allowed: the profile that would open it, or null when none would. */
  fix?: ReachFix | null;
};

/** The answer to "can my app reach …?": the addresses the host resolved to, or why there is none. */
export type ReachResult =
  | { ok: false; message: string }
  | {
      ok: true;
      host: string;
      /** The host was a name, resolved from the dashboard's network (the app's DNS may differ). */
      resolved: boolean;
      protocol: "tcp" | "udp" | "icmp";
      port?: number;
      answers: ReachAddress[];
    };
