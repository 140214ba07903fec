import "server-only";
import type { CfClient } from "./client";
import {
  spaceListSchema,
  spaceSchema,
  spaceSummaryListSchema,
  toOneWithLinksSchema,
  type Space,
  type SpaceSummary,
} from "./schemas";

/** The spaces the user can read, in name order; CF filters by visibility. */
export async function listSpaces(client: CfClient, filter: { orgGuids?: string[] } = {}): Promise<Space[]> {
  const { resources } = await client.list("/v3/spaces", spaceListSchema, {
    order_by: "name",
    organization_guids: filter.orgGuids,
  });
  return resources;
}

/** The same list, each space as its guid, name and org only (./schemas.ts, spaceSummarySchema). */
export async function listSpaceSummaries(
  client: CfClient,
  filter: { orgGuids?: string[] } = {},
): Promise<SpaceSummary[]> {
  const { resources } = await client.list("/v3/spaces", spaceSummaryListSchema, {
    order_by: "name",
    organization_guids: filter.orgGuids,
  });
  return resources;
}

export async function getSpace(client: CfClient, guid: string): Promise<Space | null> {
  return client.getOrNull(`/v3/spaces/${guid}`, spaceSchema);
}

/** The space's own isolation segment; null when it has none, or when the space is not visible. */
export async function getSpaceIsolationSegment(client: CfClient, spaceGuid: string): Promise<string | null> {
  const relationship = await client.getOrNull(
    `/v3/spaces/${spaceGuid}/relationships/isolation_segment`,
    toOneWithLinksSchema,
  );
  return relationship?.data?.guid ?? null;
}

/** Assigns the space to a segment, or back to the org's default with null (docs/cf-behaviour.md §3.2). */
export async function setSpaceIsolationSegment(
  client: CfClient,
  spaceGuid: string,
  segmentGuid: string | null,
): Promise<void> {
  await client.send(
    "PATCH",
    `/v3/spaces/${spaceGuid}/relationships/isolation_segment`,
    { data: segmentGuid === null ? null : { guid: segmentGuid } },
    toOneWithLinksSchema,
  );
}
