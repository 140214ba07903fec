import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { currentPath, getServerSession, signInPath } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { CfApiError } from "@/lib/cf/errors";
import { isGuid } from "@/lib/cf/ids";
import {
  organizationSchema,
  spaceListSchema,
  type Organization,
  type SecurityGroup,
  type SecurityGroupRule,
  type Space,
} from "@/lib/cf/schemas";
import { getSecurityGroup, listSecurityGroups, type Lifecycle } from "@/lib/cf/security-groups";
import { getCfClient } from "@/lib/cf/session-client";

/**
 * The security-group pages' data. CF decides what the user sees twice over:
 * the groups list holds only the groups visible to them, and each group's
 * relationships hold only the bound spaces they can read (cf-api-and-uaa.md
 * §2.1, §2.3). The same user's spaces list, with its orgs included, names
 * exactly those spaces, so two requests serve a page whatever the size of
 * the platform: never one per group or per space (design.md §8).
 */

export type GroupBinding = {
  spaceGuid: string;
  /** Null when the space is not in the user's spaces list (it changed between the two requests). */
  spaceName: string | null;
  orgGuid: string | null;
  orgName: string | null;
  lifecycle: Lifecycle;
};

export type SecurityGroupView = {
  guid: string;
  name: string;
  rules: SecurityGroupRule[];
  global: Record<Lifecycle, boolean>;
  /** The bindings CF shows this user, by org, space, then running before staging. */
  bindings: GroupBinding[];
};

type SpaceName = { spaceName: string; orgGuid: string; orgName: string | null };

function spaceDirectory(spaces: readonly Space[], orgs: readonly Organization[]): Map<string, SpaceName> {
  const orgNames = new Map(orgs.map((o) => [o.guid, o.name]));
  return new Map(
    spaces.map((s) => {
      const orgGuid = s.relationships.organization.data.guid;
      return [s.guid, { spaceName: s.name, orgGuid, orgName: orgNames.get(orgGuid) ?? null }];
    }),
  );
}

const LIFECYCLES: readonly Lifecycle[] = ["running", "staging"];

/** Unnamed spaces sort last, so the named ones the user knows come first. */
function compareBindings(a: GroupBinding, b: GroupBinding): number {
  const byText = (x: string | null, y: string | null) =>
    x === y ? 0 : x === null ? 1 : y === null ? -1 : x.localeCompare(y, "en");
  return (
    byText(a.orgName, b.orgName) ||
    byText(a.spaceName, b.spaceName) ||
    a.spaceGuid.localeCompare(b.spaceGuid) ||
    LIFECYCLES.indexOf(a.lifecycle) - LIFECYCLES.indexOf(b.lifecycle)
  );
}

function shape(group: SecurityGroup, directory: Map<string, SpaceName>): SecurityGroupView {
  const bindings = LIFECYCLES.flatMap((lifecycle) =>
    group.relationships[`${lifecycle}_spaces`].data.map(({ guid }): GroupBinding => {
      const space = directory.get(guid);
      return {
        spaceGuid: guid,
        spaceName: space?.spaceName ?? null,
        orgGuid: space?.orgGuid ?? null,
        orgName: space?.orgName ?? null,
        lifecycle,
      };
    }),
  );
  return {
    guid: group.guid,
    name: group.name,
    rules: group.rules,
    global: { running: group.globally_enabled.running, staging: group.globally_enabled.staging },
    bindings: bindings.sort(compareBindings),
  };
}

/** Pure: CF's groups, spaces and orgs as the list page shows them; groups in name order. */
export function securityGroupViews(
  groups: readonly SecurityGroup[],
  spaces: readonly Space[],
  orgs: readonly Organization[],
): SecurityGroupView[] {
  const directory = spaceDirectory(spaces, orgs);
  return groups
    .map((g) => shape(g, directory))
    .sort((a, b) => a.name.localeCompare(b.name, "en") || a.guid.localeCompare(b.guid));
}

/** Pure: one group as the detail page shows it. */
export function securityGroupView(
  group: SecurityGroup,
  spaces: readonly Space[],
  orgs: readonly Organization[],
): SecurityGroupView {
  return shape(group, spaceDirectory(spaces, orgs));
}

/** The name filter of the list page: case-insensitive, by substring, as people type names. */
export function filterByName(views: readonly SecurityGroupView[], query: string): SecurityGroupView[] {
  const needle = query.trim().toLowerCase();
  return needle ? views.filter((v) => v.name.toLowerCase().includes(needle)) : [...views];
}

// --- loading ------------------------------------------------------------------

const includedOrgsSchema = z.array(organizationSchema);

/** Every space the user can read, with its org, in one list request. */
async function listSpacesWithOrgs(client: CfClient): Promise<{ spaces: Space[]; orgs: Organization[] }> {
  const { resources, included } = await client.list("/v3/spaces", spaceListSchema, {
    include: ["organization"],
  });
  // Each page was parsed already; the merged `included` is typed loosely, so narrow it again.
  return { spaces: resources, orgs: includedOrgsSchema.parse(included.organizations ?? []) };
}

/** A token CF refuses means the session is over: sign in again and come back here. */
async function signInOnRefusedToken<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof CfApiError && error.needsSignIn)
      redirect(signInPath(await currentPath(), "expired"));
    throw error;
  }
}

/** The list page's CF reads, with the given client: two list requests, in parallel. */
export async function readSecurityGroups(client: CfClient): Promise<SecurityGroupView[]> {
  const [groups, { spaces, orgs }] = await Promise.all([
    listSecurityGroups(client),
    listSpacesWithOrgs(client),
  ]);
  return securityGroupViews(groups, spaces, orgs);
}

/**
 * The detail page's CF reads: the group and the spaces list, in parallel (one round trip, at the
 * price of a wasted list when the group turns out not to exist). Null when CF answers 404.
 */
export async function readSecurityGroup(client: CfClient, guid: string): Promise<SecurityGroupView | null> {
  const [group, { spaces, orgs }] = await Promise.all([
    getSecurityGroup(client, guid),
    listSpacesWithOrgs(client),
  ]);
  return group ? securityGroupView(group, spaces, orgs) : null;
}

/** Admins and global readers see every binding; everyone else only those of spaces they can read. */
async function seesAllBindings(): Promise<boolean> {
  return (await getServerSession())?.user.readsGlobally ?? false;
}

export type SecurityGroupsPage = { groups: SecurityGroupView[]; seesAllBindings: boolean };

export const loadSecurityGroups = cache(async (): Promise<SecurityGroupsPage> => {
  const { client } = await getCfClient();
  const groups = await signInOnRefusedToken(() => readSecurityGroups(client));
  return { groups, seesAllBindings: await seesAllBindings() };
});

export type SecurityGroupPage = { group: SecurityGroupView; seesAllBindings: boolean };

/** One group, or null when the guid is malformed or CF answers 404 (no such group, or not visible). */
export const loadSecurityGroup = cache(async (guid: string): Promise<SecurityGroupPage | null> => {
  // A malformed guid never reaches CF: it could not name a group, and it would go into a URL path.
  if (!isGuid(guid)) return null;
  const { client } = await getCfClient();
  const group = await signInOnRefusedToken(() => readSecurityGroup(client, guid));
  return group ? { group, seesAllBindings: await seesAllBindings() } : null;
});
