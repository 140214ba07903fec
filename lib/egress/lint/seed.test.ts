import { describe, expect, it } from "vitest";
import { SEEDS } from "@/sim/seeds";
import { defaultCatalog } from "../default-catalog";
import { DEFAULT_PROFILES } from "../profiles";
import { FINDING_KINDS, lintContext, lintGroups, type LintGroup } from "./index";

/** The stand-in's `lint` seed holds a group for every finding, and the default seed none (docs/design.md §3). */

function asLintGroups(name: keyof typeof SEEDS): LintGroup[] {
  return SEEDS[name].securityGroups.map((g) => ({
    guid: g.guid,
    name: g.name,
    rules: g.rules,
    global: g.globallyEnabled,
    boundFor: [
      ...(g.runningSpaces.length > 0 ? ["running" as const] : []),
      ...(g.stagingSpaces.length > 0 ? ["staging" as const] : []),
    ],
  }));
}

const adminContext = (groups: LintGroup[]) =>
  lintContext(
    { dynamicAsgs: true, seesAllBindings: true, catalog: defaultCatalog, profiles: DEFAULT_PROFILES },
    groups,
  );

describe("the stand-in's seeds", () => {
  it("lint: one group at least per finding kind", () => {
    const groups = asLintGroups("lint");
    const found = lintGroups(groups, adminContext(groups));
    const kinds = new Set([...found.values()].flat().map((f) => f.kind));
    expect([...kinds].sort()).toEqual([...FINDING_KINDS].sort());
  });

  it("cloud-gov: no findings, so the default world's pages stay as they were", () => {
    const groups = asLintGroups("cloud-gov");
    expect(lintGroups(groups, adminContext(groups)).size).toBe(0);
  });
});
