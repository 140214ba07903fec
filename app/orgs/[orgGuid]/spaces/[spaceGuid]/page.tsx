import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PostureBadge } from "@/components/egress/posture-badge";
import { SpaceChanges } from "@/components/egress/space/space-changes";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { LoadFailure } from "@/components/ui/load-failure";
import { isGuid } from "@/lib/cf/ids";
import { attempt } from "@/lib/loaders/attempt";
import { findSpace } from "@/lib/loaders/lookups";
import { answerReach } from "@/lib/loaders/reach";
import { loadSpaceDetail } from "@/lib/loaders/space";
import { changeGroup, changeProfile } from "../../actions";
import { AdvancedSection } from "./_components/advanced-section";
import { DestinationsSection, StagingSection } from "./_components/destinations-section";
import { GroupsSection } from "./_components/groups-section";
import { ProfileSwitches } from "./_components/profiles-section";
import { ReachSection, type ReachQuery } from "./_components/reach-section";
import { RecentChangesSection } from "./_components/recent-changes-section";
import { SegmentSection } from "./_components/segment-section";

type Params = Promise<{ orgGuid: string; spaceGuid: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { spaceGuid } = await params;
  if (!isGuid(spaceGuid)) return { title: "Not found" };
  const space = await attempt(() => findSpace(spaceGuid));
  return { title: space.ok && space.value ? `${space.value.name} egress` : "Space" };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** One space: what its apps can reach and why, the fixes, the groups, and the changes the user may make. */
export default async function SpacePage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { orgGuid, spaceGuid } = await params;
  if (!isGuid(orgGuid) || !isGuid(spaceGuid)) notFound();
  const result = await attempt(() => loadSpaceDetail(orgGuid, spaceGuid));
  if (!result.ok) {
    return (
      <div className="mx-auto max-w-7xl space-y-6 px-4 py-8">
        <Breadcrumbs items={[{ href: "/orgs", label: "Organizations" }, { label: "Space" }]} />
        <h1 className="text-3xl">Space egress</h1>
        <LoadFailure what="this space's egress" failure={result.failure} requestId={result.requestId} />
      </div>
    );
  }
  if (!result.value) notFound();
  const detail = result.value;
  const search = await searchParams;
  const query: ReachQuery = {
    host: first(search.host),
    port: first(search.port),
    protocol: first(search.protocol),
  };
  const reach =
    query.host !== undefined
      ? await answerReach(detail.egress.running.groups, { ...query, port: query.port || undefined })
      : undefined;

  return (
    <div className="mx-auto max-w-7xl space-y-8 px-4 py-8">
      <Breadcrumbs
        items={[
          { href: "/orgs", label: "Organizations" },
          { href: `/orgs/${orgGuid}`, label: detail.org.name },
          { label: detail.space.name },
        ]}
      />
      <div>
        <h1 className="flex flex-wrap items-center gap-3 text-3xl">
          {detail.space.name}{" "}
          <PostureBadge posture={detail.egress.posture} platformWide={detail.egress.platformWide} />
        </h1>
        <p className="mt-1 text-base-dark">A space in {detail.org.name}: what its apps can reach, and why.</p>
      </div>
      {detail.org.suspended && (
        <Alert tone="warning" heading="This org is suspended">
          Cloud Foundry refuses changes to its spaces until an administrator reactivates it.
        </Alert>
      )}

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
