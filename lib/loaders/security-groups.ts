import "server-only";
import { cache } from "react";
import { z } from "zod";
import type { SignedInUser } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { isGuid } from "@/lib/cf/ids";
import {
  organizationSchema,
  spaceListSchema,
  type Organization,
  type SecurityGroup,
  type Space,
} from "@/lib/cf/schemas";
import type { Finding } from "@/lib/egress/lint";
import {
  getSecurityGroup,
  listPlatformAndNamedSecurityGroups,
  listSecurityGroups,
} from "@/lib/cf/security-groups";
import { loadPlatform } from "@/lib/egress/load-catalog";
import { groupObservationOf, sliceOfList, type GroupsRead } from "@/lib/db/group-observation";
import { observeGroupsAfterResponse } from "@/lib/db/observe-groups-safely";
import { env } from "@/lib/env";
import {
  groupFindings,
  lintGroupOfCf,
  lintGroupOfView,
  type GroupFindings,
  type GroupLintInputs,
} from "@/lib/view-models/group-lint";
import {
  securityGroupView,
  securityGroupViews,
  type SecurityGroupView,
} from "@/lib/view-models/security-groups";

/**
 * The security-group pages' CF reads: the groups the user can see and the
 * spaces they can read (whose names the views show), two lists in parallel
 * whatever the size of the platform (docs/design.md §8).
 */

const includedOrgsSchema = z.array(organizationSchema);

/** Every space the user can read, with its org, in one list request. */
async function listSpacesWithOrgs(client: CfClient): Promise<{ spaces: Space[]; orgs: Organization[] }> {
  const { resources, included } = await client.list("/v3/spaces", spaceListSchema, {
    include: ["organization"],
  });
  // Each page was parsed already; the merged `included` is typed loosely, so narrow it again.
  return { spaces: resources, orgs: includedOrgsSchema.parse(included.organizations ?? []) };
}

/**
 * What was read, for the rule drift check (lib/db/group-observation.ts): the groups with their rules,
 * and the org of every space read. The orgs are those of the spaces read, which for a reader of
 * every space is every org that has one; an org without spaces is left out, which costs no drift
 * worth telling (no app there runs under a platform-wide group) and saves a request.
 */
function groupsRead(
  observedAt: number,
  groups: readonly SecurityGroup[],
  spaces: readonly Space[],
  orgs: readonly Organization[],
): GroupsRead {
  return {
    observedAt,
    groups,
    orgOfSpace: new Map(spaces.map((s) => [s.guid, s.relationships.organization.data.guid])),
    allOrgGuids: orgs.map((o) => o.guid),
    inFlightMs: env().changeInFlightMs,
  };
}

type Read<V> = { view: V; read: GroupsRead };

async function readSecurityGroupsAndRead(client: CfClient): Promise<Read<SecurityGroupView[]>> {
  const observedAt = Date.now();
  const [groups, { spaces, orgs }] = await Promise.all([
    listSecurityGroups(client),
    listSpacesWithOrgs(client),
  ]);
  return {
    view: securityGroupViews(groups, spaces, orgs),
    read: groupsRead(observedAt, groups, spaces, orgs),
  };
}

async function readSecurityGroupAndRead(
  client: CfClient,
  guid: string,
): Promise<Read<SecurityGroupView> | null> {
  const observedAt = Date.now();
  const [group, { spaces, orgs }] = await Promise.all([
    getSecurityGroup(client, guid),
    listSpacesWithOrgs(client),
  ]);
  if (!group) return null;
  return {
    view: securityGroupView(group, spaces, orgs),
    read: groupsRead(observedAt, [group], spaces, orgs),
  };
}

/** The list page's CF reads, with the given client: two list requests, in parallel. */
export async function readSecurityGroups(client: CfClient): Promise<SecurityGroupView[]> {
  return (await readSecurityGroupsAndRead(client)).view;
}

/**
 * The detail page's CF reads: the group and the spaces list, in parallel (one round trip, at the
 * price of a wasted list when the group turns out not to exist). Null when CF answers 404.
 */
export async function readSecurityGroup(client: CfClient, guid: string): Promise<SecurityGroupView | null> {
  return (await readSecurityGroupAndRead(client, guid))?.view ?? null;
}

/**
 * The detail page's reads with what its lint needs: the group, the spaces, and the platform-wide
 * groups (its rules are judged against theirs), all in parallel: four requests whatever the platform.
 */
export async function readSecurityGroupAndPlatform(
  client: CfClient,
  guid: string,
): Promise<{ group: SecurityGroupView | null; platformWide: SecurityGroup[]; read: GroupsRead | null }> {
  const [group, platformWide] = await Promise.all([
    readSecurityGroupAndRead(client, guid),
    listPlatformAndNamedSecurityGroups(client, []),
  ]);
  return { group: group?.view ?? null, platformWide, read: group?.read ?? null };
}

/**
 * The rule drift check over the groups the page read (docs/design.md §13, "Drift"), after the
 * response, for readers who see every binding (lib/db/group-observation.ts says why only they).
 */
function observeRead(user: SignedInUser, read: GroupsRead, where: string): void {
  if (user.readsGlobally) observeGroupsAfterResponse(groupObservationOf(read), where);
}

/** Groups the list observes per view: a slice, the next one each view (sliceOfList says why). */
const LIST_OBSERVES = 500;
let listViews = 0;

function lintInputs(user: SignedInUser): GroupLintInputs {
  return { ...loadPlatform(), dynamicAsgs: env().dynamicAsgs, seesAllBindings: user.readsGlobally };
}

/**
 * Admins and global readers see every binding (seesAllBindings); everyone else only those of spaces
 * they can read. `findings`: group lint over the groups the user sees (docs/design.md §13).
 */
export type SecurityGroupsPage = {
  groups: SecurityGroupView[];
  seesAllBindings: boolean;
  findings: GroupFindings;
};

export const loadSecurityGroups = cache(
  async (client: CfClient, user: SignedInUser): Promise<SecurityGroupsPage> => {
    const { view: groups, read } = await readSecurityGroupsAndRead(client);
    const slice = sliceOfList(read.groups, listViews++, LIST_OBSERVES);
    observeRead(user, { ...read, groups: slice }, "security-groups");
    const lintable = groups.map(lintGroupOfView);
    return {
      groups,
      seesAllBindings: user.readsGlobally,
      findings: groupFindings(lintable, lintable, lintInputs(user)),
    };
  },
);

export type SecurityGroupPage = { group: SecurityGroupView; seesAllBindings: boolean; findings: Finding[] };

/** One group, or null when the guid is malformed or CF answers 404 (no such group, or not visible). */
export const loadSecurityGroup = cache(
  async (client: CfClient, user: SignedInUser, guid: string): Promise<SecurityGroupPage | null> => {
    // A malformed guid never reaches CF: it could not name a group, and it would go into a URL path.
    if (!isGuid(guid)) return null;
    const { group, platformWide, read } = await readSecurityGroupAndPlatform(client, guid);
    if (!group || !read) return null;
    observeRead(user, read, "security-group");
    const lintable = lintGroupOfView(group);
    const findings = groupFindings([lintable], platformWide.map(lintGroupOfCf), lintInputs(user));
    return { group, seesAllBindings: user.readsGlobally, findings: findings[group.guid] ?? [] };
  },
);
