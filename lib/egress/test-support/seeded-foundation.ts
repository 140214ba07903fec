import type { SecurityGroup } from "@/lib/cf/schemas";
import { seed, type SeedSecurityGroup } from "@/sim/seed";

/**
 * The seeded world (docs/design.md §3) as an admin's three CF lists give it, for the tests of
 * the group edit and create previews and plans: fresh copies each call, so a test may change them.
 */
export function seededFoundation() {
  const groups = seed.securityGroups.map(cfSecurityGroup);
  const spaces = seed.spaces.map((s) => ({ guid: s.guid, name: s.name, orgGuid: s.org }));
  const orgs = seed.orgs.map((o) => ({ guid: o.guid, name: o.name }));
  return { groups, spaces, orgs };
}

/** A seed-shaped group (the seed's, or a generated world's) as CF's list gives it to an admin. */
export function cfSecurityGroup(g: SeedSecurityGroup): SecurityGroup {
  return {
    guid: g.guid,
    name: g.name,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    globally_enabled: { ...g.globallyEnabled },
    rules: g.rules.map((r) => ({ ...r })),
    relationships: {
      running_spaces: { data: g.runningSpaces.map((guid) => ({ guid })) },
      staging_spaces: { data: g.stagingSpaces.map((guid) => ({ guid })) },
    },
    links: { self: { href: `/v3/security_groups/${g.guid}` } },
  };
}
