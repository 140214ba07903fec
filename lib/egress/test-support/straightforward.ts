import { endpointAsRule, type Catalog } from "../catalog";
import {
  NOT_ASG_GOVERNED_NOTE,
  type DestinationResult,
  type GroupRuleProblem,
  type LifecycleEvaluation,
  type Provenance,
  type SecurityGroup,
} from "../evaluate";
import { parseRules, type ParsedRule, type Protocol } from "../rules";
import { covers, intersect, type Coord, type Interval, type Rect } from "../sets";

/**
 * The engine as it was before the endpoint index and the cross-request cache
 * of compiled groups: every rule of every applying group is clipped against
 * every endpoint of the catalog, and nothing is remembered from one call to
 * the next. Slow and plain on purpose: it is the reference the engine is held
 * to on random worlds (indexed.properties.test.ts), not something to speed up.
 */

type Target<T extends Coord> = Rect<T>;
type Endpoint = {
  protocol: Protocol;
  addresses: ParsedRule["addresses"];
  t4: Target<number>[];
  t6: Target<bigint>[];
};

const product = <T extends Coord>(a: readonly Interval<T>[], s: readonly Interval<number>[]) =>
  a.flatMap((addr) => s.map((service) => ({ addr, service })));

function endpointsOf(catalog: Catalog): Endpoint[][] {
  return catalog.destinations.map((d) =>
    d.endpoints.map((e) => {
      const rule = endpointAsRule(e);
      return {
        protocol: rule.protocol,
        addresses: rule.addresses,
        t4: product(rule.addresses.v4, rule.services),
        t6: product(rule.addresses.v6, rule.services),
      };
    }),
  );
}

const overlaps = <T extends Coord>(a: readonly Interval<T>[], b: readonly Interval<T>[]) =>
  a.some((x) => b.some((y) => x.lo < y.hi && y.lo < x.hi));

function clip<T extends Coord>(
  targets: readonly Target<T>[],
  addresses: readonly Interval<T>[],
  services: readonly Interval<number>[],
): Rect<T>[][] {
  return targets.map((target) =>
    addresses.flatMap((addr) => {
      const a = intersect(target.addr, addr);
      if (a === undefined) return [];
      return services.flatMap((service) => {
        const s = intersect(target.service, service);
        return s === undefined ? [] : [{ addr: a, service: s }];
      });
    }),
  );
}

/** What one group's rules allow of one endpoint: pieces per target, and the rules that touch it. */
function groupOnEndpoint(endpoint: Endpoint, rules: readonly ParsedRule[]) {
  const pieces4: Rect<number>[][] = endpoint.t4.map(() => []);
  const pieces6: Rect<bigint>[][] = endpoint.t6.map(() => []);
  const touching: number[] = [];
  for (const rule of rules) {
    const hit4 = overlaps(endpoint.addresses.v4, rule.addresses.v4);
    const hit6 = overlaps(endpoint.addresses.v6, rule.addresses.v6);
    if (!hit4 && !hit6) continue;
    if (rule.protocol === "all" || rule.protocol === endpoint.protocol) {
      const in4 = hit4 ? clip(endpoint.t4, rule.addresses.v4, rule.services) : [];
      const in6 = hit6 ? clip(endpoint.t6, rule.addresses.v6, rule.services) : [];
      in4.forEach((p, i) => pieces4[i]?.push(...p));
      in6.forEach((p, i) => pieces6[i]?.push(...p));
      if (in4.some((p) => p.length > 0) || in6.some((p) => p.length > 0)) touching.push(rule.ruleIndex);
    } else if (endpoint.protocol === "all") {
      touching.push(rule.ruleIndex);
    }
  }
  return { pieces4, pieces6, touching };
}

/** One lifecycle from the groups that apply (a name listed twice is one group; the first listing wins). */
export function straightforwardLifecycle(
  groups: readonly SecurityGroup[],
  catalog: Catalog,
): LifecycleEvaluation {
  const unique = groups.filter((g, i) => groups.findIndex((o) => o.name === g.name) === i);
  const parsed = unique.map((g) => ({ name: g.name, ...parseRules(g.rules) }));
  const endpoints = endpointsOf(catalog);
  const destinations = catalog.destinations.map((d, i): DestinationResult => {
    if (!d.asg_governed) {
      return {
        id: d.id,
        label: d.label,
        status: "allowed",
        governed: false,
        note: NOT_ASG_GOVERNED_NOTE,
        provenance: [],
      };
    }
    const provenance: Provenance[] = [];
    let some = false;
    let full = false;
    for (const endpoint of endpoints[i] ?? []) {
      const perGroup = parsed.map((g) => groupOnEndpoint(endpoint, g.rules));
      if (perGroup.some((g) => g.touching.length > 0)) some = true;
      const all4 = endpoint.t4.map((_, t) => perGroup.flatMap((g) => g.pieces4[t] ?? []));
      const all6 = endpoint.t6.map((_, t) => perGroup.flatMap((g) => g.pieces6[t] ?? []));
      const touched = perGroup.some((g) => g.touching.length > 0);
      if (
        touched &&
        endpoint.t4.every((target, t) => covers(target, all4[t] ?? [])) &&
        endpoint.t6.every((target, t) => covers(target, all6[t] ?? []))
      )
        full = true;
    }
    parsed.forEach((g) => {
      const indexes = new Set<number>();
      for (const endpoint of endpoints[i] ?? [])
        for (const index of groupOnEndpoint(endpoint, g.rules).touching) indexes.add(index);
      for (const ruleIndex of [...indexes].sort((a, b) => a - b))
        provenance.push({ group: g.name, ruleIndex });
    });
    return {
      id: d.id,
      label: d.label,
      status: full ? "allowed" : some ? "partial" : "blocked",
      governed: true,
      provenance,
    };
  });
  const problems: GroupRuleProblem[] = parsed.flatMap((g) =>
    g.problems.map((p) => ({ group: g.name, ...p })),
  );
  return { destinations, problems };
}
