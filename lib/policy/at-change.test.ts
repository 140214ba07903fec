import { describe, expect, it } from "vitest";
import { spaceEgress } from "@/lib/egress/space-egress";
import { policyAtChange, ruleRef, standingOf } from "./at-change";
import { evaluateSpace } from "./evaluate";
import { applyOps } from "./plan";
import type { Policy } from "./schema";
import { stateFromEgress, stateFromGroups } from "./state";
import { alphaGroups, alphaIndex, alphaSpaces, seededContext as context } from "./test-support/world";

/** The seeded policy of issue 14, which the e2e tests use too. */
const policy: Policy = {
  version: 1,
  rules: [
    { spaces: "sandbox*", require: { posture: "closed" }, note: "sandboxes stay inside" },
    { spaces: "prod", require: { profile: "public", present: false } },
  ],
  default: null,
};

const groups = alphaGroups();
const index = alphaIndex(groups);
const group = (name: string) => {
  const found = groups.find((g) => g.name === name);
  if (!found) throw new Error(name);
  return found;
};
const guidOf = (name: string) => alphaSpaces.find((s) => s.name === name)?.guid ?? "";

/** A space's state now and after one running bind or unbind, by the engine. */
function change(space: string, action: "bind" | "unbind", groupName: string) {
  const running = index.bindings(guidOf(space)).running;
  return {
    before: stateFromGroups(space, running, context),
    after: stateFromGroups(space, applyOps(running, [{ action, group: group(groupName) }]), context),
  };
}

describe("the policy at the point of change", () => {
  it("names the rule, by its number and its words as the policy page shows them", () => {
    expect(ruleRef(policy, 1, context)).toEqual({
      rule: 1,
      words: "sandbox* must be closed",
      note: "sandboxes stay inside",
    });
    expect(ruleRef({ ...policy, default: { posture: "closed" } }, "default", context)).toEqual({
      rule: "default",
      words: "other spaces must be closed",
      note: null,
    });
  });

  it("warns when a complying space would violate it, with the facts after the change", () => {
    // dev has no rule; prod must not have public egress and already has it; staging has no rule.
    const { before, after } = change("prod", "bind", "public_networks_egress");
    expect(policyAtChange(before, after, policy, context)).toMatchObject({ verdict: "still-violates" });
    const strict: Policy = { ...policy, default: { posture: "closed" } };
    const dev = change("dev", "bind", "public_networks_egress");
    expect(policyAtChange(dev.before, dev.after, strict, context)).toEqual({
      verdict: "violates",
      rule: { rule: "default", words: "other spaces must be closed", note: null },
      reasons: ["Public egress is on"],
    });
  });

  it("says when a change brings a violating space into line, and stays quiet for spaces no rule judges", () => {
    const { before, after } = change("sandbox", "unbind", "public_networks_egress");
    expect(policyAtChange(before, after, policy, context)).toEqual({
      verdict: "fixes",
      rule: { rule: 1, words: "sandbox* must be closed", note: "sandboxes stay inside" },
    });
    const dev = change("dev", "bind", "public_networks_egress");
    expect(policyAtChange(dev.before, dev.after, policy, context)).toEqual({ verdict: "unjudged" });
  });

  it("judges each seeded space before any change exactly as the matrix does", () => {
    for (const space of alphaSpaces) {
      const egress = spaceEgress(index.bindings(space.guid), index, context.catalog, context.profiles);
      const matrix = evaluateSpace(stateFromEgress(space.name, egress, context), policy, context);
      const state = stateFromGroups(space.name, index.bindings(space.guid).running, context);
      const standing = standingOf(state, policy, context);
      const same = policyAtChange(state, state, policy, context);
      expect(standing.verdict === "unjudged" ? null : standing.rule.rule).toBe(matrix.rule);
      expect(standing.verdict !== "violates").toBe(matrix.compliant);
      expect(same.verdict === "complies" || same.verdict === "unjudged").toBe(matrix.compliant);
    }
  });
});
