import { failure, MESSAGES } from "@/lib/failures";
import { defineRoute, refuse } from "@/lib/http/define-route";
import { csvResponse } from "@/lib/http/responses";
import { loadAllActivity } from "@/lib/loaders/activity";
import { parseActivityQuery } from "@/lib/view-models/activity-query";
import { csvText } from "@/lib/view-models/csv";
import { activityCsvRows, activityRows } from "@/lib/view-models/history";

export const dynamic = "force-dynamic";

/** The activity page's entries as CSV, the same filters and words; every page, up to 10,000 entries. */
export const GET = defineRoute(
  { params: { orgGuid: MESSAGES.orgGone }, notFoundPage: ({ orgGuid }) => `/orgs/${orgGuid}` },
  async (ctx) => {
    const search = new URL(ctx.request.url).searchParams;
    const all: Record<string, string | string[]> = {};
    for (const key of new Set(search.keys())) {
      const values = search.getAll(key);
      all[key] = values.length === 1 ? (values[0] ?? "") : values;
    }
    const { query } = parseActivityQuery(all);
    const activity = await loadAllActivity(ctx.client, ctx.user, ctx.params.orgGuid, query);
    if (!activity) return refuse(ctx, failure("not-found", MESSAGES.orgGone));
    if (activity.unavailable) return refuse(ctx, failure("unavailable", MESSAGES.databaseUnavailable));
    const rows = activityRows(
      activity.entries,
      new Map(activity.spaces.map((s) => [s.guid, s.name])),
      activity.loadedAt,
      activity.reader,
    );
    return csvResponse(csvText(activityCsvRows(rows)), activity.org.name, "activity");
  },
);
