import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SecurityGroup } from "@/lib/cf/schemas";
import { canReach } from "./reach";
import { parseReachSearch, type ReachSearchQuery } from "./reach-query";
import { relevantGroups, searchCatalog, searchReach, type SpaceReach } from "./reach-search";
import type { CfRule } from "./rules";
import { GroupIndex, spaceEgress } from "./space-egress";
import { DEFAULT_PROFILES } from "./profiles";
import { straightforwardLifecycle } from "./test-support/straightforward";

/**
 * "Who can reach this?" against the engine the matrix uses, space by space,
 * on random worlds (groups with rules, global flags and bindings) and random
 * questions: the search must give each space and lifecycle the status and
 * the provenance that the per-space evaluation gives the question as a
 * catalog destination (`spaceEgress`, as the space page runs it), and that the
 * straightforward reference engine gives. And, from outside the set
 * arithmetic, against single packets (`canReach`): `allowed` lets every
 * packet of the question through, `blocked` none. Seeded and bounded.
 */

const SPACES = ["s0", "s1", "s2", "s3", "s4", "s5"];

const v4 = fc.oneof(
  fc.integer({ min: 0, max: 63 }).map((o) => `10.0.0.${o}`),
  fc
    .tuple(fc.integer({ min: 0, max: 63 }), fc.constantFrom(26, 28, 30, 32))
    .map(([o, p]) => `10.0.0.${o}/${p}`),
  fc
    .tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: 63 }))
    .map(([a, b]) => `10.0.0.${Math.min(a, b)}-10.0.0.${Math.max(a, b)}`),
  fc.constantFrom("0.0.0.0/0", "10.0.0.0/8", "192.168.0.0/16"),
);
const v6 = fc.oneof(
  fc.integer({ min: 0, max: 63 }).map((o) => `2001:db8::${o.toString(16)}`),
  fc.constantFrom("::/0", "2001:db8::/120"),
);
const destinationText = (family: fc.Arbitrary<string>) =>
  fc.array(family, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(","));
const portsText = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map(String),
  fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }).map((ps) => ps.join(",")),
  fc.integer({ min: 1, max: 10 }).map((p) => `${p}-${p + 3}`),
);

const ruleArb: fc.Arbitrary<CfRule> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      protocol: fc.constantFrom("tcp", "udp"),
      destination: destinationText(fc.oneof(v4, v6)),
      ports: portsText,
    }),
  },
  { weight: 2, arbitrary: fc.record({ protocol: fc.constant("all"), destination: destinationText(v4) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      protocol: fc.constant("icmp"),
      destination: destinationText(v4),
      type: fc.constantFrom(-1, 0, 8),
      code: fc.constantFrom(-1, 0),
    }),
  },
);

const groupsArb = fc
  .array(
    fc.record({
      rules: fc.array(ruleArb, { maxLength: 5 }),
      globalRunning: fc.nat({ max: 5 }).map((n) => n === 0),
      globalStaging: fc.nat({ max: 5 }).map((n) => n === 0),
      running: fc.subarray(SPACES, { maxLength: 4 }),
      staging: fc.subarray(SPACES, { maxLength: 4 }),
    }),
    { maxLength: 10 },
  )
  .map((groups) =>
    groups.map((g, i): SecurityGroup => ({
      guid: `guid-${i}`,
      name: `g${i}`,
      created_at: "2026-01-05T10:00:00Z",
      updated_at: "2026-01-05T10:00:00Z",
      globally_enabled: { running: g.globalRunning, staging: g.globalStaging },
      rules: g.rules,
      relationships: {
        running_spaces: { data: g.running.map((guid) => ({ guid })) },
        staging_spaces: { data: g.staging.map((guid) => ({ guid })) },
      },
      links: { self: { href: `https://api.example/v3/security_groups/guid-${i}` } },
    })),
  );

/** A question with the addresses and ports it covers, so packets can be drawn from it. */
type Question = { query: ReachSearchQuery; lo: number; hi: number; portLo: number; portHi: number };

const questionArb: fc.Arbitrary<Question> = fc
  .record({
    a: fc.integer({ min: 0, max: 63 }),
    b: fc.integer({ min: 0, max: 63 }),
    shape: fc.constantFrom("address", "range", "cidr"),
    prefix: fc.constantFrom(28, 30, 32),
    protocol: fc.constantFrom("tcp", "udp", "icmp", "all"),
    port: fc.integer({ min: 1, max: 12 }),
    width: fc.integer({ min: 0, max: 4 }),
  })
  .map(({ a, b, shape, prefix, protocol, port, width }) => {
    const size = 2 ** (32 - prefix);
    const [lo, hi] =
      shape === "address"
        ? [a, a]
        : shape === "range"
          ? [Math.min(a, b), Math.max(a, b)]
          : [a - (a % size), a - (a % size) + size - 1];
    const destination =
      shape === "address"
        ? `10.0.0.${a}`
        : shape === "range"
          ? `10.0.0.${lo}-10.0.0.${hi}`
          : `10.0.0.${lo}/${prefix}`;
    const transport = protocol === "tcp" || protocol === "udp";
    // CF's ranges need low < high; a width of 0 asks one port.
    const ports = !transport ? "" : width === 0 ? String(port) : `${port}-${port + width}`;
    const parsed = parseReachSearch({ destination, ports, protocol });
    if (!parsed.ok) throw new Error(`generated an invalid question: ${parsed.message}`);
    return { query: parsed.query, lo, hi, portLo: port, portHi: port + width };
  });

/** The per-space evaluation the space page runs, with the question as the catalog's one destination. */
function perSpace(groups: SecurityGroup[], query: ReachSearchQuery) {
  const index = new GroupIndex(groups);
  const catalog = searchCatalog(query);
  return SPACES.map((space) => {
    const egress = spaceEgress(index.bindings(space), index, catalog, DEFAULT_PROFILES);
    return { running: egress.running.destinations[0], staging: egress.staging.destinations[0] };
  });
}

/** The straightforward engine on the groups that apply to each space, found by looking at every group. */
function reference(groups: SecurityGroup[], query: ReachSearchQuery) {
  const catalog = searchCatalog(query);
  const applying = (space: string, lifecycle: "running" | "staging") =>
    groups.filter(
      (g) =>
        g.globally_enabled[lifecycle] ||
        g.relationships[`${lifecycle}_spaces`].data.some((d) => d.guid === space),
    );
  return SPACES.map((space) => ({
    running: straightforwardLifecycle(applying(space, "running"), catalog).destinations[0],
    staging: straightforwardLifecycle(applying(space, "staging"), catalog).destinations[0],
  }));
}

const SEARCHED = SPACES.map((guid) => ({ guid, name: guid, org: { guid: "org", name: "org" } }));

/** The search as the loader runs it: over an index of the groups that can change an answer. */
const search = (groups: SecurityGroup[], query: ReachSearchQuery) =>
  searchReach(query, SEARCHED, new GroupIndex(relevantGroups(query, groups)));

/** What the search says, as the engine's status and (group, rule index) provenance. */
function asEngine(hit: SpaceReach, groups: SecurityGroup[], lifecycle: "running" | "staging") {
  const answer = hit[lifecycle];
  return {
    status: answer.status,
    provenance: answer.by.map((b) => {
      const group = groups.find((g) => g.guid === b.group.guid);
      return { group: b.group.name, ruleIndex: group?.rules.indexOf(b.rule) ?? -1 };
    }),
  };
}

const RUNS = { numRuns: 300, seed: 20261207 };

describe("who can reach this? agrees with the engine", () => {
  it("on every space of random worlds, both lifecycles: status, groups and rules", () => {
    fc.assert(
      fc.property(groupsArb, questionArb, (groups, { query }) => {
        const hits = search(groups, query);
        const expected = perSpace(groups, query);
        const plain = reference(groups, query);
        hits.forEach((hit, i) => {
          for (const lifecycle of ["running", "staging"] as const) {
            const want = expected[i]?.[lifecycle];
            const got = asEngine(hit, groups, lifecycle);
            expect(got).toEqual({ status: want?.status, provenance: want?.provenance });
            // The reference engine lists each group's rules in name order; the set must be the same.
            const ref = plain[i]?.[lifecycle];
            expect(got.status).toBe(ref?.status);
            expect(new Set(got.provenance.map((p) => `${p.group}#${p.ruleIndex}`))).toEqual(
              new Set(ref?.provenance.map((p) => `${p.group}#${p.ruleIndex}`)),
            );
          }
        });
      }),
      RUNS,
    );
  });

  it("the same answers over every group as over the groups that can change one", () => {
    fc.assert(
      fc.property(groupsArb, questionArb, (groups, { query }) => {
        expect(search(groups, query)).toEqual(searchReach(query, SEARCHED, new GroupIndex(groups)));
      }),
      RUNS,
    );
    // Not vacuous: in many generated worlds some groups are left out, and in many some are kept.
    const mixed = fc.sample(fc.tuple(groupsArb, questionArb), { numRuns: 300, seed: RUNS.seed });
    const leftOut = mixed.filter(([g, { query }]) => relevantGroups(query, g).length < g.length).length;
    const keptSome = mixed.filter(([g, { query }]) => relevantGroups(query, g).length > 0).length;
    expect(leftOut).toBeGreaterThan(30);
    expect(keptSome).toBeGreaterThan(30);
  });

  it("against single packets: allowed lets each through, blocked none", () => {
    fc.assert(
      fc.property(
        groupsArb,
        questionArb,
        fc.integer({ min: 0, max: 1000 }),
        (groups, { query, lo, hi, portLo, portHi }, pick) => {
          const index = new GroupIndex(groups);
          const addresses = [lo, hi, lo + (pick % (hi - lo + 1))].map((o) => `10.0.0.${o}`);
          const portList = [portLo, portHi, portLo + (pick % (portHi - portLo + 1))];
          const protocol = query.protocol === "all" ? "tcp" : query.protocol;
          search(groups, query).forEach((hit) => {
            const bindings = index.bindings(hit.guid);
            for (const lifecycle of ["running", "staging"] as const) {
              const applying = [...bindings[lifecycle].global, ...bindings[lifecycle].bound];
              const packets = addresses.flatMap((address) =>
                protocol === "icmp"
                  ? [canReach(applying, { address, protocol, type: pick % 256, code: pick % 3 })]
                  : portList.map((port) => canReach(applying, { address, protocol, port })),
              );
              const through = packets.map((p) => p.ok && p.allowed);
              if (hit[lifecycle].status === "allowed") expect(through.every(Boolean)).toBe(true);
              if (hit[lifecycle].status === "blocked") expect(through.some(Boolean)).toBe(false);
            }
          });
        },
      ),
      RUNS,
    );
  });
});
