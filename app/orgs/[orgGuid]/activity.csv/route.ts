import type { NextRequest } from "next/server";
import { getServerSession } from "@/lib/auth/session";
import { isGuid } from "@/lib/cf/ids";
import { failure, MESSAGES } from "@/lib/failures";
import { loadAllActivity, parseActivityQuery } from "@/lib/loaders/activity";
import { refuse, withRouteErrors } from "@/lib/loaders/route-errors";
import { csvText } from "@/lib/view-models/csv";
import { activityCsvRows, activityRows } from "@/lib/view-models/history";

export const dynamic = "force-dynamic";

/** The activity page's entries as CSV, the same filters and words; every page, up to 10,000 entries. */
export function GET(request: NextRequest, { params }: { params: Promise<{ orgGuid: string }> }) {
  return withRouteErrors(async () => {
    if (!(await getServerSession())) return refuse(failure("sign-in", MESSAGES.signIn));
    const { orgGuid } = await params;
    if (!isGuid(orgGuid)) return refuse(failure("not-found", MESSAGES.orgGone));
    const all: Record<string, string | string[]> = {};
    for (const key of new Set(request.nextUrl.searchParams.keys())) {
      const values = request.nextUrl.searchParams.getAll(key);
      all[key] = values.length === 1 ? (values[0] ?? "") : values;
    }
    const { query } = parseActivityQuery(all);
    const activity = await loadAllActivity(orgGuid, query);
    if (!activity) return refuse(failure("not-found", MESSAGES.orgGone));
    if (activity.unavailable) return refuse(failure("unavailable", MESSAGES.databaseUnavailable));
    const rows = activityRows(
      activity.entries,
      new Map(activity.spaces.map((s) => [s.guid, s.name])),
      activity.loadedAt,
    );
    return new Response(csvText(activityCsvRows(rows)), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${activity.org.name.replace(/[^\w.-]+/g, "_")}-activity.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
