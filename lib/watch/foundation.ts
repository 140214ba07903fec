import "server-only";
import { z } from "zod";
import type { CfClient } from "@/lib/cf/client";
import type { Query } from "@/lib/cf/query";
import { listSchema } from "@/lib/cf/schemas";
import { shareGuids, watchedGroupSchema, type WatchedGroup } from "./watched-groups";

/**
 * The foundation as a watcher cycle reads it (docs/design.md §12): three CF
 * lists at `per_page=5000` in two round trips, whatever the size. Their first
 * pages go out together; once all three have come (each one's text says how
 * many pages it has), every other page of every list goes out at once. So no
 * later page is sent after another later page answered, and the depth that
 * the cycle's own request times show (lib/cf/request-depth.ts) is the two
 * round trips it takes: waiting for the slowest first page costs little, as
 * the lists' first pages are asked at the same moment.
 *
 * Orgs and spaces are checked and kept only for what the cycle uses (a
 * space's guid, name and org), the other fields (links, metadata, timestamps:
 * most of a space's text) dropped: 20,000 spaces kept whole were tens of MB of
 * the cycle thread's bounded heap. A space's org is the org list's own guid
 * string, and a group's bindings the spaces list's (not 20,000 and some
 * 40,000 copies of them); the groups are kept as ./watched-groups.ts says.
 * Every resource is parsed and checked apart, as its page is parsed
 * (`resourceSchema`, lib/cf/list-text.ts): a page of 5,000 spaces or groups
 * parsed whole was a tree of tens of MB, promoted to the old generation and
 * kept resident by the thread's heap after it was dropped.
 */

const guidRef = z.object({ guid: z.string() });
const watchedOrgSchema = z.object({ guid: z.string() });
const watchedSpaceSchema = z
  .object({
    guid: z.string(),
    name: z.string(),
    relationships: z.object({ organization: z.object({ data: guidRef }) }),
  })
  .transform((space) => ({
    guid: space.guid,
    name: space.name,
    orgGuid: space.relationships.organization.data.guid,
  }));

export type WatchedSpace = z.infer<typeof watchedSpaceSchema>;

export type Foundation = {
  orgGuids: string[];
  spaces: WatchedSpace[];
  groups: WatchedGroup[];
};

/** A gate that opens once each of `count` parties arrived (each counted once, however often it calls). */
function gate(count: number): (party: number) => Promise<void> {
  const arrived = new Set<number>();
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return (party) => {
    arrived.add(party);
    if (arrived.size >= count) open();
    return opened;
  };
}

export async function readFoundation(client: CfClient): Promise<Foundation> {
  const lists = 3;
  const arrive = gate(lists);
  const start = <T>(party: number, path: string, resource: z.ZodType<T, unknown>, query: Query) => {
    // The client checks each resource as it is parsed; the page's own check is its pagination.
    const schema = listSchema(z.custom<T>());
    // A list of one page never asks for the rest: it arrives when its first page is read (or failed).
    return client
      .listFirst(path, query, {
        pageSchema: () => schema,
        resourceSchema: resource,
        readRest: async () => {
          await arrive(party);
          return true;
        },
      })
      .finally(() => void arrive(party));
  };
  const [orgs, spaces, groups] = await Promise.all([
    start(0, "/v3/organizations", watchedOrgSchema, { order_by: "name" }),
    start(1, "/v3/spaces", watchedSpaceSchema, { order_by: "name" }),
    start(2, "/v3/security_groups", watchedGroupSchema, {}),
  ]);
  const [moreOrgs, moreSpaces, moreGroups] = await Promise.all([orgs.rest(), spaces.rest(), groups.rest()]);
  const foundation = {
    orgGuids: [...orgs.resources, ...moreOrgs].map((org) => org.guid),
    spaces: [...spaces.resources, ...moreSpaces],
    groups: [...groups.resources, ...moreGroups],
  };
  const orgGuid = new Map(foundation.orgGuids.map((guid) => [guid, guid]));
  for (const space of foundation.spaces) space.orgGuid = orgGuid.get(space.orgGuid) ?? space.orgGuid;
  shareGuids(foundation.groups, new Map(foundation.spaces.map((space) => [space.guid, space.guid])));
  return foundation;
}
