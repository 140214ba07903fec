import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PlatformNote } from "@/components/egress/platform-note";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { getViewer } from "@/lib/auth/cf-client";
import { attempt } from "@/lib/loaders/attempt";
import { loadFoundation } from "@/lib/loaders/foundation";
import { seesFoundation } from "@/lib/permissions";
import { filterOrgs, foundationFilterOf, foundationSearch } from "@/lib/view-models/foundation";
import { FoundationFilters } from "./_components/foundation-filters";
import { FoundationOrgTable } from "./_components/org-table";
import { PlatformGroups } from "./_components/platform-groups";
import { PublicSpaces } from "./_components/public-spaces";

export const metadata: Metadata = { title: "Foundation" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The platform team's view (docs/design.md §13): every org of the foundation
 * with its spaces per posture, its compliance, the spaces with public egress
 * and the groups enabled platform-wide. For platform admins, read-only admins
 * and global auditors (lib/permissions, seesFoundation); anyone else is sent
 * to /orgs, which counts the postures of the orgs they can see.
 */
export default async function FoundationPage({ searchParams }: { searchParams: SearchParams }) {
  const { user } = await getViewer();
  if (!seesFoundation(user)) redirect("/orgs");
  const filter = foundationFilterOf(await searchParams);
  const result = await attempt(({ client, user: viewer }) => loadFoundation(client, viewer));
  const search = foundationSearch(filter);
  return (
    <div className="mx-auto max-w-7xl space-y-8 px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl">Foundation</h1>
          <p className="mt-1 max-w-3xl text-base-dark">
            Every organization of the platform: the egress posture of its spaces, whether they follow its
            policy, which reach public addresses, and what the platform opens for every space.
          </p>
        </div>
        <Link href="/foundation/reach" prefetch={false} className={buttonClass("primary")}>
          Who can reach this?
        </Link>
      </div>
      {!result.ok ? (
        <ErrorState what="the foundation" message={result.failure.message} reference={result.requestId} />
      ) : (
        <>
          <PlatformNote platform={result.value.platform} />
          <PlatformGroups groups={result.value.globalGroups} />
          <section aria-labelledby="orgs-heading" className="space-y-4">
            <div className="flex flex-wrap items-end justify-between gap-4">
              <h2 id="orgs-heading" className="text-2xl">
                Organizations
              </h2>
              <div className="flex gap-3">
                <a href={`/foundation.csv${search}`} download className={buttonClass("secondary")}>
                  Download CSV
                </a>
                <a href={`/foundation.json${search}`} download className={buttonClass("secondary")}>
                  Download JSON
                </a>
              </div>
            </div>
            <FoundationFilters filter={filter} />
            {result.value.policiesUnavailable && (
              <Alert tone="warning">
                The organizations&apos; policies could not be read from the dashboard&apos;s database, so
                compliance is not shown. Try again in a moment.
              </Alert>
            )}
            <Filtered foundation={result.value} filter={filter} />
          </section>
        </>
      )}
    </div>
  );
}

function Filtered({
  foundation,
  filter,
}: {
  foundation: Awaited<ReturnType<typeof loadFoundation>>;
  filter: ReturnType<typeof foundationFilterOf>;
}) {
  const orgs = filterOrgs(foundation.orgs, filter);
  const kept = new Set(orgs.map((o) => o.guid));
  return (
    <>
      <p data-testid="org-count">
        {orgs.length} of {foundation.orgs.length} organizations.
      </p>
      <FoundationOrgTable orgs={orgs} />
      <PublicSpaces spaces={foundation.publicSpaces.filter((s) => kept.has(s.org.guid))} />
    </>
  );
}
