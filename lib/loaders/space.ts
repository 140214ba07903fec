import "server-only";
import { cache } from "react";
import { getServerSession } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { CfApiError } from "@/lib/cf/errors";
import { getOrganizationDefaultSegment } from "@/lib/cf/orgs";
import { listEntitledSegments } from "@/lib/cf/isolation-segments";
import {
  canManageSpaceEgress,
  listUserRoles,
  managesOrg,
  type Capability,
  type UserRoles,
} from "@/lib/cf/roles";
import { isolationSegmentSchema, type Organization, type SecurityGroup, type Space } from "@/lib/cf/schemas";
import { listSecurityGroups } from "@/lib/cf/security-groups";
import { getCfClient } from "@/lib/cf/session-client";
import { getSpaceIsolationSegment } from "@/lib/cf/spaces";
import type { Lifecycle } from "@/lib/egress";
import { loadCatalog } from "@/lib/egress/load-catalog";
import { env } from "@/lib/env";
import type { HistoryEntry } from "@/lib/db";
import { historyPage, observationOf, observeAfterResponse } from "./history";
import { findOrganization, findSpace } from "./lookups";
import { profiles } from "@/lib/egress/load-profiles";
import { findFixes, type Fix } from "@/lib/view-models/fixes";
import {
  GroupIndex,
  spaceEgress,
  type SpaceBindings,
  type SpaceEgress,
} from "@/lib/view-models/space-egress";

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
  /** The user may change this space's egress now: a role that allows it, and an org that is not suspended (admins excepted). */
  canChange: boolean;
  isAdmin: boolean;
  /** The space's placement: its own segment, the org's default, and what it may be moved to. */
  segments: {
    entitled: SegmentRef[];
    own: SegmentRef | null;
    orgDefault: SegmentRef | null;
    canMove: Capability;
  };
  /** The space's latest history entries, newest first; null when the history cannot be read. */
  recent: HistoryEntry[] | null;
  /** When the page's reads started: "now" for words such as "outcome unknown". */
  loadedAt: number;
  catalogName: string;
  dynamicAsgs: boolean;
};

function state(bindings: SpaceBindings, lifecycle: Lifecycle, guid: string): AppliedGroup["running"] {
  const isBound = bindings[lifecycle].bound.some((g) => g.guid === guid);
  const isGlobal = bindings[lifecycle].global.some((g) => g.guid === guid);
  return isBound && isGlobal ? "bound-and-global" : isBound ? "bound" : isGlobal ? "global" : null;
}

type SegmentRef = { guid: string; name: string };

/**
 * The space's placement: the org's entitled segments (one list), the space's own assignment and the
 * org's default (two relationships), in parallel. Names come from the entitled list; a segment
 * outside it (entitlement withdrawn since) is read by guid, and shown by guid if hidden.
 */
async function segmentsOf(client: CfClient, spaceGuid: string, orgGuid: string) {
  const [entitled, own, orgDefault] = await Promise.all([
    listEntitledSegments(client, orgGuid),
    getSpaceIsolationSegment(client, spaceGuid),
    getOrganizationDefaultSegment(client, orgGuid),
  ]);
  const byGuid = new Map(entitled.map((s) => [s.guid, { guid: s.guid, name: s.name }]));
  const named = async (guid: string | null): Promise<SegmentRef | null> => {
    if (guid === null) return null;
    const known = byGuid.get(guid);
    if (known) return known;
    try {
      const segment = await client.get(`/v3/isolation_segments/${guid}`, isolationSegmentSchema);
      return { guid, name: segment.name };
    } catch (error) {
      if (error instanceof CfApiError && error.isNotFound) return { guid, name: guid };
      throw error;
    }
  };
  const [ownRef, defaultRef] = await Promise.all([named(own), named(orgDefault)]);
  return {
    entitled: [...byGuid.values()].sort((a, b) => a.name.localeCompare(b.name)),
    own: ownRef,
    orgDefault: defaultRef,
  };
}

/** Admins and the org's managers move spaces between hosts (docs/adr/0005). */
function canMoveSpace(user: { isAdmin: boolean }, roles: UserRoles, org: Organization): Capability {
  if (!managesOrg(user, roles, org.guid))
    return {
      allowed: false,
      reason: `Only an OrgManager of ${org.name} or a platform admin can move a space to other hosts.`,
    };
  if (org.suspended && !user.isAdmin)
    return { allowed: false, reason: "This org is suspended: Cloud Foundry refuses changes to its spaces." };
  return { allowed: true };
}

const RECENT_ENTRIES = 5;

export const loadSpaceDetail = cache(
  async (orgGuid: string, spaceGuid: string): Promise<SpaceDetail | null> => {
    const { client, userId } = await getCfClient();
    const session = await getServerSession();
    const user = { isAdmin: session?.user.isAdmin ?? false };
    const catalog = loadCatalog();

    // The visible groups carry this space's bindings in their relationships (the user can read the
    // space), so no space-scoped list is needed; the segments are looked up alongside.
    const observedAt = Date.now();
    // The history is read alongside CF (one database round trip, design.md §8) and shown only if
    // CF lets the user read the space.
    const [space, org, visible, roles, segments, recent] = await Promise.all([
      findSpace(spaceGuid),
      findOrganization(orgGuid),
      listSecurityGroups(client),
      listUserRoles(client, userId),
      segmentsOf(client, spaceGuid, orgGuid),
      historyPage({ orgGuid, spaceGuids: [spaceGuid], space: spaceGuid, limit: RECENT_ENTRIES }),
    ]);
    if (!space || !org || space.relationships.organization.data.guid !== orgGuid) return null;
    observeAfterResponse(observationOf(orgGuid, [space], visible, observedAt));

    const index = new GroupIndex(visible);
    const bindings = index.bindings(spaceGuid);
    const egress = spaceEgress(bindings, index, catalog, profiles());
    const { running, staging } = bindings;
    const capability = canManageSpaceEgress(user, roles, { guid: spaceGuid, orgGuid });
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
      capability,
      canChange: capability.allowed && !(org.suspended && !user.isAdmin),
      isAdmin: user.isAdmin,
      segments: { ...segments, canMove: canMoveSpace(user, roles, org) },
      recent: recent?.ok ? recent.entries : null,
      loadedAt: observedAt,
      catalogName: catalog.name,
      dynamicAsgs: env().dynamicAsgs,
    };
  },
);
