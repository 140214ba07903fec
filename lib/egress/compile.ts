import type { AddressSet } from "./address";
import { endpointAsRule, type Catalog } from "./catalog";
import { CompiledGroups } from "./compiled-groups";
import { EndpointIndex } from "./endpoint-index";
import { parseRulesOnce, type CfRule, type ParsedRule, type Protocol, type RuleProblem } from "./rules";
import { covers, intersect, type Coord, type Interval, type Rect } from "./sets";

/**
 * Precomputation that makes evaluating thousands of spaces cheap: each
 * catalog endpoint becomes a set of disjoint target rectangles, and each
 * distinct group is clipped once against the endpoints its rules can touch
 * (found through an index by address and protocol, ./endpoint-index.ts), and
 * remembered across requests by its rules (./compiled-groups.ts). Evaluating a
 * space is then only gathering these pieces and, when no single group settles
 * an endpoint, an exact coverage check of their union.
 */

type EndpointProtocol = Exclude<Protocol, "icmpv6">;

export type CompiledEndpoint = {
  protocol: EndpointProtocol;
  addresses: AddressSet;
  targets4: Rect<number>[];
  targets6: Rect<bigint>[];
};

export type CompiledDestination = {
  id: string;
  label: string;
  governed: boolean;
  endpoints: CompiledEndpoint[];
};

/** What one group allows of one endpoint. */
export type EndpointCover = {
  /** Clipped pieces per target (same index as the endpoint's targets), from rules that carry its protocol. */
  pieces4: Rect<number>[][];
  pieces6: Rect<bigint>[][];
  /** The group alone allows all of the endpoint's traffic. */
  full: boolean;
};

/** What one group allows of one destination; absent when it allows none of its traffic. */
export type DestinationCover = {
  /** Per endpoint of the destination; absent for an endpoint the group does not touch. */
  endpoints: (EndpointCover | undefined)[];
  /** Rule indexes (ascending) that allow some traffic to the destination. */
  ruleIndexes: number[];
};

export type CompiledGroup = {
  problems: RuleProblem[];
  /** Per catalog destination (same index). */
  destinations: (DestinationCover | undefined)[];
};

export type CompiledCatalog = {
  destinations: CompiledDestination[];
  /** The governed destinations' endpoints by address and protocol. */
  index: EndpointIndex;
  /** Per rules array: one request's groups, each looked up once. */
  groups: WeakMap<readonly CfRule[], CompiledGroup>;
  /** Per rules content, across requests, bounded. */
  byRules: CompiledGroups<CompiledGroup>;
};

function product<T extends Coord>(
  addresses: readonly Interval<T>[],
  services: readonly Interval<number>[],
): Rect<T>[] {
  return addresses.flatMap((addr) => services.map((service) => ({ addr, service })));
}

function compileEndpoint(rule: ParsedRule): CompiledEndpoint {
  if (rule.protocol === "icmpv6") throw new Error("catalog endpoints cannot use icmpv6");
  return {
    protocol: rule.protocol,
    addresses: rule.addresses,
    targets4: product(rule.addresses.v4, rule.services),
    targets6: product(rule.addresses.v6, rule.services),
  };
}

const compiledCatalogs = new WeakMap<Catalog, CompiledCatalog>();

/** The catalog in set form, built once per catalog object. */
export function compileCatalog(catalog: Catalog): CompiledCatalog {
  let compiled = compiledCatalogs.get(catalog);
  if (compiled === undefined) {
    const destinations = catalog.destinations.map((d) => ({
      id: d.id,
      label: d.label,
      governed: d.asg_governed,
      endpoints: d.endpoints.map((e) => compileEndpoint(endpointAsRule(e))),
    }));
    compiled = {
      destinations,
      index: new EndpointIndex(destinations.map((d) => (d.governed ? d.endpoints : null))),
      groups: new WeakMap(),
      byRules: new CompiledGroups(),
    };
    compiledCatalogs.set(catalog, compiled);
  }
  return compiled;
}

/**
 * Whether traffic allowed by a rule of protocol `rule` can be traffic of an
 * endpoint of protocol `endpoint`. `all` carries every protocol; an icmp rule
 * never carries tcp or udp.
 */
function carries(endpoint: EndpointProtocol, rule: Protocol): boolean {
  return rule === "all" || rule === endpoint;
}

/** Adds the parts of a rule inside each target to `into`; says whether there were any. */
function clipInto<T extends Coord>(
  into: Rect<T>[][],
  targets: readonly Rect<T>[],
  addresses: readonly Interval<T>[],
  services: readonly Interval<number>[],
): boolean {
  let any = false;
  for (let t = 0; t < targets.length; t++) {
    const target = targets[t];
    const pieces = into[t];
    if (target === undefined || pieces === undefined) continue;
    for (const addr of addresses) {
      const a = intersect(target.addr, addr);
      if (a === undefined) continue;
      for (const service of services) {
        const s = intersect(target.service, service);
        if (s === undefined) continue;
        pieces.push({ addr: a, service: s });
        any = true;
      }
    }
  }
  return any;
}

function overlaps<T extends Coord>(a: readonly Interval<T>[], b: readonly Interval<T>[]): boolean {
  for (const x of a) for (const y of b) if (x.lo < y.hi && y.lo < x.hi) return true;
  return false;
}

function coverEndpoint(endpoint: CompiledEndpoint, rules: readonly ParsedRule[]): [EndpointCover, number[]] {
  const pieces4: Rect<number>[][] = endpoint.targets4.map(() => []);
  const pieces6: Rect<bigint>[][] = endpoint.targets6.map(() => []);
  const touching: number[] = [];
  for (const rule of rules) {
    // Most rules of most groups are about other addresses; settle those without allocating.
    const hit4 = overlaps(endpoint.addresses.v4, rule.addresses.v4);
    const hit6 = overlaps(endpoint.addresses.v6, rule.addresses.v6);
    if (!hit4 && !hit6) continue;
    if (carries(endpoint.protocol, rule.protocol)) {
      const in4 = hit4 && clipInto(pieces4, endpoint.targets4, rule.addresses.v4, rule.services);
      const in6 = hit6 && clipInto(pieces6, endpoint.targets6, rule.addresses.v6, rule.services);
      if (in4 || in6) touching.push(rule.ruleIndex);
    } else if (endpoint.protocol === "all") {
      // An `all` endpoint includes every protocol, so any rule to its addresses allows some of its traffic.
      touching.push(rule.ruleIndex);
    }
  }
  const full =
    touching.length > 0 &&
    endpoint.targets4.every((t, i) => covers(t, pieces4[i] ?? [])) &&
    endpoint.targets6.every((t, i) => covers(t, pieces6[i] ?? []));
  return [{ pieces4, pieces6, full }, touching];
}

function compileGroupUncached(catalog: CompiledCatalog, rules: readonly CfRule[]): CompiledGroup {
  const parsed = parseRulesOnce(rules);
  // Per endpoint, the rules (in order) that may touch it; coverEndpoint settles each exactly.
  const candidates: ParsedRule[][] = catalog.index.refs.map(() => []);
  for (const rule of parsed.rules) {
    catalog.index.touched(rule.protocol, rule.addresses, (ref) => candidates[ref]?.push(rule));
  }
  let ref = 0;
  return {
    problems: parsed.problems,
    destinations: catalog.destinations.map((destination) => {
      if (!destination.governed) return undefined;
      const indexes = new Set<number>();
      const endpoints = destination.endpoints.map((endpoint) => {
        const rulesHere = candidates[ref++] ?? [];
        if (rulesHere.length === 0) return undefined;
        const [cover, touching] = coverEndpoint(endpoint, rulesHere);
        for (const index of touching) indexes.add(index);
        return touching.length > 0 ? cover : undefined;
      });
      if (indexes.size === 0) return undefined;
      return { endpoints, ruleIndexes: [...indexes].sort((a, b) => a - b) };
    }),
  };
}

/**
 * A group's rules against the catalog: once per rules array within a request
 * (treated as immutable), and across requests once per rules content.
 */
export function compileGroup(catalog: CompiledCatalog, rules: readonly CfRule[]): CompiledGroup {
  let compiled = catalog.groups.get(rules);
  if (compiled === undefined) {
    compiled = catalog.byRules.get(rules, () => compileGroupUncached(catalog, rules));
    catalog.groups.set(rules, compiled);
  }
  return compiled;
}
