import "server-only";
import type { SignedInUser } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { listOrganizations } from "@/lib/cf/orgs";
import { listSecurityGroups } from "@/lib/cf/security-groups";
import { listSpaceSummaries } from "@/lib/cf/spaces";
import { readStoredPolicies } from "@/lib/db/page-reads";
import type { StoredPolicy } from "@/lib/db/types";
import { loadPlatform } from "@/lib/egress/load-catalog";
import { MESSAGES } from "@/lib/failures";
import { buildFoundation, type Foundation } from "@/lib/view-models/foundation";

/**
 * The platform team's view (docs/design.md §13): three CF lists (orgs,
 * spaces, security groups; each at per_page=5000, later pages at once) and
 * one database query (every stored policy), all in parallel, whatever the
 * number of orgs, spaces and groups. The caller decides who may see it
 * (lib/permissions, seesFoundation); CF shows each user what it shows them.
 */
export async function loadFoundation(
  client: CfClient,
  _user: SignedInUser,
  policies: Promise<ReadonlyMap<string, StoredPolicy> | "unavailable"> = readStoredPolicies(),
): Promise<Foundation> {
  const [orgs, spaces, groups, stored] = await Promise.all([
    listOrganizations(client),
    listSpaceSummaries(client),
    listSecurityGroups(client),
    policies,
  ]);
  return buildFoundation({
    orgs,
    spaces,
    groups,
    policies: stored,
    ...loadPlatform(),
    unavailableMessage: MESSAGES.policyUnavailable,
  });
}
