import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReachSearchSection } from "@/components/egress/reach-search/reach-search-section";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { isGuid } from "@/lib/cf/ids";
import { attempt } from "@/lib/loaders/attempt";
import { findOrganization } from "@/lib/loaders/lookups";
import { searchReachable } from "@/lib/loaders/reach-search";
import { reachPageQuery } from "@/lib/view-models/reach-form";

export const metadata: Metadata = { title: "Who can reach this?" };

type Params = Promise<{ orgGuid: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * "Who can reach this?" scoped to the org (docs/design.md §13): which of its
 * spaces the user can see allow the traffic, running and staging, and
 * through which groups and rules. Its own page, so the org page's scripts
 * stay as they are; the question is in the URL.
 */
export default async function OrgReachPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { orgGuid } = await params;
  if (!isGuid(orgGuid)) notFound();
  const { values, parsed, filter } = reachPageQuery(await searchParams);
  const [org, answer] = await Promise.all([
    attempt(({ client }) => findOrganization(client, orgGuid)),
    parsed?.ok
      ? attempt(
          async ({ client, user }) =>
            (await searchReachable(client, user, parsed.query, orgGuid))?.spaces ?? [],
        )
      : Promise.resolve(null),
  ]);
  if (org.ok && !org.value) notFound();
  const name = org.ok ? (org.value?.name ?? "") : "";
  return (
    <div className="mx-auto max-w-7xl space-y-6 px-4 py-8">
      <Breadcrumbs
        items={[
          ...(name ? [{ href: `/orgs/${orgGuid}`, label: name }] : []),
          { label: "Who can reach this?" },
        ]}
      />
      <div>
        <h1 className="text-3xl">Who can reach this?{name && ` (${name})`}</h1>
        <p className="mt-1 max-w-3xl text-base-dark">
          Which spaces of this organization you can see let their apps reach a destination, running and
          staging, and through which security groups and rules: allowed for all of the addresses and ports,
          partly, or blocked. The same engine answers as the organization&apos;s matrix.
        </p>
      </div>
      <ReachSearchSection
        action={`/orgs/${orgGuid}/reach`}
        values={values}
        filter={filter}
        parsed={parsed}
        answer={answer}
        showOrg={false}
      />
    </div>
  );
}
