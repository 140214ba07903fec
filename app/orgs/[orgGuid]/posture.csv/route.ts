import { postureCsv } from "@/lib/view-models/org-matrix";
import { exportResponse } from "@/lib/loaders/org-export";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ orgGuid: string }> }) {
  const { orgGuid } = await params;
  return exportResponse(orgGuid, (matrix) => {
    const name = matrix.org.name.replace(/[^\w.-]+/g, "_");
    return new Response(postureCsv(matrix), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}-egress.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
