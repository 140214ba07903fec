import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { LoadingNote } from "@/components/ui/page-loading";
import { isGuid } from "@/lib/cf/ids";
import { attempt, attemptEarly } from "@/lib/loaders/attempt";
import { findOrganization, findSpace } from "@/lib/loaders/lookups";
import { loadSpaceDetail } from "@/lib/loaders/space";
import type { ReachQuery } from "./_components/reach-section";
import { SpaceEgress, SpacePosture } from "./_components/space-egress";
import { SpaceHeading } from "./_components/space-heading";

type Params = Promise<{ orgGuid: string; spaceGuid: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { spaceGuid } = await params;
  if (!isGuid(spaceGuid)) return { title: "Not found" };
  const space = await attempt(({ client }) => findSpace(client, spaceGuid));
  return { title: space.ok && space.value ? `${space.value.name} egress` : "Space" };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * One space. Its heading comes from the reads the layouts made (cached per
 * request), so it is sent at once; the egress needs the groups, roles,
 * segments and history, and streams in behind a loading note. (A route
 * `loading.tsx` would hold back the heading too: it was the page's largest
 * text, and a phone painted it only after the scripts had run.)
 */
export default async function SpacePage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { orgGuid, spaceGuid } = await params;
  if (!isGuid(orgGuid) || !isGuid(spaceGuid)) notFound();
  // Started before the heading's reads are awaited; SpacePosture and SpaceEgress await it.
  const load = attemptEarly(({ client, user }) => loadSpaceDetail(client, user, orgGuid, spaceGuid));
  const [space, org] = await Promise.all([
    attempt(({ client }) => findSpace(client, spaceGuid)),
    attempt(({ client }) => findOrganization(client, orgGuid)),
  ]);
  const names =
    space.ok && space.value && org.ok && org.value ? { space: space.value.name, org: org.value.name } : null;
  const search = await searchParams;
  const query: ReachQuery = {
    host: first(search.host),
    port: first(search.port),
    protocol: first(search.protocol),
  };

  return (
    <div className="mx-auto max-w-7xl space-y-8 px-4 py-8">
      <SpaceHeading
        orgGuid={orgGuid}
        names={names}
        badge={
          <Suspense fallback={null}>
            <SpacePosture load={load} />
          </Suspense>
        }
      />
      <Suspense fallback={<LoadingNote what="the space’s egress" />}>
        <SpaceEgress orgGuid={orgGuid} spaceGuid={spaceGuid} load={load} query={query} />
      </Suspense>
    </div>
  );
}
