import { createHash, randomUUID } from "node:crypto";
import type { RoleType, SeedRule, SeedWorld } from "./seed";

/** The stand-in's in-memory state: what the Cloud Controller keeps in its database. */

export type Timestamps = { createdAt: string; updatedAt: string };

export type Org = Timestamps & {
  guid: string;
  name: string;
  suspended: boolean;
  quotaGuid: string;
  defaultIsolationSegment: string | null;
};

export type Space = Timestamps & {
  guid: string;
  name: string;
  orgGuid: string;
  suspended: boolean;
  isolationSegment: string | null;
};

export type User = Timestamps & { guid: string; username: string; origin: string };

export type Role = Timestamps & {
  guid: string;
  type: RoleType;
  userGuid: string;
  orgGuid: string | null;
  spaceGuid: string | null;
};

export type Rule = SeedRule;

export type SecurityGroup = Timestamps & {
  guid: string;
  name: string;
  globallyEnabled: { running: boolean; staging: boolean };
  rules: Rule[];
  runningSpaces: Set<string>;
  stagingSpaces: Set<string>;
};

export type IsolationSegment = Timestamps & { guid: string; name: string; orgs: Set<string> };

export type Job = Timestamps & {
  guid: string;
  operation: string;
  state: "PROCESSING" | "POLLING" | "COMPLETE" | "FAILED";
  resource: { type: string; guid: string };
  errors: { code: number; title: string; detail: string }[];
  warnings: { detail: string }[];
};

export type World = {
  orgs: Map<string, Org>;
  spaces: Map<string, Space>;
  users: Map<string, User>;
  roles: Map<string, Role>;
  securityGroups: Map<string, SecurityGroup>;
  isolationSegments: Map<string, IsolationSegment>;
  jobs: Map<string, Job>;
};

/** CF timestamps have whole seconds and a Z: `2026-01-05T10:00:00Z`. */
export function timestamp(ms: number = Date.now()): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A fixed guid derived from a name, so seeded roles keep their guids across resets and restarts. */
export function stableGuid(name: string): string {
  const hex = createHash("sha1").update(name).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const newGuid = (): string => randomUUID();

const SEED_EPOCH = Date.parse("2026-01-05T10:00:00Z");
const DEFAULT_QUOTA_GUID = "d18632aa-c5e9-4e37-82a3-57629763653d";

/** Builds a fresh world from a seed. Seeded entities get increasing creation times in seed order. */
export function buildWorld(seed: SeedWorld): World {
  let tick = 0;
  const stamp = (): Timestamps => {
    const at = timestamp(SEED_EPOCH + tick++ * 60_000);
    return { createdAt: at, updatedAt: at };
  };

  const world: World = {
    orgs: new Map(),
    spaces: new Map(),
    users: new Map(),
    roles: new Map(),
    securityGroups: new Map(),
    isolationSegments: new Map(),
    jobs: new Map(),
  };

  for (const u of seed.users) {
    world.users.set(u.guid, { guid: u.guid, username: u.username, origin: "uaa", ...stamp() });
  }
  for (const segment of seed.isolationSegments) {
    world.isolationSegments.set(segment.guid, {
      guid: segment.guid,
      name: segment.name,
      orgs: new Set(segment.orgs),
      ...stamp(),
    });
  }
  for (const org of seed.orgs) {
    world.orgs.set(org.guid, {
      guid: org.guid,
      name: org.name,
      suspended: org.suspended,
      quotaGuid: DEFAULT_QUOTA_GUID,
      defaultIsolationSegment: org.defaultIsolationSegment ?? null,
      ...stamp(),
    });
  }
  for (const space of seed.spaces) {
    world.spaces.set(space.guid, {
      guid: space.guid,
      name: space.name,
      orgGuid: space.org,
      suspended: false,
      isolationSegment: space.isolationSegment ?? null,
      ...stamp(),
    });
  }
  for (const role of seed.roles) {
    const target = role.space ?? role.org ?? "";
    const guid = stableGuid(`role:${role.user}:${role.type}:${target}`);
    world.roles.set(guid, {
      guid,
      type: role.type,
      userGuid: role.user,
      orgGuid: role.space ? null : (role.org ?? null),
      spaceGuid: role.space ?? null,
      ...stamp(),
    });
  }
  for (const group of seed.securityGroups) {
    world.securityGroups.set(group.guid, {
      guid: group.guid,
      name: group.name,
      globallyEnabled: { ...group.globallyEnabled },
      rules: group.rules.map((rule) => ({ ...rule })),
      runningSpaces: new Set(group.runningSpaces),
      stagingSpaces: new Set(group.stagingSpaces),
      ...stamp(),
    });
  }
  return world;
}

/** Checks that a seed refers only to things it declares; a typo in a seed should fail loudly. */
export function validateSeed(seed: SeedWorld): void {
  const problems: string[] = [];
  const orgs = new Set(seed.orgs.map((o) => o.guid));
  const spaces = new Set(seed.spaces.map((s) => s.guid));
  const users = new Set(seed.users.map((u) => u.guid));
  const segments = new Set(seed.isolationSegments.map((i) => i.guid));
  const need = (set: Set<string>, guid: string | undefined, what: string) => {
    if (guid !== undefined && !set.has(guid)) problems.push(`unknown ${what} ${guid}`);
  };
  for (const space of seed.spaces) {
    need(orgs, space.org, "org");
    need(segments, space.isolationSegment, "isolation segment");
  }
  for (const role of seed.roles) {
    need(users, role.user, "user");
    need(orgs, role.org, "org");
    need(spaces, role.space, "space");
    if ((role.org === undefined) === (role.space === undefined)) {
      problems.push(`role ${role.type} of ${role.user} needs exactly one of org or space`);
    }
  }
  for (const group of seed.securityGroups) {
    for (const guid of [...group.runningSpaces, ...group.stagingSpaces]) need(spaces, guid, "space");
  }
  for (const segment of seed.isolationSegments) for (const org of segment.orgs) need(orgs, org, "org");
  if (problems.length > 0) throw new Error(`invalid seed:\n  ${problems.join("\n  ")}`);
}
