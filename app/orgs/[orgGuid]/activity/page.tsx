import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Download } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { isGuid } from "@/lib/cf/ids";
import { loadActivity } from "@/lib/loaders/activity";
import { activitySearch, parseActivityQuery, reversedRange } from "@/lib/view-models/activity-query";
import { attempt } from "@/lib/loaders/attempt";
import { activityRows } from "@/lib/view-models/history";
import { ActivityFilters } from "./_components/activity-filters";
import { ActivityTable } from "./_components/activity-table";
import { ComplianceReportForm } from "./_components/compliance-report-form";

type Params = Promise<{ orgGuid: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const metadata: Metadata = { title: "Activity" };

const PAGE_SIZE = 50;

/**
 * The org's change history (docs/design.md §6): what the dashboard changed, who
 * and when, and what changed outside it (drift), for the spaces the user can
 * read now. Filters and pages live in the URL.
 */
export default async function ActivityPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { orgGuid } = await params;
  if (!isGuid(orgGuid)) notFound();
  const { query, problems } = parseActivityQuery(await searchParams);
  const result = await attempt(({ client, user }) => loadActivity(client, user, orgGuid, query, PAGE_SIZE));
  if (!result.ok) {
    return (
      <div className="mx-auto max-w-7xl space-y-6 px-4 py-8">
        <Breadcrumbs items={[{ label: "Activity" }]} />
        <h1 className="text-3xl">Activity</h1>
        <ErrorState
          what="this organization's activity"
          message={result.failure.message}
          reference={result.requestId}
        />
      </div>
    );
  }
  if (!result.value) notFound();
  const activity = result.value;
  const rows = activityRows(
    activity.entries,
    new Map(activity.spaces.map((s) => [s.guid, s.name])),
    activity.loadedAt,
    activity.reader,
  );
  const base = `/orgs/${orgGuid}/activity`;
  const reversed = reversedRange(query);

  return (
    <div className="mx-auto max-w-7xl space-y-6 px-4 py-8">
      <Breadcrumbs items={[{ href: `/orgs/${orgGuid}`, label: activity.org.name }, { label: "Activity" }]} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl">Activity of {activity.org.name}</h1>
          <p className="mt-1 max-w-3xl text-base-dark">
            Every change of egress made in this dashboard, and every change made outside it (with the cf CLI,
            say) that the dashboard noticed, for the spaces you can see. Cloud Foundry keeps no record of
            security-group changes itself.
          </p>
        </div>
        <a
          href={`/orgs/${orgGuid}/activity.csv${activitySearch(query)}`}
          download
          className={buttonClass("secondary")}
        >
          <Download aria-hidden="true" className="size-4" />
          Download CSV
        </a>
      </div>
      {problems.length > 0 && (
        <Alert tone="warning" heading="Some filters were ignored">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Alert>
      )}
      {reversed && (
        <Alert tone="warning" heading="These dates select nothing">
          {reversed}
        </Alert>
      )}
      {activity.unavailable && (
        <Alert tone="error" heading="The history could not be shown">
          {activity.unavailable}
        </Alert>
      )}
      <ActivityFilters orgGuid={orgGuid} query={query} spaces={activity.spaces} />
      {rows.length === 0 && !activity.unavailable ? (
        <p role="status">No entry matches.</p>
      ) : (
        <ActivityTable rows={rows} orgName={activity.org.name} />
      )}
      <nav aria-label="Pages of the activity" className="flex flex-wrap gap-4">
        {query.cursor && (
          <Link href={`${base}${activitySearch(query)}`} prefetch={false}>
            Newest entries
          </Link>
        )}
        {activity.nextCursor && (
          <Link href={`${base}${activitySearch(query, { cursor: activity.nextCursor })}`} prefetch={false}>
            Older entries
          </Link>
        )}
      </nav>
      <ComplianceReportForm orgGuid={orgGuid} now={activity.loadedAt} />
    </div>
  );
}
