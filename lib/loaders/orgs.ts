import "server-only";
import { listOrganizations } from "@/lib/cf/orgs";
import { listSecurityGroups } from "@/lib/cf/security-groups";
import type { SignedInUser } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { listSpaces } from "@/lib/cf/spaces";
import type { Posture } from "@/lib/egress";
import { loadPlatform } from "@/lib/egress/load-catalog";
import { GroupIndex, runningPosture, type PlatformEgress } from "@/lib/egress/space-egress";

export type OrgSummary = {
  guid: string;
  name: string;
  suspended: boolean;
  /** Spaces the user can see, per running posture. */
  postures: Record<Posture, number>;
  spaces: number;
};

/**
 * Every org the user can see with the postures of its visible spaces: three
 * lists (orgs, spaces, security groups), in parallel, whatever the number of
 * orgs and spaces. Also what the platform's global groups open for every space.
 */
export async function loadOrgSummaries(
  client: CfClient,
  _user: SignedInUser,
): Promise<{ orgs: OrgSummary[]; platform: PlatformEgress }> {
  const [orgs, spaces, groups] = await Promise.all([
    listOrganizations(client),
    listSpaces(client),
    listSecurityGroups(client),
  ]);
  const index = new GroupIndex(groups);
  const { catalog, profiles } = loadPlatform();
  const memo = new Map<string, Posture>();
  const summaries = new Map<string, OrgSummary>(
    orgs.map((o) => [
      o.guid,
      {
        guid: o.guid,
        name: o.name,
        suspended: o.suspended,
        spaces: 0,
        postures: { closed: 0, "trusted-local": 0, public: 0, both: 0, custom: 0 },
      },
    ]),
  );
  for (const space of spaces) {
    const summary = summaries.get(space.relationships.organization.data.guid);
    if (!summary) continue;
    summary.postures[runningPosture(index.bindings(space.guid), catalog, profiles, memo)] += 1;
    summary.spaces += 1;
  }
  return {
    orgs: [...summaries.values()].sort((a, b) => a.name.localeCompare(b.name)),
    platform: index.platform(catalog, profiles),
  };
}
