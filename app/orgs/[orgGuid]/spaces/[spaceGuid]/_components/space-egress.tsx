import { notFound } from "next/navigation";
import { PostureBadge } from "@/components/egress/posture-badge";
import { SpaceChanges } from "@/components/egress/space/space-changes";
import { Alert } from "@/components/ui/alert";
import { ErrorState } from "@/components/ui/error-state";
import type { Attempt } from "@/lib/loaders/attempt";
import { answerSpaceReach } from "@/lib/loaders/reach";
import type { SpaceDetail } from "@/lib/loaders/space";
import { changeGroup, changeProfile } from "../../../actions";
import { readStoredPolicy } from "@/lib/db/page-reads";
import { AdvancedSection } from "./advanced-section";
import { ComplianceSection } from "./compliance-section";
import { DestinationsSection, StagingSection } from "./destinations-section";
import { GroupsSection } from "./groups-section";
import { ProfileSwitches } from "./profiles-section";
import { ReachSection, type ReachQuery } from "./reach-section";
import { RecentChangesSection } from "./recent-changes-section";
import { SegmentSection } from "./segment-section";

type Load = Promise<Attempt<SpaceDetail | null>>;

/** The space's posture for its heading; nothing while unknown or unreadable (the body says why). */
export async function SpacePosture({ load }: { load: Load }) {
  const result = await load;
  if (!result.ok || !result.value) return null;
  const { egress } = result.value;
  return <PostureBadge posture={egress.posture} platformWide={egress.platformWide} />;
}

/** What the space's apps can reach and why, the fixes, the groups, and the changes the user may make. */
export async function SpaceEgress({
  orgGuid,
  spaceGuid,
  load,
  query,
}: {
  orgGuid: string;
  spaceGuid: string;
  /** The page's read of the space's egress (one for this and SpacePosture), started with its heading's. */
  load: Load;
  query: ReachQuery;
}) {
  // The org's policy, read while the CF reads are under way (one database read, docs/design.md §8).
  const stored = readStoredPolicy(orgGuid);
  const result = await load;
  if (!result.ok)
    return (
      <ErrorState what="this space's egress" message={result.failure.message} reference={result.requestId} />
    );
  // The layout answered 404 for a space it could not find; this is one deleted since.
  if (!result.value) notFound();
  const detail = result.value;
  const reach =
    query.host !== undefined
      ? await answerSpaceReach(detail, {
          ...query,
          port: query.port || undefined,
          protocol: query.protocol || undefined,
        })
      : undefined;

  // No gap of its own between the notice's line (kept for the outcome of a change) and the switches:
  // with the page's, it left about 100 px of empty space above them.
  return (
    <div>
      {detail.org.suspended && (
        <div className="mb-6">
          <Alert tone="warning" heading="This org is suspended">
            Cloud Foundry refuses changes to its spaces until an administrator reactivates it.
          </Alert>
        </div>
      )}
      <ComplianceSection detail={detail} stored={stored} />
      <SpaceChanges
        orgGuid={orgGuid}
        spaceGuid={spaceGuid}
        spaceName={detail.space.name}
        actions={{ changeProfile, changeGroup }}
      >
        <div className="space-y-10">
          <ProfileSwitches detail={detail} lifecycle="running" />
          <DestinationsSection detail={detail} />
          <ReachSection detail={detail} reach={reach} query={query} />
          <StagingSection detail={detail} />
          <GroupsSection detail={detail} />
          <AdvancedSection detail={detail} />
          <SegmentSection detail={detail} />
          <RecentChangesSection detail={detail} />
        </div>
      </SpaceChanges>
    </div>
  );
}
