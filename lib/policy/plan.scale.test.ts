import { describe, expect, it } from "vitest";
import type { SecurityGroup } from "@/lib/cf/schemas";
import { MESSAGES } from "@/lib/failures/messages";
import { planSpaces, type Permission, type PlanSpace, type SpacePlan } from "./plan";
import type { Policy } from "./schema";
import { cfGroup, seededContext } from "./test-support/world";

/**
 * The org page may plan every space of an org at once (docs/design.md §8 budgets
 * 1,000-space pages). Timed twice: the first run includes compiling groups
 * and the JIT warming up. The bound is generous so a slow CI machine passes;
 * the figure is printed.
 */

const allowed: Permission = { canChange: true };

describe("planning 1,000 spaces", () => {
  it("stays fast with two profiles and a few custom groups", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const custom = (
      name: string,
      rule: { protocol: string; destination: string; ports?: string },
    ): SecurityGroup => ({
      ...cfGroup("dns"),
      guid: `guid-${name}`,
      name,
      globally_enabled: { running: false, staging: false },
      rules: [rule],
    });
    const groups = [
      cfGroup("dns"),
      cfGroup("public_networks_egress"),
      cfGroup("trusted_local_networks_egress"),
      custom("rds-postgres", { protocol: "tcp", destination: "10.10.0.0/22", ports: "5432" }),
      custom("redis-only", { protocol: "tcp", destination: "10.10.4.0/24", ports: "6379" }),
      custom("web-80", { protocol: "tcp", destination: "93.184.216.0/24", ports: "80" }),
      custom("partner", { protocol: "all", destination: "52.216.0.0/15" }),
    ];
    const bindable = groups.slice(1);
    const prefixes = ["sandbox", "prod", "dev", "qa", "data"];
    const spaces: PlanSpace[] = Array.from({ length: 1_000 }, (_, i) => ({
      guid: `space-${i}`,
      name: `${prefixes[i % prefixes.length]}-${i}`,
      running: { global: groups.slice(0, 1), bound: bindable.filter(() => random() < 0.35) },
      permission: i % 10 === 0 ? { canChange: false, reason: MESSAGES.notAuthorized } : allowed,
    }));
    const policy: Policy = {
      version: 1,
      rules: [
        { spaces: "sandbox-*", require: { posture: "closed" } },
        { spaces: "prod-*", require: { destination: "rds", reachable: true } },
        { spaces: "dev-*", require: { destination: "public-web", reachable: false } },
        { spaces: "qa-*", require: { posture: "both" } },
      ],
      default: { profile: "public", present: false },
    };
    const time = () => {
      const started = performance.now();
      const result = planSpaces(spaces, { ...seededContext, policy, visibleGroups: groups });
      return { result, ms: performance.now() - started };
    };
    const cold = time();
    const warm = time();
    const plans = warm.result;
    expect(plans).toEqual(cold.result);
    const count = (status: SpacePlan["status"]) => plans.filter((p) => p.status === status).length;
    console.info(
      `planned 1,000 spaces in ${cold.ms.toFixed(0)} ms (first run), ${warm.ms.toFixed(0)} ms (second): ${count("compliant")} compliant, ${count("plan")} plans, ${count("unattainable")} unattainable`,
    );
    expect(plans).toHaveLength(1_000);
    expect(count("plan")).toBeGreaterThan(100);
    expect(cold.ms).toBeLessThan(5_000);
  });
});
