import "server-only";
import type { SignedInUser } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { listOrganizations } from "@/lib/cf/orgs";
import { listSecurityGroupsFor, listSecurityGroupsWhere } from "@/lib/cf/security-groups";
import { listSpaceSummaries } from "@/lib/cf/spaces";
import { loadPlatform } from "@/lib/egress/load-catalog";
import type { ReachSearchQuery } from "@/lib/egress/reach-query";
import {
  mayChangeAnswers,
  relevantGroups,
  searchReach,
  type SearchSpace,
  type SpaceReach,
} from "@/lib/egress/reach-search";
import { GroupIndex } from "@/lib/egress/space-egress";
import { sortByOrgThenName } from "@/lib/egress/space-order";
import { findOrganization } from "./lookups";

export type ReachSearchResult = {
  /** The org the search was scoped to; null for every space the user can see. */
  org: { guid: string; name: string } | null;
  /** Every space the user can see (in the org, when scoped), by org name then space name. */
  spaces: SpaceReach[];
};

/**
 * "Who can reach this?" over the spaces CF shows the user, at a number of CF
 * requests that does not grow with the foundation (docs/design.md §8): the
 * orgs (or the one org), the spaces and the security groups, in parallel,
 * each list at per_page=5000 with its later pages at once. Scoped to an org,
 * the groups are read as the org page reads them (by space for a small org,
 * lib/cf/security-groups.ts). Null when the scoped org is not shown to the user.
 */
export async function searchReachable(
  client: CfClient,
  user: SignedInUser,
  query: ReachSearchQuery,
  orgGuid?: string,
): Promise<ReachSearchResult | null> {
  const spacesRead = listSpaceSummaries(client, orgGuid === undefined ? {} : { orgGuids: [orgGuid] });
  const { profiles } = loadPlatform();
  const [orgs, spaces, groups] = await Promise.all([
    orgGuid === undefined
      ? listOrganizations(client)
      : findOrganization(client, orgGuid).then((org) => (org ? [org] : [])),
    spacesRead,
    orgGuid === undefined
      ? // Of the foundation's groups, only those that can change an answer are checked whole and kept.
        listSecurityGroupsWhere(client, mayChangeAnswers(query))
      : listSecurityGroupsFor(
          client,
          spacesRead,
          profiles.map((p) => p.group),
          { seesEveryGroup: user.readsGlobally, orgGuid },
        ),
  ]);
  const scoped = orgGuid === undefined ? null : orgs[0];
  if (scoped === undefined) return null;
  // One org object per org, shared by its spaces rather than one copied for each.
  const byGuid = new Map(orgs.map((o) => [o.guid, { guid: o.guid, name: o.name }]));
  const visible: SearchSpace[] = [];
  for (const space of spaces) {
    const org = byGuid.get(space.relationships.organization.data.guid);
    // CF shows the org of every space it shows; a space whose org it does not list is left out.
    if (org !== undefined) visible.push({ guid: space.guid, name: space.name, org });
  }
  sortByOrgThenName(visible);
  // Foundation-wide, the list already holds only the groups that can change an answer (the same
  // test, asked of each group's head), and every binding it shows is to a space the search lists or
  // to one it never asks about: indexed as they are. An org's search drops the rest of what an
  // admin's list shows (a shared group's hundreds of spaces elsewhere).
  const index =
    orgGuid === undefined
      ? new GroupIndex(groups)
      : new GroupIndex(
          relevantGroups(query, groups),
          visible.map((s) => s.guid),
        );
  return {
    org: scoped && { guid: scoped.guid, name: scoped.name },
    spaces: searchReach(query, visible, index),
  };
}
