import { describe, expect, it } from "vitest";
import { seededFoundation } from "@/lib/egress/test-support/seeded-foundation";
import { ids } from "@/sim/seed";
import { groupCreateIntents, planGroupCreate } from "./group-create";
import type { Foundation } from "./group-edit";

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
const off = { running: false, staging: false };

describe("planGroupCreate and groupCreateIntents", () => {
  it("a group on nowhere: its create command, lint's 'bound to no space', and no org's entry", () => {
    const plan = planGroupCreate(foundation, {
      name: "db egress",
      rules: trusted.rules,
      globallyEnabled: off,
    });
    expect([plan.nameTaken, plan.flags, plan.commands, plan.preview]).toEqual([
      false,
      [],
      ["cf create-security-group 'db egress' rules.json"],
      { spaces: [], orgs: [] },
    ]);
    expect(plan.group).toMatchObject({ name: "db egress", rules: trusted.rules, globally_enabled: off });
    expect(plan.findings.map((f) => f.sentence).join(" ")).toMatch(/bound to no space/i);
    expect(groupCreateIntents(ctx, plan)).toEqual([]);
  });

  it("platform-wide for running: the bind command, and one entry per org it opens a destination in", () => {
    const plan = planGroupCreate(foundation, {
      name: "wide",
      rules: trusted.rules,
      globallyEnabled: { running: true, staging: false },
    });
    expect(plan.flags).toEqual([{ lifecycle: "running", on: true }]);
    expect(plan.commands).toEqual([
      "cf create-security-group wide rules.json",
      "cf bind-running-security-group wide",
    ]);
    const intents = groupCreateIntents(ctx, plan);
    expect(intents.map((i) => i.orgGuid)).toEqual([ids.orgs.alpha, ids.orgs.beta, ids.orgs.gamma].sort());
    const alpha = intents.find((i) => i.orgGuid === ids.orgs.alpha);
    expect(alpha?.details.spaces.map((s) => s.name)).toEqual(["dev", "sandbox"]);
    expect(alpha).toMatchObject({
      group: { guid: "", name: "wide" },
      requestId: "req-1",
      user: { guid: "u-admin", name: "admin" },
      details: {
        created: true,
        rules: { before: [], after: trusted.rules },
        globallyEnabled: { before: off, after: { running: true, staging: false } },
        command: "cf create-security-group wide rules.json\ncf bind-running-security-group wide",
      },
    });
  });

  it("knows a taken name, as CF compares names", () => {
    expect(
      planGroupCreate(foundation, { name: trusted.name, rules: [], globallyEnabled: off }).nameTaken,
    ).toBe(true);
    expect(
      planGroupCreate(foundation, { name: trusted.name.toUpperCase(), rules: [], globallyEnabled: off })
        .nameTaken,
    ).toBe(false);
  });
});
