import "server-only";
import type { SignedInUser } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { listUserRoles } from "@/lib/cf/roles";
import { listSpaces } from "@/lib/cf/spaces";
import { historyPage } from "@/lib/db/page-reads";
import { MAX_PAGE_SIZE } from "@/lib/db/queries";
import type { HistoryEntry } from "@/lib/db/types";
import { decide } from "@/lib/permissions";
import type { ActivityQuery } from "@/lib/view-models/activity-query";
import type { EntryReader } from "@/lib/view-models/history";
import { findOrganization } from "./lookups";

/**
 * The org's activity page and its CSV: the history entries of the spaces the
 * user can read now (CF's own list decides, as for the matrix), filtered by
 * space, kind and time range, newest first, a page at a time by cursor; and
 * what the user may read of them (a private-egress request's addresses are
 * network topology: lib/permissions' "read-network-details").
 */

export type Activity = {
  org: { guid: string; name: string };
  spaces: { guid: string; name: string }[];
  entries: HistoryEntry[];
  /** What this user may read of the entries (activityRows words them accordingly). */
  reader: EntryReader;
  nextCursor: string | null;
  /** The history could not be read, or the cursor was refused. */
  unavailable: string | null;
  loadedAt: number;
};

const startOfDay = (value: string) => Date.parse(`${value}T00:00:00.000Z`);
const endOfDay = (value: string) => Date.parse(`${value}T23:59:59.999Z`);

export async function loadActivity(
  client: CfClient,
  user: SignedInUser,
  orgGuid: string,
  query: ActivityQuery,
  limit: number,
): Promise<Activity | null> {
  const loadedAt = Date.now();
  const [org, spaces, roles] = await Promise.all([
    findOrganization(client, orgGuid),
    listSpaces(client, { orgGuids: [orgGuid] }),
    listUserRoles(client, user.id),
  ]);
  if (!org) return null;
  const details = decide("read-network-details", { ...user, roles }, org);
  const readable = spaces.filter((s) => s.relationships.organization.data.guid === orgGuid);
  const page = await historyPage({
    orgGuid,
    spaceGuids: readable.map((s) => s.guid),
    space: query.space,
    kinds: query.kind,
    from: query.from ? startOfDay(query.from) : undefined,
    to: query.to ? endOfDay(query.to) : undefined,
    cursor: query.cursor,
    limit,
  });
  return {
    org: { guid: org.guid, name: org.name },
    spaces: readable.map((s) => ({ guid: s.guid, name: s.name })),
    entries: page?.ok ? page.entries : [],
    reader: { networkDetails: details.allowed },
    nextCursor: page?.ok ? page.nextCursor : null,
    unavailable:
      page === null ? "The change history could not be read just now." : page.ok ? null : page.message,
    loadedAt,
  };
}

/** Every entry the query selects, for the CSV: page after page, up to `cap` entries. */
export async function loadAllActivity(
  client: CfClient,
  user: SignedInUser,
  orgGuid: string,
  query: ActivityQuery,
  cap = 10_000,
): Promise<Activity | null> {
  const first = await loadActivity(client, user, orgGuid, { ...query, cursor: undefined }, MAX_PAGE_SIZE);
  if (!first || first.unavailable) return first;
  const spaceGuids = first.spaces.map((s) => s.guid);
  let cursor = first.nextCursor;
  while (cursor && first.entries.length < cap) {
    const page = await historyPage({
      orgGuid,
      spaceGuids,
      space: query.space,
      kinds: query.kind,
      from: query.from ? startOfDay(query.from) : undefined,
      to: query.to ? endOfDay(query.to) : undefined,
      cursor,
      limit: MAX_PAGE_SIZE,
    });
    if (!page?.ok) return { ...first, unavailable: "The change history could not be read just now." };
    first.entries.push(...page.entries);
    cursor = page.nextCursor;
  }
  first.nextCursor = cursor;
  return first;
}
