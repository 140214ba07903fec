import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SecurityGroup } from "@/lib/cf/schemas";
import { defaultCatalog } from "@/lib/egress/default-catalog";
import { DEFAULT_PROFILES } from "@/lib/egress/profiles";
import { GroupIndex } from "@/lib/egress/space-egress";
import type { CfRule } from "@/lib/egress/rules";
import { stateFromGroups } from "@/lib/policy";
import { spaceRunning } from "./foundation-spaces";

/**
 * The platform team's view of each space (./foundation-spaces.ts), which
 * evaluates only the groups that reach a catalog destination and shares
 * answers among spaces, against each space's whole state computed on its own
 * from every group bound to it, as the org pages compute it (`stateFromGroups`):
 * the same posture, the same "reaches public addresses", the same state for a
 * policy to judge. Random foundations on the default catalog, with the
 * profiles' groups among the bound ones, service bindings that reach nothing,
 * and platform-wide groups. Seeded and bounded.
 */

const SPACES = ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9"];
const context = { catalog: defaultCatalog, profiles: DEFAULT_PROFILES };

const ruleArb: fc.Arbitrary<CfRule> = fc.oneof(
  fc.record({
    protocol: fc.constant("tcp"),
    destination: fc.constantFrom(
      "0.0.0.0/0",
      "93.184.216.34",
      "52.216.0.0/15",
      "10.10.0.0/22",
      "10.10.0.5",
      "10.10.4.0/24",
      "10.10.8.0/24",
      "10.10.5.9",
      // A service binding's own address, which no catalog destination holds.
      "10.200.0.7",
    ),
    ports: fc.constantFrom("443", "80,443", "5432", "6379", "9200", "1-65535", "8443"),
  }),
  fc.record({ protocol: fc.constant("all"), destination: fc.constantFrom("10.10.0.0/16", "10.200.0.0/24") }),
);

const NAMES = ["public_networks_egress", "trusted_local_networks_egress"];

const groupsArb = fc
  .array(
    fc.record({
      rules: fc.array(ruleArb, { maxLength: 3 }),
      global: fc.nat({ max: 8 }).map((n) => n === 0),
      running: fc.subarray(SPACES, { maxLength: 6 }),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((groups) =>
    groups.map((g, i): SecurityGroup => ({
      guid: `guid-${i}`,
      // The first two are the profiles' groups, so postures other than custom come up.
      name: NAMES[i] ?? `g${i}`,
      created_at: "2026-01-05T10:00:00Z",
      updated_at: "2026-01-05T10:00:00Z",
      globally_enabled: { running: g.global, staging: false },
      rules: g.rules,
      relationships: {
        running_spaces: { data: g.running.map((guid) => ({ guid })) },
        staging_spaces: { data: [] },
      },
      links: { self: { href: `https://api.example/v3/security_groups/guid-${i}` } },
    })),
  );

describe("the foundation's view of a space, against its whole state computed on its own", () => {
  it("gives every space the same posture, public reach and state", () => {
    fc.assert(
      fc.property(groupsArb, (groups) => {
        const index = new GroupIndex(groups);
        const runningOf = spaceRunning(index, context);
        for (const space of SPACES) {
          const expected = stateFromGroups("", index.bindings(space).running, context);
          const got = runningOf(space);
          expect(got.posture).toBe(expected.posture);
          expect(got.state()).toEqual(expected);
          const publicDestination = ["public-web", "s3-user-provided"].some(
            (id) => expected.destinations[id] !== "blocked",
          );
          expect(got.public).toBe(
            expected.posture === "public" || expected.posture === "both" || publicDestination,
          );
        }
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
