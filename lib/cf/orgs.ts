import "server-only";
import type { CfClient } from "./client";
import {
  organizationListSchema,
  organizationSchema,
  toOneWithLinksSchema,
  type Organization,
} from "./schemas";

export async function listOrganizations(client: CfClient): Promise<Organization[]> {
  return (await client.list("/v3/organizations", organizationListSchema, { order_by: "name" })).resources;
}

/** The org, or null when it does not exist or the user cannot see it (CF answers 404 for both). */
export async function getOrganization(client: CfClient, guid: string): Promise<Organization | null> {
  return client.getOrNull(`/v3/organizations/${guid}`, organizationSchema);
}

/** The org's default isolation segment; null when it has none, or when the org is not visible. */
export async function getOrganizationDefaultSegment(
  client: CfClient,
  orgGuid: string,
): Promise<string | null> {
  const relationship = await client.getOrNull(
    `/v3/organizations/${orgGuid}/relationships/default_isolation_segment`,
    toOneWithLinksSchema,
  );
  return relationship?.data?.guid ?? null;
}
