import { describe, expect, it } from "vitest";
import type { DestinationStatus, Posture, ProfileState } from "@/lib/egress";
import { spaceEgress } from "@/lib/egress/space-egress";
import { decidingRule, evaluateSpace } from "./evaluate";
import type { Policy, PolicyRule, Requirement } from "./schema";
import { stateFromEgress, stateFromGroups, type SpaceState } from "./state";
import { alphaIndex, alphaSpaces, seededContext as context } from "./test-support/world";

const rule = (spaces: string, require: Requirement, note?: string): PolicyRule =>
  note === undefined ? { spaces, require } : { spaces, require, note };
const policyOf = (rules: PolicyRule[], def: Requirement | null = null): Policy => ({
  version: 1,
  rules,
  default: def,
});

function state(
  name: string,
  over: {
    posture?: Posture;
    profiles?: Record<string, ProfileState>;
    customGroups?: string[];
    destinations?: Record<string, DestinationStatus>;
    touchedBy?: Record<string, string[]>;
  } = {},
): SpaceState {
  return {
    name,
    posture: over.posture ?? "closed",
    profiles: over.profiles ?? { public: "off", "trusted-local": "off" },
    customGroups: over.customGroups ?? [],
    destinations: over.destinations ?? {},
    touchedBy: over.touchedBy ?? {},
  };
}

describe("which rule decides", () => {
  const policy = policyOf(
    [
      rule("prod*", { posture: "both" }),
      rule("prod-eu", { posture: "closed" }),
      rule("!sandbox*", { posture: "public" }),
    ],
    { posture: "closed" },
  );

  it("is the first rule that matches, counted from 1", () => {
    expect(decidingRule(policy, "prod-eu")).toEqual({ rule: 1, requirement: { posture: "both" } });
    expect(decidingRule(policy, "Prod")).toEqual({ rule: 1, requirement: { posture: "both" } });
    expect(decidingRule(policy, "dev")).toEqual({ rule: 3, requirement: { posture: "public" } });
  });

  it("is the default when no rule matches", () => {
    expect(decidingRule(policy, "sandbox-1")).toEqual({
      rule: "default",
      requirement: { posture: "closed" },
    });
  });

  it("is nothing when no rule matches and there is no default: the space is not judged", () => {
    const noDefault = policyOf([rule("prod", { posture: "closed" })]);
    expect(decidingRule(noDefault, "dev")).toEqual({ rule: null, requirement: null });
    expect(evaluateSpace(state("dev", { posture: "custom" }), noDefault, context)).toEqual({
      compliant: true,
      rule: null,
      description: null,
      reasons: [],
    });
    expect(decidingRule(policyOf([]), "anything").rule).toBeNull();
  });

  it("skips a rule whose glob cannot be read instead of throwing", () => {
    const broken = policyOf([rule("[", { posture: "both" })], { posture: "closed" });
    expect(decidingRule(broken, "[").rule).toBe("default");
  });
});

describe("reasons", () => {
  it("say what is wrong and cite the rule in its own words", () => {
    const policy = policyOf([rule("prod*", { profile: "public", present: false }, "ATO boundary")]);
    expect(
      evaluateSpace(state("prod", { posture: "public", profiles: { public: "bound" } }), policy, context),
    ).toEqual({
      compliant: false,
      rule: 1,
      description: "prod* must not have public egress",
      reasons: ["Public egress is on; policy rule 1 'prod* must not have public egress' (ATO boundary)"],
    });
  });

  it("list every difference from a required posture", () => {
    const policy = policyOf([], { posture: "trusted-local" });
    const result = evaluateSpace(
      state("x", {
        posture: "custom",
        profiles: { public: "global", "trusted-local": "off" },
        customGroups: ["db"],
      }),
      policy,
      context,
    );
    expect(result.rule).toBe("default");
    expect(result.reasons).toEqual([
      "Public egress is on platform-wide; policy default 'every space must have trusted local egress only'",
      "Trusted local egress is off; policy default 'every space must have trusted local egress only'",
      "Security group db is bound, which makes the posture custom; policy default 'every space must have trusted local egress only'",
    ]);
  });

  it("count partial as not reached for 'must reach', and as reached for 'must not reach'", () => {
    const reach = policyOf([rule("*", { destination: "rds", reachable: true })]);
    const avoid = policyOf([rule("*", { destination: "rds", reachable: false })]);
    const at = (status: DestinationStatus) =>
      state("s", {
        destinations: { rds: status },
        touchedBy: { rds: status === "blocked" ? [] : ["db-a", "db-b"] },
      });
    expect(evaluateSpace(at("allowed"), reach, context).compliant).toBe(true);
    expect(evaluateSpace(at("partial"), reach, context).reasons).toEqual([
      "RDS is only partly reachable; policy rule 1 '* must reach RDS'",
    ]);
    expect(evaluateSpace(at("blocked"), reach, context).reasons).toEqual([
      "RDS is blocked; policy rule 1 '* must reach RDS'",
    ]);
    expect(evaluateSpace(at("blocked"), avoid, context).compliant).toBe(true);
    expect(evaluateSpace(at("partial"), avoid, context).reasons).toEqual([
      "RDS is partly reachable through db-a, db-b; policy rule 1 '* must not reach RDS'",
    ]);
    expect(evaluateSpace(at("allowed"), avoid, context).reasons).toEqual([
      "RDS is reachable through db-a, db-b; policy rule 1 '* must not reach RDS'",
    ]);
  });

  it("say a required profile is off", () => {
    const policy = policyOf([rule("*", { profile: "trusted-local", present: true })]);
    expect(evaluateSpace(state("s"), policy, context).reasons).toEqual([
      "Trusted local egress is off; policy rule 1 '* must have trusted local egress'",
    ]);
  });
});

describe("the seeded agency-alpha (docs/design.md §3)", () => {
  const policy = policyOf([
    rule("sandbox*", { posture: "closed" }),
    rule("prod", { profile: "public", present: false }),
  ]);
  const index = alphaIndex();
  const states = alphaSpaces.map((s) => stateFromGroups(s.name, index.bindings(s.guid).running, context));

  it("has the postures of the design", () => {
    expect(states.map((s) => [s.name, s.posture])).toEqual([
      ["dev", "closed"],
      ["staging", "trusted-local"],
      ["prod", "both"],
      ["sandbox", "public"],
    ]);
  });

  it("finds sandbox and prod in violation, with the right reasons, and dev and staging compliant", () => {
    const results = Object.fromEntries(states.map((s) => [s.name, evaluateSpace(s, policy, context)]));
    expect(results.dev).toEqual({ compliant: true, rule: null, description: null, reasons: [] });
    expect(results.staging).toEqual({ compliant: true, rule: null, description: null, reasons: [] });
    expect(results.sandbox).toEqual({
      compliant: false,
      rule: 1,
      description: "sandbox* must be closed",
      reasons: ["Public egress is on; policy rule 1 'sandbox* must be closed'"],
    });
    expect(results.prod).toEqual({
      compliant: false,
      rule: 2,
      description: "prod must not have public egress",
      reasons: ["Public egress is on; policy rule 2 'prod must not have public egress'"],
    });
  });

  it("reads the same state from what the views computed with spaceEgress()", () => {
    for (const space of alphaSpaces) {
      const egress = spaceEgress(index.bindings(space.guid), index, context.catalog, context.profiles);
      expect(stateFromEgress(space.name, egress, context)).toEqual(
        stateFromGroups(space.name, index.bindings(space.guid).running, context),
      );
    }
  });
});
