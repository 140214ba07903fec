import { ids, type SeedSecurityGroup, type SeedWorld } from "./seed";

/**
 * The `lint` seed (`--seed lint`, or `POST /__sim/world {"seed": "lint"}`):
 * the cloud.gov world with one security group per group-lint finding
 * (docs/design.md §13), so that the dashboard shows each finding against real
 * CF answers. A seed of its own, not more groups in the default world: the
 * default's group counts, postures and matrices are relied on by demos,
 * docs and tests (docs/design.md §3). Most lint groups are bound to
 * agency-beta/dev; `lint-unbound` to nothing; and public_networks_egress
 * (the public profile's group) gains a rule to the RDS subnet, a platform
 * network.
 */

export const lintGroupIds = {
  wideOpen: "7a1c3f52-0d4e-4b8a-9c61-2f5e8d7b1a01",
  icmpAny: "7a1c3f52-0d4e-4b8a-9c61-2f5e8d7b1a02",
  spacedPorts: "7a1c3f52-0d4e-4b8a-9c61-2f5e8d7b1a03",
  shadowed: "7a1c3f52-0d4e-4b8a-9c61-2f5e8d7b1a04",
  duplicates: "7a1c3f52-0d4e-4b8a-9c61-2f5e8d7b1a05",
  unbound: "7a1c3f52-0d4e-4b8a-9c61-2f5e8d7b1a06",
  manyDestinations: "7a1c3f52-0d4e-4b8a-9c61-2f5e8d7b1a07",
} as const;

/** 1,050 single addresses in 52.0.0.0/8, in four comma lists (CF's comma-delimited destinations). */
function manyDestinations(): SeedSecurityGroup["rules"] {
  const hosts = Array.from({ length: 1050 }, (_, i) => `52.1.${Math.floor(i / 250)}.${(i % 250) + 1}`);
  return [0, 1, 2, 3].map((part) => ({
    protocol: "tcp",
    destination: hosts.slice(part * 263, (part + 1) * 263).join(","),
    ports: "443",
  }));
}

const betaDev = ids.spaces.betaDev;

function lintGroup(
  guid: string,
  name: string,
  rules: SeedSecurityGroup["rules"],
  binding: { runningSpaces?: string[]; stagingSpaces?: string[] } = {},
): SeedSecurityGroup {
  return {
    guid,
    name,
    globallyEnabled: { running: false, staging: false },
    rules,
    runningSpaces: binding.runningSpaces ?? [],
    stagingSpaces: binding.stagingSpaces ?? [],
  };
}

const LINT_GROUPS: SeedSecurityGroup[] = [
  lintGroup(lintGroupIds.wideOpen, "lint-wide-open", [{ protocol: "all", destination: "0.0.0.0/0" }], {
    runningSpaces: [betaDev],
  }),
  lintGroup(
    lintGroupIds.icmpAny,
    "lint-icmp-any",
    [
      {
        protocol: "icmp",
        destination: "10.10.0.0/22",
        type: -1,
        code: -1,
        description: "ping the databases",
      },
    ],
    { runningSpaces: [betaDev] },
  ),
  lintGroup(
    lintGroupIds.spacedPorts,
    "lint-spaced-ports",
    [{ protocol: "tcp", destination: "93.184.216.0/24", ports: "80, 443" }],
    { runningSpaces: [betaDev] },
  ),
  lintGroup(
    lintGroupIds.shadowed,
    "lint-shadowed",
    [
      { protocol: "tcp", destination: "10.10.0.0/16", ports: "5432" },
      { protocol: "tcp", destination: "10.10.1.0/24", ports: "5432" },
      { protocol: "udp", destination: "8.8.8.8", ports: "53" },
    ],
    { runningSpaces: [betaDev] },
  ),
  lintGroup(
    lintGroupIds.duplicates,
    "lint-duplicates",
    [
      { protocol: "tcp", destination: "52.216.0.0/15", ports: "443" },
      { protocol: "tcp", destination: "52.216.0.0/15", ports: "443", description: "S3 again" },
    ],
    { stagingSpaces: [betaDev] },
  ),
  lintGroup(lintGroupIds.unbound, "lint-unbound", [
    { protocol: "tcp", destination: "10.10.4.0/24", ports: "6379" },
  ]),
  lintGroup(lintGroupIds.manyDestinations, "lint-many-destinations", manyDestinations(), {
    runningSpaces: [betaDev],
  }),
];

export function lintSeed(base: SeedWorld): SeedWorld {
  const world = structuredClone(base);
  const publicGroup = world.securityGroups.find((g) => g.guid === ids.securityGroups.public);
  if (!publicGroup) throw new Error("the seed has no public_networks_egress group");
  publicGroup.rules.push({ protocol: "tcp", destination: "10.10.0.0/22", ports: "5432", description: "RDS" });
  world.securityGroups.push(...structuredClone(LINT_GROUPS));
  return world;
}
