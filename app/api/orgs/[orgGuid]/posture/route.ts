import { postureJson } from "@/lib/view-models/org-matrix";
import { exportResponse } from "@/lib/loaders/org-export";

export const dynamic = "force-dynamic";

/** The org matrix as JSON (design.md §5), also what the org page refreshes itself from. */
export async function GET(_request: Request, { params }: { params: Promise<{ orgGuid: string }> }) {
  const { orgGuid } = await params;
  return exportResponse(orgGuid, (matrix) =>
    Response.json(postureJson(matrix), { headers: { "Cache-Control": "no-store" } }),
  );
}
