import { describe, expect, it } from "vitest";
import { seededFoundation } from "@/lib/egress/test-support/seeded-foundation";
import { ids } from "@/sim/seed";
import { groupEditIntents, planGroupEdit, type Foundation } from "./group-edit";

/** The seeded foundation (docs/design.md §3) as an admin's three lists give it. */
const foundation: Foundation = seededFoundation();
const ctx = {
  session: {
    user: { id: "u-admin", name: "admin", email: "", isAdmin: true, readsGlobally: true },
    accessToken: "",
  },
  requestId: "req-1",
};
const trusted = foundation.groups.find((g) => g.guid === ids.securityGroups.trustedLocal);
if (!trusted) throw new Error("no trusted-local group in the seed");

describe("planGroupEdit and groupEditIntents", () => {
  it("a rules edit: the commands, and one entry per org the group is bound in, with that org's spaces", () => {
    const rules = trusted.rules.filter((r) => r.description !== "Redis");
    const plan = planGroupEdit(foundation, { groupGuid: trusted.guid, rules });
    if (!plan) throw new Error("no plan");
    expect([plan.rulesChanged, plan.flags, plan.commands]).toEqual([
      true,
      [],
      ["cf update-security-group trusted_local_networks_egress rules.json"],
    ]);
    const intents = groupEditIntents(ctx, foundation, plan);
    expect(
      intents.map((i) => [i.orgGuid, i.details.spaces.map((s) => `${s.name}: -${s.closes.join(",")}`)]),
    ).toEqual(
      [
        [ids.orgs.alpha, ["prod: -Redis", "staging: -Redis"]],
        [ids.orgs.beta, ["prod: -Redis"]],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(intents[0]?.details.rules).toEqual({ before: trusted.rules, after: rules });
    expect(intents.every((i) => i.requestId === "req-1" && i.user.name === "admin")).toBe(true);
  });

  it("a flag edit: its own cf command, no rules in the entries, and every org whose spaces change", () => {
    const plan = planGroupEdit(foundation, { groupGuid: trusted.guid, globallyEnabled: { running: true } });
    if (!plan) throw new Error("no plan");
    expect(plan.commands).toEqual(["cf bind-running-security-group trusted_local_networks_egress"]);
    const intents = groupEditIntents(ctx, foundation, plan);
    expect(intents.map((i) => i.orgGuid).sort()).toEqual(Object.values(ids.orgs).sort());
    expect(intents.every((i) => i.details.rules === undefined)).toBe(true);
    expect(intents[0]?.details.globallyEnabled).toEqual({
      before: { running: false, staging: false },
      after: { running: true, staging: false },
    });
  });

  it("the same rules and flags: nothing changes and no command is offered; an unknown group has no plan", () => {
    const plan = planGroupEdit(foundation, {
      groupGuid: trusted.guid,
      rules: trusted.rules,
      globallyEnabled: { running: false },
    });
    expect(plan && [plan.rulesChanged, plan.flags, plan.commands, plan.preview.spaces]).toEqual([
      false,
      [],
      [],
      [],
    ]);
    expect(planGroupEdit(foundation, { groupGuid: "nope", rules: [] })).toBeNull();
  });
});
