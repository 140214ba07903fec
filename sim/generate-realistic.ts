import { ids, type SeedRule, type SeedSecurityGroup, type SeedWorld } from "./seed";
import { stableGuid } from "./world";

/**
 * The groups of a foundation shaped like the large ones reported in the field
 * (cf CLI issues #878, #892, #2117; capi-release#236; cloud_controller_ng
 * PR #2475): thousands of groups, most created by a broker for one service
 * binding and bound to that one space (Orange's sec-group-broker-filter does
 * exactly that), some shared groups bound to hundreds of spaces, a few
 * platform-wide ones; 1 to a few hundred rules per group. The benchmarked orgs
 * are a part of a larger foundation, so most groups belong to other orgs' spaces.
 *
 * Deterministic: the same shape always gives the same world.
 */

export type RealisticShape = {
  groups: number;
  /** Every space of the foundation (generated orgs and the rest), where groups get bound. */
  spaces: readonly string[];
  /** The spaces of the benchmarked orgs, part of `spaces`. */
  benchSpaces: readonly string[];
  next: () => number;
};

/** Platform-wide groups of the realistic shape: a few, whatever the number of groups. */
export const PLATFORM_GROUPS = 3;
/** Shared groups (a logging drain, a proxy, a mail relay) bound to hundreds of spaces: 1 in 100. */
const SHARED_SHARE = 0.01;
const SHARED_SPACES = { min: 100, max: 500 };
/** Service-binding groups go to the spaces that use services: 40 in 100, so such a space has several. */
const SERVICE_SPACE_SHARE = 0.4;
/** Service-binding groups also bound for staging (a binding used while staging): 2 in 100. */
const STAGING_SHARE = 0.02;

/** The brokered subnets of the seeded network (docs/design.md §3), where most services live. */
const SERVICES = [
  { net: [10, 10, 0], hosts: 4, ports: ["5432", "3306"] }, // RDS, 10.10.0.0/22
  { net: [10, 10, 4], hosts: 1, ports: ["6379"] }, // Redis
  { net: [10, 10, 5], hosts: 1, ports: ["443", "9200"] }, // Elasticsearch
  { net: [10, 10, 8], hosts: 1, ports: ["443"] }, // S3 VPC endpoint
] as const;

const int = (next: () => number, min: number, max: number) => min + Math.floor(next() * (max - min + 1));
const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

/** One service instance's address and port: mostly in a brokered subnet, otherwise elsewhere in 10/8. */
function serviceRule(next: () => number): SeedRule {
  if (next() < 0.7) {
    const service = pick(next, SERVICES);
    const [a, b, c] = service.net;
    const host = `${a}.${b}.${c + int(next, 0, service.hosts - 1)}.${int(next, 1, 254)}`;
    return { protocol: "tcp", destination: host, ports: pick(next, service.ports) };
  }
  const base = `10.${int(next, 20, 250)}.${int(next, 0, 255)}`;
  const destination = next() < 0.5 ? `${base}.${int(next, 1, 254)}` : `${base}.${int(next, 0, 15) * 16}/28`;
  return { protocol: "tcp", destination, ports: pick(next, ["5672", "27017", "8080", "443", "1521"]) };
}

/** A rule of an allow-list kept by hand: a public or private network, a port, a list or a range. */
function listRule(next: () => number): SeedRule {
  const roll = next();
  const destination =
    roll < 0.4
      ? `${int(next, 11, 191)}.${int(next, 0, 255)}.${int(next, 0, 255)}.0/24`
      : roll < 0.7
        ? `${int(next, 11, 191)}.${int(next, 0, 255)}.${int(next, 0, 255)}.${int(next, 1, 254)}`
        : roll < 0.9
          ? `10.${int(next, 0, 255)}.${int(next, 0, 255)}.0/24`
          : `172.${int(next, 16, 31)}.${int(next, 0, 255)}.${int(next, 0, 255)}`;
  const protocol = next() < 0.9 ? "tcp" : "udp";
  const low = int(next, 1, 60000);
  const ports = pick(next, ["443", "80,443", "8443", String(low), `${low}-${low + 99}`]);
  return { protocol, destination, ports };
}

/** 1–3 rules for most service bindings; a few grew into lists of hundreds. */
function serviceRuleCount(next: () => number): number {
  const roll = next();
  return roll < 0.85 ? int(next, 1, 3) : roll < 0.98 ? int(next, 4, 20) : int(next, 100, 300);
}

function sample(next: () => number, from: readonly string[], count: number): string[] {
  const chosen = new Set<string>();
  const wanted = Math.min(count, from.length);
  while (chosen.size < wanted) chosen.add(pick(next, from));
  return [...chosen];
}

export function realisticGroups({ groups, spaces, benchSpaces, next }: RealisticShape): SeedSecurityGroup[] {
  const platform = Math.min(PLATFORM_GROUPS, groups);
  const shared = Math.min(groups - platform, Math.ceil(groups * SHARED_SHARE));
  const serviceSpaces = spaces.filter(() => next() < SERVICE_SPACE_SHARE);
  const out: SeedSecurityGroup[] = [];
  const group = (
    key: string,
    name: string,
    rules: SeedRule[],
    running: string[] = [],
    staging: string[] = [],
  ) =>
    out.push({
      guid: stableGuid(`realistic-group:${key}`),
      name,
      globallyEnabled: { running: false, staging: false },
      rules,
      runningSpaces: running,
      stagingSpaces: staging,
    });

  const platformRules: SeedRule[][] = [
    [{ protocol: "udp", destination: "10.0.0.10-10.0.0.12", ports: "123" }],
    [{ protocol: "tcp", destination: "10.0.16.0/24", ports: "8125,9090" }],
    [
      { protocol: "tcp", destination: "10.0.32.5", ports: "3128" },
      { protocol: "tcp", destination: "10.0.32.6", ports: "3128" },
    ],
  ];
  for (let i = 0; i < platform; i++) {
    group(`platform:${i}`, `platform-${["ntp", "metrics", "proxy"][i]}`, platformRules[i] ?? []);
    const made = out.at(-1) as SeedSecurityGroup;
    made.globallyEnabled = { running: true, staging: i === 0 };
  }
  for (let i = 0; i < shared; i++) {
    const rules = Array.from({ length: int(next, 5, 60) }, () => listRule(next));
    const bound = sample(next, spaces, int(next, SHARED_SPACES.min, SHARED_SPACES.max));
    // Every benchmarked org has at least one space on each shared group, as a real shared service would.
    if (benchSpaces.length > 0) bound.push(pick(next, benchSpaces));
    group(`shared:${i}`, `shared-${String(i + 1).padStart(4, "0")}`, rules, [...new Set(bound)]);
  }
  for (let i = 0; out.length < groups; i++) {
    const count = serviceRuleCount(next);
    const rules = Array.from({ length: count }, () => (count > 20 ? listRule(next) : serviceRule(next)));
    const space = pick(next, serviceSpaces.length > 0 ? serviceSpaces : spaces);
    const staging = next() < STAGING_SHARE ? [space] : [];
    group(`binding:${i}`, `sb-${stableGuid(`binding:${i}`)}`, rules, [space], staging);
  }
  return out;
}

/** The seed's profile groups, for the generated spaces' profile bindings. */
export function profileGroups(world: SeedWorld) {
  return {
    public: world.securityGroups.find((g) => g.guid === ids.securityGroups.public),
    trusted: world.securityGroups.find((g) => g.guid === ids.securityGroups.trustedLocal),
  };
}
