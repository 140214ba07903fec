import {
  DEMO_PASSWORD,
  ids,
  type SeedRole,
  type SeedRule,
  type SeedSecurityGroup,
  type SeedWorld,
} from "./seed";
import { stableGuid } from "./world";

/**
 * Large worlds for benchmarks: the seeded world plus generated orgs, spaces
 * and security groups, deterministic for a given shape so runs compare.
 * A user `bench` (password `demo-password`) manages every generated org.
 */

export type WorldShape = {
  /** Spaces per generated org, e.g. [1000, 1000, 10]. */
  orgSizes: number[];
  groups: number;
  rulesPerGroup?: number;
};

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
  const next = random(shape.orgSizes.length * 7919 + shape.groups);
  const world: SeedWorld = structuredClone(base);
  const benchGuid = stableGuid("user:bench");
  world.users.push({
    guid: benchGuid,
    username: BENCH_USER,
    password: DEMO_PASSWORD,
    email: "bench@example.gov",
    givenName: "Bench",
    familyName: "Marker",
    groups: ["openid", "cloud_controller.read", "cloud_controller.write"],
  });

  const groups: SeedSecurityGroup[] = Array.from({ length: shape.groups }, (_, i) => ({
    guid: stableGuid(`group:${i}`),
    name: `bench-group-${String(i + 1).padStart(3, "0")}`,
    globallyEnabled: { running: false, staging: false },
    rules: Array.from({ length: shape.rulesPerGroup ?? 20 }, () => generatedRule(next)),
    runningSpaces: [],
    stagingSpaces: [],
  }));
  const publicGroup = world.securityGroups.find((g) => g.guid === ids.securityGroups.public);
  const trustedGroup = world.securityGroups.find((g) => g.guid === ids.securityGroups.trustedLocal);

  shape.orgSizes.forEach((size, orgIndex) => {
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
      // A realistic spread: some spaces public, some trusted-local, some with custom groups.
      if (next() < 0.3) publicGroup?.runningSpaces.push(spaceGuid);
      if (next() < 0.4) trustedGroup?.runningSpaces.push(spaceGuid);
      if (groups.length > 0 && next() < 0.5) {
        const count = 1 + Math.floor(next() * 3);
        for (let k = 0; k < count; k++) {
          groups[Math.floor(next() * groups.length)]?.runningSpaces.push(spaceGuid);
        }
      }
    }
  });
  for (const group of groups) group.runningSpaces = [...new Set(group.runningSpaces)];
  world.securityGroups.push(...groups);
  return world;
}
