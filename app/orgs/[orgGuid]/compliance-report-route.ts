import { failure, MESSAGES } from "@/lib/failures";
import { defineRoute, refuse } from "@/lib/http/define-route";
import { loadComplianceReport } from "@/lib/loaders/compliance-report";
import type { ComplianceReport } from "@/lib/view-models/compliance-report";
import { parseReportPeriod } from "@/lib/view-models/report-period";

/**
 * The two downloads of the compliance report (docs/design.md §12): the same period, permission and
 * report; only the format differs. A period that is not valid is refused (400, saying why); an org
 * the user cannot see is not found, as its activity is.
 */
export function complianceReportRoute(answer: (report: ComplianceReport, fileName: string) => Response) {
  return defineRoute(
    { params: { orgGuid: MESSAGES.orgGone }, notFoundPage: ({ orgGuid }) => `/orgs/${orgGuid}` },
    async (ctx) => {
      const parsed = parseReportPeriod(new URL(ctx.request.url).searchParams, Date.now());
      if (!parsed.ok) return refuse(ctx, failure("invalid", parsed.message));
      const result = await loadComplianceReport(ctx.client, ctx.user, ctx.params.orgGuid, parsed.period);
      if (!result) return refuse(ctx, failure("not-found", MESSAGES.orgGone));
      if ("unavailable" in result) return refuse(ctx, failure("unavailable", MESSAGES.databaseUnavailable));
      const { report } = result;
      return answer(report, `${report.org.name}-compliance-${report.period.from}-to-${report.period.to}`);
    },
  );
}
