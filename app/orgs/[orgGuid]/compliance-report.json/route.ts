import { jsonResponse } from "@/lib/http/responses";
import { complianceReportRoute } from "../compliance-report-route";

export const dynamic = "force-dynamic";

/** The org's compliance report of a period as JSON, schema `egress-dashboard/compliance-report@1`. */
export const GET = complianceReportRoute((report, fileName) =>
  jsonResponse(report, {
    "Content-Disposition": `attachment; filename="${fileName.replace(/[^\w.-]+/g, "_")}-report.json"`,
  }),
);
