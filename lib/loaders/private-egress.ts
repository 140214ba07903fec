import "server-only";
import type { SignedInUser } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { listOrganizations } from "@/lib/cf/orgs";
import { listUserRoles } from "@/lib/cf/roles";
import { decide } from "@/lib/permissions";

/**
 * The orgs a user may pick in the private-egress form: every org CF shows
 * them, each marked with whether they may request for it. Seed 004 has the
 * "Org Admin" request the dedicated hosts, so an OrgManager of the org (or a
 * platform admin) may; the action checks again with the user's own token.
 */

export type RequestOrg = { guid: string; name: string; suspended: boolean; manageable: boolean };

export async function loadRequestOrgs(client: CfClient, user: SignedInUser): Promise<RequestOrg[]> {
  const [orgs, roles] = await Promise.all([listOrganizations(client), listUserRoles(client, user.id)]);
  return orgs.map((org) => ({
    guid: org.guid,
    name: org.name,
    suspended: org.suspended,
    manageable: decide("request-private-egress", { ...user, roles }, org).allowed,
  }));
}
