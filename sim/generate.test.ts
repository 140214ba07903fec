import { describe, expect, it } from "vitest";
import { generateWorld } from "./generate";
import { PLATFORM_GROUPS } from "./generate-realistic";
import { ids, seed } from "./seed";
import { buildWorld, stableGuid, validateSeed } from "./world";

/** The benchmark worlds: deterministic, valid, and shaped as sim/generate-realistic.ts says. */

const seeded = new Set(seed.securityGroups.map((g) => g.guid));

describe("the realistic shape", () => {
  const shape = { orgSizes: [100, 400], groups: 3000, shape: "realistic" as const };
  const world = generateWorld(seed, shape);
  const groups = world.securityGroups.filter((g) => !seeded.has(g.guid));

  it("is the same world every time, and a valid seed", () => {
    expect(JSON.stringify(generateWorld(seed, shape))).toBe(JSON.stringify(world));
    expect(() => validateSeed(world)).not.toThrow();
    expect(buildWorld(world).securityGroups.size).toBe(seed.securityGroups.length + 3000);
  });

  it("puts the generated orgs among a foundation's other orgs", () => {
    const bench = world.orgs.filter((o) => o.name.startsWith("bench-org-"));
    expect(bench.map((o) => o.guid)).toEqual([stableGuid("org:0"), stableGuid("org:1")]);
    // By default twice the generated orgs' spaces, or the number of groups, whichever is more.
    expect(world.spaces.length - seed.spaces.length).toBe(3000);
    const sized = generateWorld(seed, { ...shape, foundationSpaces: 10_000 });
    expect(sized.spaces.length - seed.spaces.length).toBe(10_000);
  });

  it("binds most groups to one space, some to hundreds, and enables a few platform-wide", () => {
    const global = groups.filter((g) => g.globallyEnabled.running || g.globallyEnabled.staging);
    expect(global).toHaveLength(PLATFORM_GROUPS);
    const bound = groups.map((g) => g.runningSpaces.length);
    expect(bound.filter((n) => n === 1).length / groups.length).toBeGreaterThan(0.95);
    const wide = bound.filter((n) => n >= 100);
    expect(wide.length).toBe(30);
    expect(Math.max(...bound)).toBeLessThanOrEqual(501);
    expect(groups.filter((g) => g.stagingSpaces.length > 0).length).toBeGreaterThan(0);
  });

  it("gives groups from 1 to a few hundred rules, most of them few", () => {
    const rules = groups.map((g) => g.rules.length);
    expect(Math.min(...rules)).toBe(1);
    expect(Math.max(...rules)).toBeGreaterThan(100);
    expect(Math.max(...rules)).toBeLessThanOrEqual(300);
    expect(rules.filter((n) => n <= 3).length / rules.length).toBeGreaterThan(0.7);
  });

  it("keeps the seed's profile groups on some generated spaces, so postures vary", () => {
    const mine = new Set(world.spaces.filter((s) => s.org === stableGuid("org:0")).map((s) => s.guid));
    const onMine = (guid: string) =>
      world.securityGroups.find((g) => g.guid === guid)?.runningSpaces.filter((s) => mine.has(s)).length ?? 0;
    expect(onMine(ids.securityGroups.public)).toBeGreaterThan(10);
    expect(onMine(ids.securityGroups.trustedLocal)).toBeGreaterThan(10);
  });
});

describe("the uniform shape", () => {
  it("is what the first benchmarks ran on: the groups spread over half the generated spaces", () => {
    const world = generateWorld(seed, { orgSizes: [200], groups: 50 });
    const groups = world.securityGroups.filter((g) => !seeded.has(g.guid));
    expect(groups).toHaveLength(50);
    expect(groups.every((g) => g.rules.length === 20)).toBe(true);
    expect(world.spaces.length - seed.spaces.length).toBe(200);
    expect(world.securityGroups.find((g) => g.name === "bench-group-001")?.guid).toBe(stableGuid("group:0"));
  });
});

describe("POST /__sim/world", () => {
  it("generates either shape, on the seed it started with or on a named one, within its bounds", async () => {
    const { startTestSim } = await import("./testing/harness");
    const t = await startTestSim({ seed: generateWorld(seed, { orgSizes: [30], groups: 5 }) });
    try {
      const post = async (body: unknown) => (await t.call("POST", "/__sim/world", { body })).status;
      const counts = () => ({ spaces: t.sim.world().spaces.size, groups: t.sim.world().securityGroups.size });
      expect(await post({ seed: "cloud-gov", shape: "realistic", org_sizes: [10], groups: 100 })).toBe(204);
      // On the plain seed: the 30 spaces the stand-in started with are gone; 100 groups plus the seed's.
      expect(counts()).toEqual({
        spaces: seed.spaces.length + 100,
        groups: seed.securityGroups.length + 100,
      });
      // Without a seed, on the world it started with: its 5 generated groups are back.
      expect(await post({ org_sizes: [10], groups: 0 })).toBe(204);
      expect(counts().groups).toBe(seed.securityGroups.length + 5);
      expect(await post({ shape: "realistic", org_sizes: [10], groups: 20_001 })).toBe(400);
      expect(await post({ org_sizes: [10], groups: 501 })).toBe(400);
      expect(await post({ shape: "round", org_sizes: [10], groups: 1 })).toBe(400);
      expect(await post({ org_sizes: [10], groups: 1, foundation_spaces: 100 })).toBe(400);
    } finally {
      await t.close();
    }
  });
});
