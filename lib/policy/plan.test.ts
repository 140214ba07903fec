import { describe, expect, it } from "vitest";
import type { SecurityGroup } from "@/lib/cf/schemas";
import { MESSAGES } from "@/lib/failures/messages";
import { ids } from "@/sim/seed";
import { cfCommandsFor } from "./commands";
import {
  planSpace,
  planSpaces,
  type Permission,
  type PlanContext,
  type PlanSpace,
  type SpacePlan,
} from "./plan";
import type { Policy, PolicyRule, Requirement } from "./schema";
import { alphaGroups, alphaIndex, alphaSpaces, cfGroup, seededContext } from "./test-support/world";

const allowed: Permission = { canChange: true };
const policyOf = (rules: PolicyRule[], def: Requirement | null = null): Policy => ({
  version: 1,
  rules,
  default: def,
});
const context = (policy: Policy, visibleGroups: SecurityGroup[] = alphaGroups()): PlanContext => ({
  ...seededContext,
  policy,
  visibleGroups,
});

/** agency-alpha's spaces as an org manager sees them, all changeable unless said otherwise. */
function alpha(permission: Permission = allowed, groups: SecurityGroup[] = alphaGroups()): PlanSpace[] {
  const index = alphaIndex(groups);
  return alphaSpaces.map((s) => ({ ...s, running: index.bindings(s.guid).running, permission }));
}

const byName = (plans: SpacePlan[], name: string): SpacePlan => {
  const plan = plans.find((p) => p.space.name === name);
  if (plan === undefined) throw new Error(`no plan for ${name}`);
  return plan;
};
const summary = (plan: SpacePlan) =>
  plan.status === "plan"
    ? {
        ops: plan.ops.map((o) => `${o.action} ${o.group.name}`),
        opens: plan.opens.map((d) => d.id),
        closes: plan.closes.map((d) => d.id),
      }
    : plan.status === "unattainable"
      ? { unattainable: plan.reason }
      : "compliant";

describe("bringing the seeded agency-alpha into policy", () => {
  const policy = policyOf([
    { spaces: "sandbox*", require: { posture: "closed" } },
    { spaces: "prod", require: { profile: "public", present: false } },
  ]);
  const plans = planSpaces(alpha(), context(policy));

  it("unbinds public egress from sandbox, closing what only it opened", () => {
    expect(summary(byName(plans, "sandbox"))).toEqual({
      ops: ["unbind public_networks_egress"],
      opens: [],
      closes: ["public-web", "s3-user-provided", "s3-brokered"],
    });
    expect(byName(plans, "sandbox")).toMatchObject({
      space: { guid: ids.spaces.alphaSandbox, name: "sandbox" },
      status: "plan",
      ops: [
        {
          action: "unbind",
          group: { guid: ids.securityGroups.public, name: "public_networks_egress" },
          lifecycle: "running",
        },
      ],
      closes: [{ id: "public-web", label: "Public web", before: "allowed", after: "blocked" }, {}, {}],
    });
  });

  it("unbinds public egress from prod, which keeps brokered S3 through trusted-local", () => {
    expect(summary(byName(plans, "prod"))).toEqual({
      ops: ["unbind public_networks_egress"],
      opens: [],
      closes: ["public-web", "s3-user-provided"],
    });
    expect(byName(plans, "prod").compliance.reasons).toEqual([
      "Public egress is on; policy rule 2 'prod must not have public egress'",
    ]);
  });

  it("never touches dev and staging, which comply", () => {
    expect(byName(plans, "dev").status).toBe("compliant");
    expect(byName(plans, "staging").status).toBe("compliant");
    expect(byName(plans, "dev")).not.toHaveProperty("ops");
  });

  it("gives the cf commands of a plan, and none for a space left alone", () => {
    expect(cfCommandsFor(byName(plans, "sandbox"), "agency-alpha", "sandbox")).toEqual([
      "cf unbind-security-group public_networks_egress agency-alpha sandbox",
    ]);
    expect(cfCommandsFor(byName(plans, "dev"), "agency-alpha", "dev")).toEqual([]);
  });
});

describe("plans of several operations", () => {
  it("moves a space between postures with unbinds first, then binds", () => {
    const plans = planSpaces(
      alpha(),
      context(policyOf([{ spaces: "sandbox", require: { posture: "trusted-local" } }])),
    );
    const sandbox = byName(plans, "sandbox");
    expect(summary(sandbox)).toEqual({
      ops: ["unbind public_networks_egress", "bind trusted_local_networks_egress"],
      opens: ["rds", "redis", "elasticsearch"],
      closes: ["public-web", "s3-user-provided"],
    });
    expect(cfCommandsFor(sandbox, "my org", "sandbox")).toEqual([
      "cf unbind-security-group public_networks_egress 'my org' sandbox",
      "cf bind-security-group trusted_local_networks_egress 'my org' --space sandbox",
    ]);
  });

  it("binds the one profile that opens a destination", () => {
    const plans = planSpaces(
      alpha(),
      context(policyOf([{ spaces: "dev", require: { destination: "rds", reachable: true } }])),
    );
    expect(summary(byName(plans, "dev"))).toEqual({
      ops: ["bind trusted_local_networks_egress"],
      opens: ["s3-brokered", "rds", "redis", "elasticsearch"],
      closes: [],
    });
  });

  it("prefers, between equally small plans, the one that opens the fewest destinations", () => {
    // Either profile opens brokered S3; public opens three destinations, trusted-local four.
    const plans = planSpaces(
      alpha(),
      context(policyOf([{ spaces: "dev", require: { destination: "s3-brokered", reachable: true } }])),
    );
    expect(summary(byName(plans, "dev"))).toMatchObject({ ops: ["bind public_networks_egress"] });
  });

  it("unbinds a custom group for a posture, and every group letting traffic through for 'must not reach'", () => {
    const custom: SecurityGroup = {
      ...cfGroup("public_networks_egress"),
      guid: "custom-guid",
      name: "partner-api",
    };
    const space: PlanSpace = {
      guid: "s1",
      name: "dev",
      running: { global: [cfGroup("dns")], bound: [custom, cfGroup("trusted_local_networks_egress")] },
      permission: allowed,
    };
    const closed = planSpace(space, context(policyOf([], { posture: "closed" })));
    expect(summary(closed)).toMatchObject({
      ops: ["unbind partner-api", "unbind trusted_local_networks_egress"],
    });
    const noWeb = planSpace(space, context(policyOf([], { destination: "public-web", reachable: false })));
    expect(summary(noWeb)).toEqual({
      ops: ["unbind partner-api"],
      opens: [],
      closes: ["public-web", "s3-user-provided"],
    });
  });
});

describe("spaces that cannot be brought into policy", () => {
  it("names the profile group the user cannot see (sasha cannot see trusted-local)", () => {
    const sasha = [cfGroup("dns"), cfGroup("public_networks_egress", [ids.spaces.alphaSandbox])];
    const spaces = alpha(allowed, sasha).filter((s) => s.name === "sandbox");
    const invisible =
      "Trusted local egress is not visible to you: an administrator must make trusted_local_networks_egress available to your org first";
    const posture = planSpaces(
      spaces,
      context(policyOf([{ spaces: "*", require: { posture: "trusted-local" } }]), sasha),
    );
    expect(summary(byName(posture, "sandbox"))).toEqual({ unattainable: invisible });
    const reach = planSpaces(
      spaces,
      context(policyOf([{ spaces: "*", require: { destination: "rds", reachable: true } }]), sasha),
    );
    expect(summary(byName(reach, "sandbox"))).toEqual({
      unattainable: `RDS cannot be reached with the profiles you can bind; ${invisible}`,
    });
  });

  it("gives the reason the user may not change the space: a missing role, a suspended org", () => {
    const policy = policyOf([{ spaces: "prod", require: { profile: "public", present: false } }]);
    const audrey = planSpaces(alpha({ canChange: false, reason: MESSAGES.notAuthorized }), context(policy));
    expect(summary(byName(audrey, "prod"))).toEqual({ unattainable: MESSAGES.notAuthorized });
    // Compliant spaces stay compliant whatever the user may do.
    expect(byName(audrey, "dev").status).toBe("compliant");
    const legacy: PlanSpace = {
      guid: ids.spaces.gammaLegacy,
      name: "legacy",
      running: { global: [cfGroup("dns")], bound: [] },
      permission: { canChange: false, reason: MESSAGES.orgSuspended },
    };
    const plan = planSpace(legacy, context(policyOf([], { profile: "public", present: true })));
    expect(summary(plan)).toEqual({ unattainable: MESSAGES.orgSuspended });
  });

  it("says a platform-wide group cannot be unbound, before any missing role", () => {
    const global = {
      ...cfGroup("public_networks_egress"),
      globally_enabled: { running: true, staging: true },
    };
    const groups = [
      cfGroup("dns"),
      global,
      cfGroup(
        "trusted_local_networks_egress",
        alphaSpaces.map((s) => s.guid),
      ),
    ];
    const spaces = alpha({ canChange: false, reason: MESSAGES.notAuthorized }, groups);
    const closed = planSpaces(
      spaces,
      context(policyOf([{ spaces: "dev", require: { posture: "closed" } }]), groups),
    );
    expect(summary(byName(closed, "dev"))).toEqual({
      unattainable: "public_networks_egress is enabled platform-wide; unbinding cannot remove it",
    });
    const noWeb = planSpaces(
      spaces,
      context(policyOf([], { destination: "public-web", reachable: false }), groups),
    );
    expect(summary(byName(noWeb, "staging"))).toEqual({
      unattainable:
        "public_networks_egress is enabled platform-wide; unbinding cannot remove it, and it lets traffic to Public web through",
    });
  });

  it("says when no profile opens a destination fully", () => {
    const tcp80 = { protocol: "tcp", destination: "93.184.216.0/24", ports: "80" };
    const webOnly = { ...cfGroup("public_networks_egress"), rules: [tcp80] };
    const groups = [cfGroup("dns"), webOnly, cfGroup("trusted_local_networks_egress")];
    const spaces = alpha(allowed, groups).filter((s) => s.name === "dev");
    const plans = planSpaces(
      spaces,
      context(policyOf([], { destination: "public-web", reachable: true }), groups),
    );
    expect(summary(byName(plans, "dev"))).toEqual({
      unattainable:
        "No profile opens Public web fully: an administrator must provide a security group that does",
    });
  });
});
