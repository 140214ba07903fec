import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SecurityGroup as CfGroup } from "@/lib/cf/schemas";
import type { Catalog } from "./catalog";
import { editedGroup, groupEditPreview, type GroupEdit } from "./group-edit";
import type { CfRule } from "./rules";
import { LIFECYCLES } from "./space";
import { straightforwardLifecycle } from "./test-support/straightforward";

/**
 * A group edit's preview against the plain way, on random foundations and
 * random edits: each space and lifecycle evaluated before and after by the
 * straightforward reference engine, from every group that applies to it,
 * nothing shared. The preview shares comparisons among spaces bound to the
 * same groups and leaves out groups that reach no catalog destination; the
 * spaces it lists, and what opens and closes in each, must be the same.
 * Seeded and bounded.
 */

const SPACES = ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7"];

const CATALOG: Catalog = {
  name: "test",
  destinations: [
    {
      id: "db",
      label: "DB",
      asg_governed: true,
      endpoints: [{ protocol: "tcp", destination: "10.0.0.8/30", ports: "5" }],
    },
    {
      id: "cache",
      label: "Cache",
      asg_governed: true,
      endpoints: [
        { protocol: "tcp", destination: "10.0.0.20", ports: "6-7" },
        { protocol: "udp", destination: "10.0.0.21", ports: "6" },
      ],
    },
    {
      id: "ping",
      label: "Ping",
      asg_governed: true,
      endpoints: [{ protocol: "icmp", destination: "10.0.0.1" }],
    },
    {
      id: "c2c",
      label: "Internal",
      asg_governed: false,
      endpoints: [{ protocol: "tcp", destination: "10.0.0.30", ports: "8" }],
    },
  ],
};

const address = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map((o) => `10.0.0.${o}`),
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom(28, 30, 32)).map(([o, p]) => `10.0.0.${o}/${p}`),
  // Far from every destination: the groups that reach none of them.
  fc.integer({ min: 0, max: 255 }).map((o) => `192.168.1.${o}`),
);
const ruleArb: fc.Arbitrary<CfRule> = fc.oneof(
  fc.record({
    protocol: fc.constantFrom("tcp", "udp"),
    destination: address,
    ports: fc.oneof(
      fc.integer({ min: 1, max: 9 }).map(String),
      fc.integer({ min: 1, max: 8 }).map((p) => `${p}-${p + 1}`),
    ),
  }),
  fc.record({ protocol: fc.constant("all"), destination: address }),
  fc.record({
    protocol: fc.constant("icmp"),
    destination: address,
    type: fc.constant(-1),
    code: fc.constant(-1),
  }),
);

const groupsArb = fc
  .array(
    fc.record({
      rules: fc.array(ruleArb, { maxLength: 3 }),
      globalRunning: fc.nat({ max: 6 }).map((n) => n === 0),
      globalStaging: fc.nat({ max: 6 }).map((n) => n === 0),
      running: fc.subarray(SPACES, { maxLength: 5 }),
      staging: fc.subarray(SPACES, { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((groups) =>
    groups.map((g, i): CfGroup => ({
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

const editArb = (groups: readonly CfGroup[]): fc.Arbitrary<GroupEdit> =>
  fc.record(
    {
      groupGuid: fc.constantFrom(...groups.map((g) => g.guid)),
      rules: fc.array(ruleArb, { maxLength: 3 }),
      globallyEnabled: fc.record({ running: fc.boolean(), staging: fc.boolean() }, { requiredKeys: [] }),
    },
    { requiredKeys: ["groupGuid"] },
  );

const orgOf = (space: string) => (Number(space.slice(1)) % 2 === 0 ? "even" : "odd");
const spaces = SPACES.map((guid) => ({ guid, name: guid, orgGuid: orgOf(guid) }));
const orgs = [
  { guid: "even", name: "even" },
  { guid: "odd", name: "odd" },
];
const RANK = { blocked: 0, partial: 1, allowed: 2 } as const;

/** Every space and lifecycle whose reach changes, found the plain way: "space lifecycle: +opened -closed". */
function plainPreview(groups: readonly CfGroup[], edit: GroupEdit): string[] {
  const before = groups.find((g) => g.guid === edit.groupGuid) as CfGroup;
  const after = editedGroup(before, edit);
  const applying = (all: readonly CfGroup[], space: string, lifecycle: (typeof LIFECYCLES)[number]) =>
    all.filter(
      (g) =>
        g.globally_enabled[lifecycle] ||
        g.relationships[`${lifecycle}_spaces`].data.some((d) => d.guid === space),
    );
  const edited = groups.map((g) => (g.guid === after.guid ? after : g));
  const lines: string[] = [];
  for (const space of SPACES)
    for (const lifecycle of LIFECYCLES) {
      const was = straightforwardLifecycle(applying(groups, space, lifecycle), CATALOG).destinations;
      const will = straightforwardLifecycle(applying(edited, space, lifecycle), CATALOG).destinations;
      const moves = was.flatMap((d, i) => {
        const next = will[i]?.status ?? "blocked";
        if (RANK[next] > RANK[d.status]) return [`+${d.id}`];
        if (RANK[next] < RANK[d.status]) return [`-${d.id}`];
        return [];
      });
      if (moves.length > 0) lines.push(`${space} ${lifecycle}: ${moves.sort().join(" ")}`);
    }
  return lines.sort();
}

describe("a group edit's preview, against each space evaluated the plain way", () => {
  it("lists the same spaces, with the same destinations opening and closing", () => {
    fc.assert(
      fc.property(
        groupsArb.chain((groups) => fc.tuple(fc.constant(groups), editArb(groups))),
        ([groups, edit]) => {
          const preview = groupEditPreview({ groups, spaces, orgs, edit, catalog: CATALOG });
          const lines = preview.spaces
            .map(
              (s) =>
                `${s.space.guid} ${s.lifecycle}: ${[
                  ...s.opens.map((d) => `+${d.id}`),
                  ...s.closes.map((d) => `-${d.id}`),
                ]
                  .sort()
                  .join(" ")}`,
            )
            .sort();
          expect(lines).toEqual(plainPreview(groups, edit));
          for (const impact of preview.spaces) expect(impact.org.guid).toBe(orgOf(impact.space.guid));
        },
      ),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
