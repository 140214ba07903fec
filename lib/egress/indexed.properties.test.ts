import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Organization, SecurityGroup, Space } from "@/lib/cf/schemas";
import { buildOrgMatrix } from "@/lib/view-models/org-matrix";
import { parseCatalog, type Catalog } from "./catalog";
import type { CfRule } from "./rules";
import { DEFAULT_PROFILES } from "./profiles";
import { GroupIndex, spaceEgress } from "./space-egress";
import { straightforwardLifecycle } from "./test-support/straightforward";

/**
 * The engine as the pages run it (the endpoint index, compiled groups
 * remembered across requests, a space evaluated from its own groups and the
 * platform-wide ones through GroupIndex) against the straightforward engine
 * it replaced (./test-support/straightforward.ts: every rule of every applying
 * group against every endpoint), on random worlds: a catalog, groups with
 * rules, global flags and bindings, and spaces. Seeded and bounded, so a
 * failure replays.
 */

const SPACES = ["s0", "s1", "s2", "s3", "s4", "s5"];
/** Spaces of other orgs: bound to, but not on the page (an admin sees every binding). */
const ELSEWHERE = ["x0", "x1"];

const v4 = fc.oneof(
  fc.integer({ min: 0, max: 63 }).map((o) => `10.0.0.${o}`),
  fc
    .tuple(fc.integer({ min: 0, max: 63 }), fc.constantFrom(26, 28, 30, 32))
    .map(([o, p]) => `10.0.0.${o}/${p}`),
  fc
    .tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: 63 }))
    .map(([a, b]) => `10.0.0.${Math.min(a, b)}-10.0.0.${Math.max(a, b)}`),
  fc.constantFrom("0.0.0.0/0", "10.0.0.0/8", "192.168.0.0/16", "9.255.255.250-10.0.0.3"),
);
const v6 = fc.oneof(
  fc.integer({ min: 0, max: 63 }).map((o) => `2001:db8::${o.toString(16)}`),
  fc.integer({ min: 0, max: 63 }).map((o) => `2001:db8::${o.toString(16)}/124`),
  fc.constantFrom("::/0", "2001:db8::/32"),
);
const destinationText = (family: fc.Arbitrary<string>) =>
  fc.array(family, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(","));
const ports = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map(String),
  fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }).map((ps) => ps.join(",")),
  fc.integer({ min: 1, max: 10 }).map((p) => `${p}-${p + 3}`),
  fc.constant("1-65535"),
);
const icmp = { type: fc.constantFrom(-1, 0, 3, 8), code: fc.constantFrom(-1, 0, 1) };

const ruleArb: fc.Arbitrary<CfRule> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      protocol: fc.constantFrom("tcp", "udp"),
      destination: destinationText(fc.oneof(v4, v6)),
      ports,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ protocol: fc.constant("all"), destination: destinationText(fc.oneof(v4, v6)) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ protocol: fc.constant("icmp"), destination: destinationText(v4), ...icmp }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ protocol: fc.constant("icmpv6"), destination: destinationText(v6), ...icmp }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<CfRule>(
      { protocol: "tcp", destination: "010.0.0.1", ports: "1" },
      { protocol: "all", destination: "10.0.0.9", ports: "1" },
      { protocol: "udp", destination: "10.0.0.0/24" },
    ),
  },
);

const endpointArb = fc.oneof(
  fc.record({
    protocol: fc.constantFrom("tcp", "udp"),
    destination: destinationText(fc.oneof(v4, v6)),
    ports,
  }),
  fc.record({ protocol: fc.constant("all"), destination: destinationText(fc.oneof(v4, v6)) }),
  fc.record({ protocol: fc.constant("icmp"), destination: destinationText(v4), ...icmp }),
);

const catalogArb: fc.Arbitrary<Catalog> = fc
  .array(
    fc.record({
      governed: fc.nat({ max: 5 }).map((n) => n > 0),
      endpoints: fc.array(endpointArb, { minLength: 1, maxLength: 3 }),
    }),
    {
      minLength: 1,
      maxLength: 5,
    },
  )
  .map((destinations) =>
    parseCatalog({
      name: "generated",
      destinations: destinations.map((d, i) => ({
        id: `d${i}`,
        label: `D${i}`,
        asg_governed: d.governed,
        // A destination ASGs do not decide (internal routes) has no endpoints.
        endpoints: d.governed ? d.endpoints : [],
      })),
    }),
  );

const spacesArb = fc.subarray([...SPACES, ...ELSEWHERE], { maxLength: 4 });
const groupsArb = fc
  .array(
    fc.record({
      rules: fc.array(ruleArb, { maxLength: 6 }),
      globalRunning: fc.nat({ max: 5 }).map((n) => n === 0),
      globalStaging: fc.nat({ max: 5 }).map((n) => n === 0),
      running: spacesArb,
      staging: spacesArb,
      profile: fc.nat({ max: 9 }),
    }),
    { maxLength: 12 },
  )
  .map((groups) =>
    groups.map((g, i): SecurityGroup => ({
      guid: `guid-${i}`,
      // Now and then a profile's group, so postures and profiles vary as on a real foundation.
      name:
        g.profile === 0
          ? `public_networks_egress`
          : g.profile === 1
            ? "trusted_local_networks_egress"
            : `g${i}`,
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
  )
  // CF's names are unique: keep the first group of each name.
  .map((groups) => groups.filter((g, i) => groups.findIndex((o) => o.name === g.name) === i));

/** The engine as the pages run it, for every space. */
function engine(groups: SecurityGroup[], catalog: Catalog) {
  const index = new GroupIndex(groups, SPACES);
  return SPACES.map((space) => {
    const egress = spaceEgress(index.bindings(space), index, catalog, DEFAULT_PROFILES);
    return {
      running: egress.running.destinations,
      staging: egress.staging.destinations,
      problems: egress.problems,
    };
  });
}

/** The straightforward engine on the groups that apply to each space, found by looking at every group. */
function reference(groups: SecurityGroup[], catalog: Catalog) {
  const applying = (space: string, lifecycle: "running" | "staging") =>
    groups
      .filter(
        (g) =>
          g.globally_enabled[lifecycle] ||
          g.relationships[`${lifecycle}_spaces`].data.some((d) => d.guid === space),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
  return SPACES.map((space) => {
    const running = straightforwardLifecycle(applying(space, "running"), catalog);
    const staging = straightforwardLifecycle(applying(space, "staging"), catalog);
    const seen = new Set(running.problems.map((p) => `${p.group}#${p.ruleIndex}`));
    const problems = [
      ...running.problems,
      ...staging.problems.filter((p) => !seen.has(`${p.group}#${p.ruleIndex}`)),
    ].map((p) => ({ group: p.group, ruleIndex: p.ruleIndex, reason: p.reason }));
    return { running: running.destinations, staging: staging.destinations, problems };
  });
}

/** The same groups as a new CF response brings them: equal, but new objects. */
const again = (groups: SecurityGroup[]) => structuredClone(groups);

const RUNS = { numRuns: 300, seed: 20261201 };

describe("the indexed engine agrees with the straightforward one", () => {
  it("on every space of random worlds, both lifecycles, with provenance and problems", () => {
    fc.assert(
      fc.property(catalogArb, groupsArb, (catalog, groups) => {
        expect(engine(groups, catalog)).toEqual(reference(groups, catalog));
      }),
      RUNS,
    );
  });

  it("on the next request, when the same groups come back as new objects (compiled groups remembered)", () => {
    fc.assert(
      fc.property(catalogArb, groupsArb, (catalog, groups) => {
        engine(groups, catalog);
        expect(engine(again(groups), catalog)).toEqual(reference(groups, catalog));
      }),
      RUNS,
    );
  });

  it("after a group's rules changed under the same guid and name", () => {
    fc.assert(
      fc.property(
        catalogArb,
        groupsArb.filter((gs) => gs.length > 0),
        fc.nat(),
        fc.array(ruleArb, { maxLength: 6 }),
        (catalog, groups, which, rules) => {
          engine(groups, catalog);
          const changed = again(groups);
          const target = changed[which % changed.length];
          if (target) target.rules = rules;
          expect(engine(changed, catalog)).toEqual(reference(changed, catalog));
        },
      ),
      RUNS,
    );
  });

  it("after a group was renamed under the same guid (provenance and problems carry the new name)", () => {
    fc.assert(
      fc.property(
        catalogArb,
        groupsArb.filter((gs) => gs.length > 0),
        fc.nat(),
        (catalog, groups, which) => {
          engine(groups, catalog);
          const changed = again(groups);
          const target = changed[which % changed.length];
          if (target) target.name = `${target.name}-renamed`;
          expect(engine(changed, catalog)).toEqual(reference(changed, catalog));
        },
      ),
      RUNS,
    );
  });

  it("in the org matrix, where spaces with the same bindings share one evaluation", () => {
    const org = { guid: "org", name: "org", suspended: false } as Organization;
    const spaces = SPACES.map(
      (guid) =>
        ({
          guid,
          name: guid,
          relationships: { organization: { data: { guid: "org" } } },
        }) as unknown as Space,
    );
    fc.assert(
      fc.property(catalogArb, groupsArb, (catalog, groups) => {
        const matrix = buildOrgMatrix({
          org,
          spaces,
          groups,
          roles: { orgs: new Map(), spaces: new Map() },
          user: { isAdmin: true, readsGlobally: true },
          segmentNames: new Map(),
          spaceSegments: new Map(),
          defaultSegment: null,
          catalog,
          profiles: DEFAULT_PROFILES,
        });
        const expected = reference(groups, catalog);
        matrix.spaces.forEach((row, i) => {
          const want = expected[i];
          expect(row.running.destinations).toEqual(
            Object.fromEntries((want?.running ?? []).map((d) => [d.id, d.status])),
          );
          expect(row.staging.destinations).toEqual(
            Object.fromEntries((want?.staging ?? []).map((d) => [d.id, d.status])),
          );
        });
      }),
      RUNS,
    );
  });

  it("after one field of one rule changed (ports, type, code, protocol or destination), nothing else", () => {
    const edit = fc.oneof(
      ports.map((p) => (r: CfRule): CfRule => ({ ...r, ports: p })),
      icmp.type.map((type) => (r: CfRule): CfRule => ({ ...r, type })),
      icmp.code.map((code) => (r: CfRule): CfRule => ({ ...r, code })),
      fc
        .constantFrom("tcp", "udp", "all", "icmp")
        .map((protocol) => (r: CfRule): CfRule => ({ ...r, protocol })),
      destinationText(fc.oneof(v4, v6)).map((destination) => (r: CfRule): CfRule => ({ ...r, destination })),
    );
    fc.assert(
      fc.property(
        catalogArb,
        groupsArb.filter((gs) => gs.some((g) => g.rules.length > 0)),
        fc.nat(),
        edit,
        (catalog, groups, which, change) => {
          engine(groups, catalog);
          const changed = again(groups);
          const withRules = changed.filter((g) => g.rules.length > 0);
          const target = withRules[which % withRules.length];
          if (target) {
            const at = which % target.rules.length;
            target.rules = target.rules.map((r, i) => (i === at ? change(r) : r));
          }
          expect(engine(changed, catalog)).toEqual(reference(changed, catalog));
        },
      ),
      RUNS,
    );
  });
});
