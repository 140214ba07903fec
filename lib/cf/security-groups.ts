import "server-only";
import type { Lifecycle } from "./lifecycle";
import type { CfClient } from "./client";
import { pageKeepingHeads, type GroupHead } from "./group-head-keep";
import { mayMatter, pageKeeping } from "./group-list-keep";
import { Remembered } from "./remembered";
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
 * The same list, of which only the groups whose head `keep` accepts are checked whole and kept
 * (./group-head-keep.ts; a group whose head does not pass its schema is kept, and refused).
 */
export async function listSecurityGroupsWhere(
  client: CfClient,
  keep: (head: GroupHead) => boolean,
): Promise<SecurityGroup[]> {
  return (await client.list("/v3/security_groups", pageKeepingHeads(keep))).resources;
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

/**
 * Whether an org had more spaces than one filter carries, the last time a
 * user who sees all of them read its groups: it only decides whether its
 * group list's later pages go out before the spaces are counted.
 */
const orgPastOneFilter = new Remembered<boolean>(5000);

/**
 * The groups a page about some spaces (an org's) needs: those bound to the
 * spaces, the platform-wide ones and the profiles' (`names`), each with at
 * least its bindings to these spaces that the user can see (read from the
 * whole list, a group's bindings to other spaces are dropped before it is
 * checked: no caller asks about them). Every group bound to the spaces is
 * among them (CF shows a group bound to a space the user reads), so the drift
 * check may compare them all.
 *
 * The first page of the visible groups goes out with the page's other reads;
 * up to 5,000 visible groups, that is the one request. Beyond, an org whose
 * spaces fit in one filter per lifecycle (150) reads by space instead of the
 * other pages: on a foundation of thousands of groups a small org's are a
 * sliver of them. A larger org reads the other pages, at once: asked by
 * space, a group shared by hundreds of spaces comes back once per 150 of them
 * with all its bindings, which measured more bytes than the whole list
 * (docs/benchmarks.md). Either way at most two round trips, whatever the
 * number of groups; and of the whole list only the groups that matter are
 * checked and kept, the others dropped as each page is parsed. Where the
 * list ran past one page last time (./paging.ts remembers its page count per
 * audience), a large org's pages 2..N go out with page 1 rather than after it:
 * at once for a user who sees every space and group (admins, global readers)
 * where the org was larger than one filter last time (`orgGuid`), else once
 * the org's spaces are counted.
 */
export async function listSecurityGroupsFor(
  client: CfClient,
  spaces: Promise<readonly { guid: string }[]>,
  names: readonly string[],
  options: { seesEveryGroup: boolean; orgGuid?: string },
): Promise<SecurityGroup[]> {
  const guids = spaces.then((list) => list.map((s) => s.guid));
  const bySpace = async () => (await guids).length <= GUIDS_PER_REQUEST;
  // Such a user sees every space of the org: its size is the foundation's, the same for each of them.
  const org = options.seesEveryGroup ? options.orgGuid : undefined;
  const largeLastTime = org === undefined ? undefined : orgPastOneFilter.get(org);
  if (org !== undefined)
    bySpace().then(
      (small) => orgPastOneFilter.set(org, !small),
      () => undefined,
    );
  const first = await client.listFirst(
    "/v3/security_groups",
    {},
    {
      pageSchema: async () => pageKeeping(new Set(await guids), new Set(names)),
      keepText: async () => mayMatter(new Set(await guids), new Set(names)),
      readRest: async () => !(await bySpace()),
      // An org larger than one filter last time reads the whole list again: its pages need not wait
      // for the spaces. (Where it has shrunk since, the guessed pages are read and dropped.)
      guessWhen: largeLastTime === true ? Promise.resolve(true) : bySpace().then((small) => !small),
    },
  );
  if (first.totalPages <= 1) return first.resources;
  if (await bySpace()) {
    const [bound, platform] = await Promise.all([
      listSecurityGroupsBoundTo(client, await guids),
      listPlatformAndNamedSecurityGroups(client, names),
    ]);
    return uniqueGroups([platform, bound]);
  }
  return [...first.resources, ...(await first.rest())];
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

/**
 * A group's rules and platform-wide flags changed in one request (`PATCH
 * /v3/security_groups/:guid`, admin only): CF replaces the rules whole and
 * merges the flags key by key (docs/cf-behaviour.md §2.2). Answers the group as CF now holds it.
 */
export async function updateSecurityGroup(
  client: CfClient,
  guid: string,
  body: { rules?: SecurityGroup["rules"]; globally_enabled?: Partial<SecurityGroup["globally_enabled"]> },
): Promise<SecurityGroup> {
  return client.send("PATCH", `/v3/security_groups/${guid}`, body, securityGroupSchema);
}

/** A new group (admins only, docs/cf-behaviour.md §2.2): CF answers 201 with the group as created. */
export async function createSecurityGroup(
  client: CfClient,
  body: { name: string; rules: SecurityGroup["rules"]; globally_enabled: SecurityGroup["globally_enabled"] },
): Promise<SecurityGroup> {
  return client.send("POST", "/v3/security_groups", body, securityGroupSchema);
}
