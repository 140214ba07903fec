import { DEMO_PASSWORD, type SeedRole, type SeedRule, type SeedSecurityGroup, type SeedWorld } from "./seed";
import { profileGroups, realisticGroups } from "./generate-realistic";
import { stableGuid } from "./world";

/**
 * Large worlds for benchmarks: the seeded world plus generated orgs, spaces
 * and security groups, deterministic for a given shape so runs compare.
 * A user `bench` (password `demo-password`) manages every generated org.
 *
 * Two shapes of groups:
 * - `uniform` (the default, what the first benchmarks used): `groups` groups
 *   of `rulesPerGroup` random rules; half the generated spaces get 1–3 of
 *   them at random;
 * - `realistic`: a foundation of `foundationSpaces` spaces (the generated
 *   orgs plus orgs `foundation-org-<n>` of 250 spaces), with groups shaped as
 *   sim/generate-realistic.ts describes: most bound to one space, some to
 *   hundreds, a few platform-wide, 1 to 300 rules each.
 * In both, the generated spaces get the seed's profile groups as before.
 */

export const WORLD_SHAPES = ["uniform", "realistic"] as const;
export type WorldShapeName = (typeof WORLD_SHAPES)[number];

export type WorldShape = {
  /** Spaces per generated org, e.g. [1000, 1000, 10]. */
  orgSizes: number[];
  groups: number;
  rulesPerGroup?: number;
  shape?: WorldShapeName;
  /** Realistic shape: spaces of the whole foundation; by default twice the generated orgs' or `groups`, if more. */
  foundationSpaces?: number;
  /** Realistic shape: spaces per org around the generated ones (250 by default); fewer make more orgs. */
  foundationOrgSize?: number;
};

/** Spaces per org around the benchmarked ones in the realistic shape, unless the shape says. */
const FOUNDATION_ORG_SIZE = 250;

/** A small deterministic PRNG (mulberry32), so a shape always yields the same world. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const BENCH_USER = "bench";

function generatedRule(next: () => number): SeedRule {
  const octet = () => Math.floor(next() * 256);
  const pick = next();
  const prefix = 16 + Math.floor(next() * 17);
  const destination =
    pick < 0.6
      ? `10.${octet()}.${octet()}.0/${Math.max(prefix, 24)}`
      : `${11 + Math.floor(next() * 150)}.${octet()}.0.0/16`;
  const protocol = next() < 0.85 ? "tcp" : "udp";
  const low = 1 + Math.floor(next() * 60000);
  const ports = next() < 0.5 ? String(low) : next() < 0.5 ? `${low},${low + 1}` : `${low}-${low + 100}`;
  return { protocol, destination, ports };
}

export function generateWorld(base: SeedWorld, shape: WorldShape): SeedWorld {
  if (shape.shape === "realistic") return generateRealistic(base, shape);
  const next = random(shape.orgSizes.length * 7919 + shape.groups);
  const world: SeedWorld = structuredClone(base);
  const benchGuid = addBenchUser(world);

  const groups: SeedSecurityGroup[] = Array.from({ length: shape.groups }, (_, i) => ({
    guid: stableGuid(`group:${i}`),
    name: `bench-group-${String(i + 1).padStart(3, "0")}`,
    globallyEnabled: { running: false, staging: false },
    rules: Array.from({ length: shape.rulesPerGroup ?? 20 }, () => generatedRule(next)),
    runningSpaces: [],
    stagingSpaces: [],
  }));
  const profiles = profileGroups(world);

  addBenchOrgs(world, shape.orgSizes, benchGuid, (spaceGuid) => {
    // A realistic spread: some spaces public, some trusted-local, some with custom groups.
    if (next() < 0.3) profiles.public?.runningSpaces.push(spaceGuid);
    if (next() < 0.4) profiles.trusted?.runningSpaces.push(spaceGuid);
    if (groups.length > 0 && next() < 0.5) {
      const count = 1 + Math.floor(next() * 3);
      for (let k = 0; k < count; k++) {
        groups[Math.floor(next() * groups.length)]?.runningSpaces.push(spaceGuid);
      }
    }
  });
  for (const group of groups) group.runningSpaces = [...new Set(group.runningSpaces)];
  world.securityGroups.push(...groups);
  return world;
}

function addBenchUser(world: SeedWorld): string {
  const guid = stableGuid("user:bench");
  world.users.push({
    guid,
    username: BENCH_USER,
    password: DEMO_PASSWORD,
    email: "bench@example.gov",
    givenName: "Bench",
    familyName: "Marker",
    groups: ["openid", "cloud_controller.read", "cloud_controller.write"],
  });
  return guid;
}

/** The generated orgs `bench-org-<n>-<size>`, managed by `bench`; `each` is told of every new space. */
function addBenchOrgs(world: SeedWorld, sizes: number[], benchGuid: string, each: (guid: string) => void) {
  sizes.forEach((size, orgIndex) => {
    const orgGuid = stableGuid(`org:${orgIndex}`);
    world.orgs.push({ guid: orgGuid, name: `bench-org-${orgIndex + 1}-${size}`, suspended: false });
    const roles: SeedRole[] = [
      { user: benchGuid, type: "organization_user", org: orgGuid },
      { user: benchGuid, type: "organization_manager", org: orgGuid },
    ];
    world.roles.push(...roles);
    for (let s = 0; s < size; s++) {
      const spaceGuid = stableGuid(`space:${orgIndex}:${s}`);
      world.spaces.push({ guid: spaceGuid, name: `space-${String(s + 1).padStart(5, "0")}`, org: orgGuid });
      each(spaceGuid);
    }
  });
}

function generateRealistic(base: SeedWorld, shape: WorldShape): SeedWorld {
  const next = random(0x5ca1e + shape.orgSizes.reduce((a, b) => a * 31 + b, 7) + shape.groups * 7919);
  const world: SeedWorld = structuredClone(base);
  const benchGuid = addBenchUser(world);
  const profiles = profileGroups(world);
  const benchSpaces: string[] = [];
  addBenchOrgs(world, shape.orgSizes, benchGuid, (spaceGuid) => {
    benchSpaces.push(spaceGuid);
    if (next() < 0.3) profiles.public?.runningSpaces.push(spaceGuid);
    if (next() < 0.4) profiles.trusted?.runningSpaces.push(spaceGuid);
  });
  const total = shape.foundationSpaces ?? Math.max(2 * benchSpaces.length, shape.groups);
  const spaces = [...benchSpaces];
  const orgSize = Math.max(1, shape.foundationOrgSize ?? FOUNDATION_ORG_SIZE);
  for (let org = 0; spaces.length < total; org++) {
    const orgGuid = stableGuid(`foundation-org:${org}`);
    world.orgs.push({ guid: orgGuid, name: `foundation-org-${org + 1}`, suspended: false });
    for (let s = 0; s < orgSize && spaces.length < total; s++) {
      const guid = stableGuid(`foundation-space:${org}:${s}`);
      world.spaces.push({ guid, name: `space-${String(s + 1).padStart(5, "0")}`, org: orgGuid });
      spaces.push(guid);
    }
  }
  world.securityGroups.push(...realisticGroups({ groups: shape.groups, spaces, benchSpaces, next }));
  return world;
}
