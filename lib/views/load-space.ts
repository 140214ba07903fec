import "server-only";
import { cache } from "react";
import { getServerSession } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { CfApiError } from "@/lib/cf/errors";
import { getOrganizationDefaultSegment } from "@/lib/cf/orgs";
import { canManageSpaceEgress, listUserRoles, type Capability } from "@/lib/cf/roles";
import { isolationSegmentSchema, type Organization, type SecurityGroup, type Space } from "@/lib/cf/schemas";
import { listSecurityGroups, type Lifecycle } from "@/lib/cf/security-groups";
import { getCfClient } from "@/lib/cf/session-client";
import { getSpaceIsolationSegment } from "@/lib/cf/spaces";
import { preview, type Catalog, type Profile } from "@/lib/egress";
import { loadCatalog } from "@/lib/egress/load-catalog";
import { env } from "@/lib/env";
import { findOrganization, findSpace } from "./lookups";
import { profiles } from "./profiles";
import { GroupIndex, spaceEgress, type SpaceBindings, type SpaceEgress } from "./space-egress";

/**
 * One space's page: its egress for running and staging with the reasons,
 * every applied group, what would fix each blocked destination, the
 * isolation segment, and what the user may change.
 */

export type AppliedGroup = {
  group: SecurityGroup;
  running: "bound" | "global" | "bound-and-global" | null;
  staging: "bound" | "global" | "bound-and-global" | null;
};

export type Fix = { destinationId: string; profile: Profile };

export type SpaceDetail = {
  org: Organization;
  space: Space;
  egress: SpaceEgress;
  applied: AppliedGroup[];
  /** Every group the user can see, which a manager may bind under "Advanced" (CF ignores a repeated bind). */
  bindable: SecurityGroup[];
  /** For each blocked or partial running destination, a profile that would open it. */
  fixes: Fix[];
  capability: Capability;
  isAdmin: boolean;
  segment: { name: string; source: "space" | "org-default" } | null;
  catalogName: string;
  dynamicAsgs: boolean;
};

function state(bindings: SpaceBindings, lifecycle: Lifecycle, guid: string): AppliedGroup["running"] {
  const isBound = bindings[lifecycle].bound.some((g) => g.guid === guid);
  const isGlobal = bindings[lifecycle].global.some((g) => g.guid === guid);
  return isBound && isGlobal ? "bound-and-global" : isBound ? "bound" : isGlobal ? "global" : null;
}

/** The profiles that, turned on, would fully or partly open a destination that is not allowed now. */
export function findFixes(
  bindings: SpaceBindings,
  index: GroupIndex,
  egress: SpaceEgress,
  catalog: Catalog,
  available: readonly Profile[],
): Fix[] {
  const fixes: Fix[] = [];
  for (const profile of available) {
    const group = index.byName(profile.group);
    const view = egress.profiles.find((p) => p.id === profile.id);
    if (!group || !view || view.running !== "off") continue;
    const result = preview(bindings, { action: "bind", lifecycle: "running", group }, catalog);
    for (const opened of result.opens) {
      if (!fixes.some((f) => f.destinationId === opened.id))
        fixes.push({ destinationId: opened.id, profile });
    }
  }
  return fixes;
}

async function segmentName(
  client: CfClient,
  spaceGuid: string,
  orgGuid: string,
): Promise<SpaceDetail["segment"]> {
  const [own, orgDefault] = await Promise.all([
    getSpaceIsolationSegment(client, spaceGuid),
    getOrganizationDefaultSegment(client, orgGuid),
  ]);
  const guid = own ?? orgDefault;
  if (!guid) return null;
  try {
    const segment = await client.get(`/v3/isolation_segments/${guid}`, isolationSegmentSchema);
    return { name: segment.name, source: own ? "space" : "org-default" };
  } catch (error) {
    if (error instanceof CfApiError && error.isNotFound)
      return { name: guid, source: own ? "space" : "org-default" };
    throw error;
  }
}

export const loadSpaceDetail = cache(
  async (orgGuid: string, spaceGuid: string): Promise<SpaceDetail | null> => {
    const { client, userId } = await getCfClient();
    const session = await getServerSession();
    const user = { isAdmin: session?.user.isAdmin ?? false };
    const catalog = loadCatalog();

    // The visible groups carry this space's bindings in their relationships (the user can read the
    // space), so no space-scoped list is needed; the segment is looked up alongside.
    const [space, org, visible, roles, segment] = await Promise.all([
      findSpace(spaceGuid),
      findOrganization(orgGuid),
      listSecurityGroups(client),
      listUserRoles(client, userId),
      segmentName(client, spaceGuid, orgGuid),
    ]);
    if (!space || !org || space.relationships.organization.data.guid !== orgGuid) return null;

    const index = new GroupIndex(visible);
    const bindings = index.bindings(spaceGuid);
    const egress = spaceEgress(bindings, index, catalog, profiles());
    const { running, staging } = bindings;
    const applied = [
      ...new Map(
        [...running.global, ...running.bound, ...staging.global, ...staging.bound].map((g) => [g.guid, g]),
      ).values(),
    ]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((group) => ({
        group,
        running: state(bindings, "running", group.guid),
        staging: state(bindings, "staging", group.guid),
      }));

    return {
      org,
      space,
      egress,
      applied,
      bindable: [...visible].sort((a, b) => a.name.localeCompare(b.name)),
      fixes: findFixes(bindings, index, egress, catalog, profiles()),
      capability: canManageSpaceEgress(user, roles, { guid: spaceGuid, orgGuid }),
      isAdmin: user.isAdmin,
      segment,
      catalogName: catalog.name,
      dynamicAsgs: env().dynamicAsgs,
    };
  },
);
