import "server-only";
import type { CfClient } from "./client";
import { isolationSegmentListSchema, toManyWithLinksSchema, type IsolationSegment } from "./schemas";

export async function listEntitledSegments(client: CfClient, orgGuid: string): Promise<IsolationSegment[]> {
  return (
    await client.list("/v3/isolation_segments", isolationSegmentListSchema, { organization_guids: [orgGuid] })
  ).resources;
}

/** The spaces assigned to a segment that the user can read: one call per segment, never one per space. */
export async function segmentSpaceGuids(client: CfClient, segmentGuid: string): Promise<string[]> {
  const relationship = await client.get(
    `/v3/isolation_segments/${segmentGuid}/relationships/spaces`,
    toManyWithLinksSchema,
  );
  return relationship.data.map((d) => d.guid);
}
