import type { Metadata } from "next";
import { Suspense } from "react";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { GroupsSection } from "./_components/groups-section";

export const metadata: Metadata = { title: "Security groups" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * A Suspense boundary inside the page rather than a loading.tsx beside it: a
 * segment's loading.tsx also wraps the detail route below it, and once its
 * fallback has streamed the detail page can no longer answer 404.
 */
export default async function SecurityGroupsPage({ searchParams }: { searchParams: SearchParams }) {
  const { q } = await searchParams;
  const query = (Array.isArray(q) ? q[0] : q) ?? "";
  return (
    <div className="mx-auto max-w-7xl space-y-6 px-4 py-8">
      <Breadcrumbs items={[{ label: "Security groups" }]} />
      <div>
        <h1 className="text-3xl">Security groups</h1>
        <p className="mt-2 max-w-3xl text-base-darker">
          Application security groups are allow-lists of outbound traffic. A group applies to the apps of a
          space when it is bound to that space, or to every app when it is enabled platform-wide. These are
          the groups Cloud Foundry shows you.
        </p>
      </div>
      <Suspense
        fallback={
          <p role="status" className="text-lg">
            Loading the security groups…
          </p>
        }
      >
        <GroupsSection query={query} />
      </Suspense>
    </div>
  );
}
