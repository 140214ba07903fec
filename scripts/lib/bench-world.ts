/**
 * The worlds the benchmarks run on: the seeded world plus generated orgs
 * (sim/generate.ts: `bench-org-<n>-<size>`, managed by the user `bench`),
 * and optionally more OrgManagers of the first generated org (`load-001`…),
 * for load tests with many distinct signed-in users.
 */
import { BENCH_USER, generateWorld, type WorldShapeName } from "../../sim/generate";
import { DEMO_PASSWORD, seed, type SeedWorld } from "../../sim/seed";
import { stableGuid } from "../../sim/world";

export { BENCH_USER, DEMO_PASSWORD };

export type BenchWorldShape = {
  orgSizes: number[];
  groups: number;
  managers?: number;
  /** sim/generate.ts's shapes: `uniform` (the default) or `realistic`. */
  shape?: WorldShapeName;
  foundationSpaces?: number;
  foundationOrgSize?: number;
};

/** The guid of the n-th generated org (0-based), as sim/generate.ts makes it. */
export const generatedOrgGuid = (index: number) => stableGuid(`org:${index}`);

export const loadUserName = (index: number) => `load-${String(index + 1).padStart(3, "0")}`;

export function benchWorld(shape: BenchWorldShape): SeedWorld {
  const world = generateWorld(seed, {
    orgSizes: shape.orgSizes,
    groups: shape.groups,
    shape: shape.shape,
    foundationSpaces: shape.foundationSpaces,
    foundationOrgSize: shape.foundationOrgSize,
  });
  const managers = shape.managers ?? 0;
  if (managers > 0 && shape.orgSizes.length === 0) throw new Error("extra managers need a generated org");
  const org = generatedOrgGuid(0);
  for (let i = 0; i < managers; i++) {
    const username = loadUserName(i);
    const guid = stableGuid(`user:${username}`);
    world.users.push({
      guid,
      username,
      password: DEMO_PASSWORD,
      email: `${username}@example.gov`,
      givenName: "Load",
      familyName: String(i + 1),
      groups: ["openid", "cloud_controller.read", "cloud_controller.write"],
    });
    world.roles.push(
      { user: guid, type: "organization_user", org },
      { user: guid, type: "organization_manager", org },
    );
  }
  return world;
}
