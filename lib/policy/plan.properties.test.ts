import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CfRule } from "@/lib/egress";
import { evaluateSpace } from "./evaluate";
import { applyOps, planSpace, planSpaces, type PlanContext, type PlanGroup, type PlanSpace } from "./plan";
import type { Policy, PolicyRule, Requirement } from "./schema";
import { stateFromGroups } from "./state";
import { cfGroup, seededContext } from "./test-support/world";

/**
 * The planner against brute force, on generated orgs: spaces with random
 * bindings, groups that may be platform-wide or invisible, random policies.
 * The brute force tries every subset of the operations a user could make
 * (unbind any bound group; bind any visible profile group not yet applying)
 * and keeps the smallest that complies.
 */

const group = (name: string, rules: CfRule[]): PlanGroup => ({ guid: `guid-${name}`, name, rules });
const seeded = (name: string): PlanGroup => {
  const { guid, rules } = cfGroup(name);
  return { guid, name, rules };
};

/** Profiles with the seeded rules, and custom groups that open parts of the catalog (some only partly). */
const UNIVERSE: readonly PlanGroup[] = [
  seeded("public_networks_egress"),
  seeded("trusted_local_networks_egress"),
  group("rds-postgres", [{ protocol: "tcp", destination: "10.10.0.0/22", ports: "5432" }]),
  group("rds-all", [{ protocol: "tcp", destination: "10.10.0.0/22", ports: "5432,3306,1433,1521" }]),
  group("web-80", [{ protocol: "tcp", destination: "93.184.216.0/24", ports: "80" }]),
  group("web-443", [{ protocol: "tcp", destination: "93.184.216.0/24", ports: "443" }]),
  group("dns", [{ protocol: "udp", destination: "0.0.0.0/0", ports: "53" }]),
];
const PROFILE_GROUPS = seededContext.profiles.map((p) => p.group);

const requirement: fc.Arbitrary<Requirement> = fc.oneof(
  fc.record({
    posture: fc.constantFrom("closed" as const, "trusted-local" as const, "public" as const, "both" as const),
  }),
  fc.record({ profile: fc.constantFrom("public", "trusted-local"), present: fc.boolean() }),
  fc.record({
    destination: fc.constantFrom("public-web", "s3-user-provided", "s3-brokered", "rds", "redis"),
    reachable: fc.boolean(),
  }),
);
const rule: fc.Arbitrary<PolicyRule> = fc.record({
  spaces: fc.constantFrom("*", "prod*", "dev", "!prod*", "s*", "{dev,sandbox}", "PROD-EU"),
  require: requirement,
});
const policy: fc.Arbitrary<Policy> = fc.record({
  version: fc.constant(1 as const),
  rules: fc.array(rule, { maxLength: 3 }),
  default: fc.option(requirement, { nil: null }),
});

type World = { policy: Policy; spaces: PlanSpace[]; visibleGroups: PlanGroup[] };

const world: fc.Arbitrary<World> = fc
  .record({
    policy,
    global: fc.array(
      fc.nat(99).map((n) => n < 15),
      { minLength: UNIVERSE.length, maxLength: UNIVERSE.length },
    ),
    profileVisible: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
    spaces: fc.array(
      fc.record({
        name: fc.constantFrom("dev", "prod", "prod-eu", "sandbox", "Staging"),
        bound: fc.subarray([...UNIVERSE]),
        canChange: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ policy, global, profileVisible, spaces }) => {
    const globals = UNIVERSE.filter((_, i) => global[i] === true);
    const orgSpaces: PlanSpace[] = spaces.map((s, i) => ({
      guid: `space-${i}`,
      name: s.name,
      running: { global: globals, bound: s.bound },
      permission: s.canChange || i === 0 ? { canChange: true } : { canChange: false, reason: "no role" },
    }));
    // CF shows a group to a user when it is global or bound to a space they read; profiles may be hidden otherwise.
    const visibleGroups = UNIVERSE.filter(
      (g) =>
        globals.includes(g) ||
        orgSpaces.some((s) => s.running.bound.includes(g)) ||
        !PROFILE_GROUPS.includes(g.name) ||
        profileVisible[PROFILE_GROUPS.indexOf(g.name)] === true,
    );
    return { policy, spaces: orgSpaces, visibleGroups };
  });

const contextOf = (w: World): PlanContext => ({
  ...seededContext,
  policy: w.policy,
  visibleGroups: w.visibleGroups,
});

const complies = (space: PlanSpace, w: World) =>
  evaluateSpace(stateFromGroups(space.name, space.running, seededContext), w.policy, seededContext).compliant;

type Op = { action: "bind" | "unbind"; group: PlanGroup };

/** Every operation a user could make on the space, per the issue. */
function possibleOps(space: PlanSpace, w: World): Op[] {
  const globalNames = space.running.global.map((g) => g.name);
  const boundNames = space.running.bound.map((g) => g.name);
  return [
    ...space.running.bound.map((g): Op => ({ action: "unbind", group: g })),
    ...w.visibleGroups
      .filter(
        (g) =>
          PROFILE_GROUPS.includes(g.name) && !globalNames.includes(g.name) && !boundNames.includes(g.name),
      )
      .map((g): Op => ({ action: "bind", group: g })),
  ];
}

/** The size of the smallest subset of possible operations that makes the space comply, or null. */
function bruteForce(space: PlanSpace, w: World): number | null {
  const ops = possibleOps(space, w);
  let best: number | null = null;
  for (let mask = 0; mask < 1 << ops.length; mask++) {
    const chosen = ops.filter((_, i) => (mask & (1 << i)) !== 0);
    if (best !== null && chosen.length >= best) continue;
    if (complies({ ...space, running: applyOps(space.running, chosen) }, w)) best = chosen.length;
  }
  return best;
}

const RUNS = { numRuns: 400 };

describe("the remediation planner, against brute force", () => {
  it("never plans for a compliant space, and plans nothing for a space the user may not change", () => {
    fc.assert(
      fc.property(world, (w) => {
        for (const plan of planSpaces(w.spaces, contextOf(w))) {
          const space = w.spaces.find((s) => s.guid === plan.space.guid) as PlanSpace;
          expect(plan.status === "compliant").toBe(complies(space, w));
          expect(plan.compliance.compliant).toBe(plan.status === "compliant");
          if (plan.status === "plan") expect(space.permission.canChange).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("makes every changeable space comply when it plans, with operations the user can make", () => {
    fc.assert(
      fc.property(world, (w) => {
        for (const plan of planSpaces(w.spaces, contextOf(w))) {
          if (plan.status !== "plan") continue;
          const space = w.spaces.find((s) => s.guid === plan.space.guid) as PlanSpace;
          const possible = possibleOps(space, w);
          const ops = plan.ops.map((op) => {
            const match = possible.find((p) => p.action === op.action && p.group.guid === op.group.guid);
            expect(match, `${op.action} ${op.group.name}`).toBeDefined();
            return match as Op;
          });
          expect(ops.length).toBeGreaterThan(0);
          expect(complies({ ...space, running: applyOps(space.running, ops) }, w)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("finds a smallest plan, and calls a space unattainable only when no plan exists", () => {
    fc.assert(
      fc.property(world, (w) => {
        for (const plan of planSpaces(w.spaces, contextOf(w))) {
          const space = w.spaces.find((s) => s.guid === plan.space.guid) as PlanSpace;
          if (plan.status === "compliant" || !space.permission.canChange) continue;
          const smallest = bruteForce(space, w);
          if (plan.status === "plan") expect(plan.ops.length).toBe(smallest);
          else expect(smallest, plan.reason).toBeNull();
        }
      }),
      RUNS,
    );
  });

  it("is tested on worlds that reach every outcome (the properties above are not vacuous)", () => {
    const seen = { compliant: 0, plan: 0, multi: 0, binds: 0, unattainable: 0, refused: 0 };
    for (const w of fc.sample(world, { numRuns: 400, seed: 7 })) {
      for (const plan of planSpaces(w.spaces, contextOf(w))) {
        const canChange = w.spaces.find((s) => s.guid === plan.space.guid)?.permission.canChange;
        if (plan.status === "compliant") seen.compliant++;
        else if (plan.status === "plan") {
          seen.plan++;
          if (plan.ops.length > 1) seen.multi++;
          if (plan.ops.some((o) => o.action === "bind")) seen.binds++;
        } else if (canChange) seen.unattainable++;
        else seen.refused++;
      }
    }
    console.info(`outcomes over 400 sampled orgs: ${JSON.stringify(seen)}`);
    for (const [outcome, count] of Object.entries(seen)) expect(count, outcome).toBeGreaterThan(20);
  });

  it("is deterministic, and plans a space the same alone as with its org", () => {
    fc.assert(
      fc.property(world, (w) => {
        const together = planSpaces(w.spaces, contextOf(w));
        expect(planSpaces(w.spaces, contextOf(w))).toEqual(together);
        w.spaces.forEach((space, i) => expect(planSpace(space, contextOf(w))).toEqual(together[i]));
      }),
      { numRuns: 100 },
    );
  });
});
