import "server-only";
import type { CfClient } from "@/lib/cf/client";
import { listEntitledSegments } from "@/lib/cf/isolation-segments";
import { getOrganizationDefaultSegment } from "@/lib/cf/orgs";
import { isolationSegmentSchema } from "@/lib/cf/schemas";
import { getSpaceIsolationSegment } from "@/lib/cf/spaces";

export type SegmentRef = { guid: string; name: string };

export type SpacePlacement = {
  entitled: SegmentRef[];
  own: SegmentRef | null;
  orgDefault: SegmentRef | null;
};

/**
 * The space's placement: the org's entitled segments (one list), the space's own assignment and the
 * org's default (two relationships), in parallel. Names come from the entitled list; a segment
 * outside it (entitlement withdrawn since) is read by guid, and shown by guid if hidden.
 */
export async function readSpacePlacement(
  client: CfClient,
  spaceGuid: string,
  orgGuid: string,
): Promise<SpacePlacement> {
  const [entitled, own, orgDefault] = await Promise.all([
    listEntitledSegments(client, orgGuid),
    getSpaceIsolationSegment(client, spaceGuid),
    getOrganizationDefaultSegment(client, orgGuid),
  ]);
  const byGuid = new Map(entitled.map((s) => [s.guid, { guid: s.guid, name: s.name }]));
  const named = async (guid: string | null): Promise<SegmentRef | null> => {
    if (guid === null) return null;
    const known = byGuid.get(guid);
    if (known) return known;
    const segment = await client.getOrNull(`/v3/isolation_segments/${guid}`, isolationSegmentSchema);
    return { guid, name: segment?.name ?? guid };
  };
  const [ownRef, defaultRef] = await Promise.all([named(own), named(orgDefault)]);
  return {
    entitled: [...byGuid.values()].sort((a, b) => a.name.localeCompare(b.name)),
    own: ownRef,
    orgDefault: defaultRef,
  };
}
