import type { SecurityGroup } from "@/lib/cf/schemas";
import { DEFAULT_PROFILES, defaultCatalog } from "@/lib/egress";
import { GroupIndex } from "@/lib/egress/space-egress";
import { ids, seed } from "@/sim/seed";
import type { PolicyContext } from "../schema";

/**
 * Test support: the seeded world of docs/design.md §3 as the CF API returns it to
 * an org manager of agency-alpha, for the policy tests. Not used by app code.
 */

const timestamp = "2025-01-01T00:00:00Z";

/** A seeded group as a CF `SecurityGroup`, bound to the given spaces only (what one user sees). */
export function cfGroup(name: string, visibleSpaces: readonly string[] = []): SecurityGroup {
  const g = seed.securityGroups.find((s) => s.name === name);
  if (g === undefined) throw new Error(`no seeded group ${name}`);
  const only = (guids: string[]) =>
    guids.filter((guid) => visibleSpaces.includes(guid)).map((guid) => ({ guid }));
  return {
    guid: g.guid,
    created_at: timestamp,
    updated_at: timestamp,
    name: g.name,
    globally_enabled: g.globallyEnabled,
    rules: g.rules,
    relationships: {
      running_spaces: { data: only(g.runningSpaces) },
      staging_spaces: { data: only(g.stagingSpaces) },
    },
    links: { self: { href: `https://api.example.gov/v3/security_groups/${g.guid}` } },
  };
}

export const alphaSpaces = [
  { guid: ids.spaces.alphaDev, name: "dev" },
  { guid: ids.spaces.alphaStaging, name: "staging" },
  { guid: ids.spaces.alphaProd, name: "prod" },
  { guid: ids.spaces.alphaSandbox, name: "sandbox" },
] as const;

/** What olivia (OrgManager of agency-alpha) sees: every group, bound to alpha's spaces. */
export function alphaGroups(): SecurityGroup[] {
  const guids = alphaSpaces.map((s) => s.guid);
  return ["dns", "public_networks_egress", "trusted_local_networks_egress"].map((n) => cfGroup(n, guids));
}

export function alphaIndex(groups: SecurityGroup[] = alphaGroups()): GroupIndex {
  return new GroupIndex(groups);
}

export const seededContext: PolicyContext = { profiles: DEFAULT_PROFILES, catalog: defaultCatalog };
