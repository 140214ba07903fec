import "server-only";
import type { CfClient } from "./client";
import { CfApiError } from "./errors";
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
  try {
    return await client.get(`/v3/organizations/${guid}`, organizationSchema);
  } catch (error) {
    if (error instanceof CfApiError && error.isNotFound) return null;
    throw error;
  }
}

/** The org's default isolation segment; null when it has none, or when the org is not visible. */
export async function getOrganizationDefaultSegment(
  client: CfClient,
  orgGuid: string,
): Promise<string | null> {
  try {
    const relationship = await client.get(
      `/v3/organizations/${orgGuid}/relationships/default_isolation_segment`,
      toOneWithLinksSchema,
    );
    return relationship.data?.guid ?? null;
  } catch (error) {
    if (error instanceof CfApiError && error.isNotFound) return null;
    throw error;
  }
}
