import { ids, seed, type SeedSecurityGroup, type SeedWorld } from "./seed";
import { lintSeed } from "./seed-lint";

/**
 * The seeds the stand-in can start from (`--seed <name>`, or
 * `POST /__sim/world {"seed": "<name>"}` in tests):
 *
 * - `cloud-gov`, the seeded world of docs/design.md §3 (the default);
 * - `cf-deployment`, the same orgs, spaces and users on a platform with
 *   cf-deployment's default security groups, as GOV.UK PaaS ran: `dns` and
 *   `public_networks` (every public IPv4 address) globally enabled for running
 *   and staging, and nothing bound to any space. With cloud.gov's profiles
 *   no profile names a group here, and still every space reaches the public
 *   web: the case that keeps the posture honest (lib/egress/posture.ts);
 * - `lint`, the cloud.gov world with one group per group-lint finding (./seed-lint.ts).
 */

/** cf-deployment's `public_networks`: the public IPv4 space (it excludes the RFC 1918 and link-local ranges). */
const publicNetworks: SeedSecurityGroup = {
  guid: "2e8d05a6-5b0b-4c7e-9d1f-3c6a6f0e4b21",
  name: "public_networks",
  globallyEnabled: { running: true, staging: true },
  rules: [
    "0.0.0.0-9.255.255.255",
    "11.0.0.0-169.253.255.255",
    "169.255.0.0-172.15.255.255",
    "172.32.0.0-192.167.255.255",
    "192.169.0.0-255.255.255.255",
  ].map((destination) => ({ protocol: "all", destination })),
  runningSpaces: [],
  stagingSpaces: [],
};

function cfDeployment(base: SeedWorld): SeedWorld {
  const dns = base.securityGroups.find((g) => g.guid === ids.securityGroups.dns);
  if (!dns) throw new Error("the seed has no dns group");
  return { ...structuredClone(base), securityGroups: [structuredClone(dns), publicNetworks] };
}

export const SEEDS = {
  "cloud-gov": seed,
  "cf-deployment": cfDeployment(seed),
  lint: lintSeed(seed),
} as const satisfies Record<string, SeedWorld>;

export type SeedName = keyof typeof SEEDS;

export function isSeedName(name: string): name is SeedName {
  return Object.hasOwn(SEEDS, name);
}
