import { csvResponse } from "@/lib/http/responses";
import { complianceReportCsvRows } from "@/lib/view-models/compliance-report-csv";
import { csvText } from "@/lib/view-models/csv";
import { complianceReportRoute } from "../compliance-report-route";

export const dynamic = "force-dynamic";

/** The org's compliance report of a period (`from`, `to`; default the last 30 days) as CSV. */
export const GET = complianceReportRoute((report, fileName) =>
  csvResponse(csvText(complianceReportCsvRows(report)), fileName, "report"),
);
