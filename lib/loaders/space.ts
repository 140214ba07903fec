import "server-only";
import { cache } from "react";
import type { SignedInUser } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { listUserRoles } from "@/lib/cf/roles";
import type { Organization, SecurityGroup, Space } from "@/lib/cf/schemas";
import { listSecurityGroups } from "@/lib/cf/security-groups";
import { observationOf, observeAfterResponse } from "@/lib/db/observe-after-response";
import { historyPage } from "@/lib/db/page-reads";
import type { HistoryEntry, ListResult } from "@/lib/db/types";
import type { Catalog, Lifecycle, Profile } from "@/lib/egress";
import { loadPlatform } from "@/lib/egress/load-catalog";
import { GroupIndex, spaceEgress, type SpaceBindings, type SpaceEgress } from "@/lib/egress/space-egress";
import { env } from "@/lib/env";
import { decide, roleAllows, type Decision } from "@/lib/permissions";
import { findFixes, type Fix } from "@/lib/view-models/fixes";
import {
  groupFindings,
  lintGroupOfCf,
  type GroupFindings,
  type GroupLintInputs,
} from "@/lib/view-models/group-lint";
import { findOrganization, findSpace } from "./lookups";
import { readSpacePlacement, type SpacePlacement } from "./space-segments";

/**
 * One space's page: its egress for running and staging with the reasons,
 * every applied group, what would fix each blocked destination, the
 * isolation segment, and what the user may change (lib/permissions).
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
  /** The user's role allows changing this space's egress, whatever the org's state (the export's can_manage). */
  canManage: boolean;
  /** Whether the user may change this space's egress now, or why not. */
  change: Decision;
  isAdmin: boolean;
  /** The space's placement: its own segment, the org's default, what it may be moved to, and whether the user may. */
  segments: SpacePlacement & { move: Decision };
  /** The space's latest history entries, newest first; null when the history cannot be read. */
  recent: HistoryEntry[] | null;
  /** When the page's reads started: "now" for words such as "outcome unknown". */
  loadedAt: number;
  catalogName: string;
  dynamicAsgs: boolean;
  /** Group lint for the applied groups (docs/design.md §13), by guid. */
  findings: GroupFindings;
};

function state(bindings: SpaceBindings, lifecycle: Lifecycle, guid: string): AppliedGroup["running"] {
  const isBound = bindings[lifecycle].bound.some((g) => g.guid === guid);
  const isGlobal = bindings[lifecycle].global.some((g) => g.guid === guid);
  return isBound && isGlobal ? "bound-and-global" : isBound ? "bound" : isGlobal ? "global" : null;
}

function appliedGroups(bindings: SpaceBindings): AppliedGroup[] {
  const { running, staging } = bindings;
  const unique = new Map(
    [...running.global, ...running.bound, ...staging.global, ...staging.bound].map((g) => [g.guid, g]),
  );
  return [...unique.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((group) => ({
      group,
      running: state(bindings, "running", group.guid),
      staging: state(bindings, "staging", group.guid),
    }));
}

/** Lint for the groups that apply, judged against the platform-wide groups among those the user sees. */
function appliedFindings(
  applied: readonly AppliedGroup[],
  visible: readonly SecurityGroup[],
  inputs: GroupLintInputs,
): GroupFindings {
  return groupFindings(
    applied.map((a) => lintGroupOfCf(a.group)),
    visible.map(lintGroupOfCf),
    inputs,
  );
}

const RECENT_ENTRIES = 5;

export type SpaceDetailOptions = {
  catalog: Catalog;
  profiles: readonly Profile[];
  dynamicAsgs: boolean;
  /** The space's recent history, read alongside CF (null: the database is down). */
  recent: Promise<ListResult | null>;
};

/**
 * The space page's CF reads and what is shown from them, at a constant
 * number of requests: the space, its org, every visible group (their
 * relationships carry this space's bindings, since the user can read the
 * space), the user's roles and the placement, all in parallel. Null when the
 * space does not exist, is not shown to the user, or is not in the org.
 */
export async function readSpaceDetail(
  client: CfClient,
  user: SignedInUser,
  orgGuid: string,
  spaceGuid: string,
  options: SpaceDetailOptions,
): Promise<{ detail: SpaceDetail; observation: ReturnType<typeof observationOf> } | null> {
  const { catalog, profiles } = options;
  const observedAt = Date.now();
  const [space, org, visible, roles, placement, recent] = await Promise.all([
    findSpace(client, spaceGuid),
    findOrganization(client, orgGuid),
    listSecurityGroups(client),
    listUserRoles(client, user.id),
    readSpacePlacement(client, spaceGuid, orgGuid),
    options.recent,
  ]);
  if (!space || !org || space.relationships.organization.data.guid !== orgGuid) return null;

  const index = new GroupIndex(visible);
  const bindings = index.bindings(spaceGuid);
  const egress = spaceEgress(bindings, index, catalog, profiles);
  const actor = { isAdmin: user.isAdmin, roles };
  const applied = appliedGroups(bindings);
  const detail: SpaceDetail = {
    org,
    space,
    egress,
    applied,
    bindable: [...visible].sort((a, b) => a.name.localeCompare(b.name)),
    fixes: findFixes(bindings, index, egress, catalog, profiles),
    canManage: roleAllows("change-space-egress", actor, orgGuid, spaceGuid),
    change: decide("change-space-egress", actor, org, spaceGuid),
    isAdmin: user.isAdmin,
    segments: { ...placement, move: decide("move-space-segment", actor, org) },
    recent: recent?.ok ? recent.entries : null,
    loadedAt: observedAt,
    catalogName: catalog.name,
    dynamicAsgs: options.dynamicAsgs,
    findings: appliedFindings(applied, visible, {
      catalog,
      profiles,
      dynamicAsgs: options.dynamicAsgs,
      seesAllBindings: user.readsGlobally,
    }),
  };
  return { detail, observation: observationOf(orgGuid, [space], visible, observedAt) };
}

/**
 * The space page's detail, once per request. The history is read alongside
 * CF (one database round trip, docs/design.md §8) and shown only if CF lets
 * the user read the space; the drift check runs after the response.
 */
export const loadSpaceDetail = cache(
  async (client: CfClient, user: SignedInUser, orgGuid: string, spaceGuid: string) => {
    const read = await readSpaceDetail(client, user, orgGuid, spaceGuid, {
      ...loadPlatform(),
      dynamicAsgs: env().dynamicAsgs,
      recent: historyPage({ orgGuid, spaceGuids: [spaceGuid], space: spaceGuid, limit: RECENT_ENTRIES }),
    });
    if (!read) return null;
    observeAfterResponse(read.observation);
    return read.detail;
  },
);
