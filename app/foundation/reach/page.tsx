import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ReachSearchSection } from "@/components/egress/reach-search/reach-search-section";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { getViewer } from "@/lib/auth/cf-client";
import { attempt } from "@/lib/loaders/attempt";
import { searchReachable } from "@/lib/loaders/reach-search";
import { seesFoundation } from "@/lib/permissions";
import { reachPageQuery } from "@/lib/view-models/reach-form";

export const metadata: Metadata = { title: "Who can reach this? · Foundation" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * "Who can reach this?" over every space of the foundation (docs/design.md
 * §13), for the platform's readers; anyone else asks from an org's page.
 */
export default async function FoundationReachPage({ searchParams }: { searchParams: SearchParams }) {
  const { user } = await getViewer();
  if (!seesFoundation(user)) redirect("/orgs");
  const { values, parsed, filter } = reachPageQuery(await searchParams);
  const answer = parsed?.ok
    ? await attempt(
        async ({ client, user: viewer }) =>
          (await searchReachable(client, viewer, parsed.query))?.spaces ?? [],
      )
    : null;
  return (
    <div className="mx-auto max-w-7xl space-y-6 px-4 py-8">
      <Breadcrumbs items={[{ href: "/foundation", label: "Foundation" }, { label: "Who can reach this?" }]} />
      <div>
        <h1 className="text-3xl">Who can reach this?</h1>
        <p className="mt-1 max-w-3xl text-base-dark">
          Which spaces of the foundation let their apps reach a destination, running and staging, and through
          which security groups and rules: allowed for all of the addresses and ports, partly, or blocked. The
          same engine answers as the organizations&apos; matrices. Pipelines ask <code>GET /api/reach</code>.
        </p>
      </div>
      <ReachSearchSection
        action="/foundation/reach"
        values={values}
        filter={filter}
        parsed={parsed}
        answer={answer}
        showOrg
      />
    </div>
  );
}
