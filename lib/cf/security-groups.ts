import "server-only";
import type { Lifecycle } from "./lifecycle";
import type { CfClient } from "./client";
import {
  securityGroupListSchema,
  securityGroupSchema,
  securityGroupSpacesSchema,
  type SecurityGroup,
} from "./schemas";

/** Every security group the user can see; their relationships carry the bindings CF lets them see. */
export async function listSecurityGroups(client: CfClient): Promise<SecurityGroup[]> {
  return (await client.list("/v3/security_groups", securityGroupListSchema)).resources;
}

/**
 * How many guids one filter carries: 150 guids of 36 characters and their
 * commas are 5.6 kB, so a request's URL stays well under the 8 kB that CF's
 * routers and web servers accept (CC's Puma takes query strings up to 10 kB).
 */
export const GUIDS_PER_REQUEST = 150;

export function chunks<T>(items: readonly T[], size = GUIDS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Each group once (by guid), in the order first met: filtered lists overlap. */
export function uniqueGroups(lists: readonly (readonly SecurityGroup[])[]): SecurityGroup[] {
  const byGuid = new Map<string, SecurityGroup>();
  for (const list of lists)
    for (const group of list) if (!byGuid.has(group.guid)) byGuid.set(group.guid, group);
  return [...byGuid.values()];
}

async function filtered(
  client: CfClient,
  query: Record<string, string | string[]>,
): Promise<SecurityGroup[]> {
  return (await client.list("/v3/security_groups", securityGroupListSchema, query)).resources;
}

/**
 * The groups bound to any of the spaces, for running or for staging: one
 * request per lifecycle and 150 spaces, all at once (docs/cf-behaviour.md
 * §2.2: a group matches if bound to any listed space). Each still carries
 * every binding the user can see, to these spaces and to others.
 */
export async function listSecurityGroupsBoundTo(
  client: CfClient,
  spaceGuids: readonly string[],
): Promise<SecurityGroup[]> {
  const parts = chunks(spaceGuids);
  return uniqueGroups(
    await Promise.all([
      ...parts.map((guids) => filtered(client, { running_space_guids: guids })),
      ...parts.map((guids) => filtered(client, { staging_space_guids: guids })),
    ]),
  );
}

/**
 * The groups the platform enables for every space, for running or staging,
 * and the named ones the user can see (the profiles' groups): three requests,
 * at once. CF ANDs different filters, so these cannot share a request.
 */
export async function listPlatformAndNamedSecurityGroups(
  client: CfClient,
  names: readonly string[],
): Promise<SecurityGroup[]> {
  return uniqueGroups(
    await Promise.all([
      filtered(client, { globally_enabled_running: "true" }),
      filtered(client, { globally_enabled_staging: "true" }),
      names.length === 0 ? [] : filtered(client, { names: [...names] }),
    ]),
  );
}

/** The groups a page about some spaces read, and whether the read was by space (see listSecurityGroupsFor). */
export type GroupsRead = {
  groups: SecurityGroup[];
  /**
   * Read by space: every group bound to the spaces is here (CF shows any group
   * bound to a space the user reads), but not every group the user can see.
   */
  bySpace: boolean;
};

/**
 * The groups a page about some spaces (an org's) needs: those bound to the
 * spaces, the platform-wide ones and the profiles' (`names`). It asks for
 * the first page of every visible group alongside the page's other reads; a
 * foundation of up to 5,000 visible groups is then read in one request.
 * Beyond that, when the spaces fit in one request per lifecycle (150), it
 * reads by space instead of reading the other pages: on a foundation of
 * thousands of groups a small org's groups are a sliver of them. A larger org
 * reads the other pages, all at once: asked by space, a group shared by
 * hundreds of spaces comes back once per 150 of them with all its bindings,
 * which measured more bytes than the whole list (docs/benchmarks.md). Either
 * way at most two round trips, whatever the number of groups.
 */
export async function listSecurityGroupsFor(
  client: CfClient,
  spaces: Promise<readonly { guid: string }[]>,
  names: readonly string[],
): Promise<GroupsRead> {
  const [first, known] = await Promise.all([
    client.listFirst("/v3/security_groups", securityGroupListSchema),
    spaces,
  ]);
  if (first.totalPages <= 1) return { groups: first.resources, bySpace: false };
  if (known.length <= GUIDS_PER_REQUEST) {
    const guids = known.map((s) => s.guid);
    const [bound, platform] = await Promise.all([
      listSecurityGroupsBoundTo(client, guids),
      listPlatformAndNamedSecurityGroups(client, names),
    ]);
    return { groups: uniqueGroups([platform, bound]), bySpace: true };
  }
  return { groups: [...first.resources, ...(await first.rest())], bySpace: false };
}

export async function getSecurityGroup(client: CfClient, guid: string): Promise<SecurityGroup | null> {
  return client.getOrNull(`/v3/security_groups/${guid}`, securityGroupSchema);
}

/** One request binds many spaces; CF binds all or none. Answers every space now bound. */
export async function bindSecurityGroup(
  client: CfClient,
  groupGuid: string,
  lifecycle: Lifecycle,
  spaceGuids: string[],
): Promise<string[]> {
  const body = await client.send(
    "POST",
    `/v3/security_groups/${groupGuid}/relationships/${lifecycle}_spaces`,
    { data: spaceGuids.map((guid) => ({ guid })) },
    securityGroupSpacesSchema,
  );
  return body.data.map((d) => d.guid);
}

export async function unbindSecurityGroup(
  client: CfClient,
  groupGuid: string,
  lifecycle: Lifecycle,
  spaceGuid: string,
): Promise<void> {
  await client.sendNoContent(
    "DELETE",
    `/v3/security_groups/${groupGuid}/relationships/${lifecycle}_spaces/${spaceGuid}`,
  );
}
