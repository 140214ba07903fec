import { postureJson } from "@/lib/view-models/org-matrix";
import { exportResponse } from "@/lib/loaders/org-export";
import { matrixTimings } from "@/lib/loaders/org";

export const dynamic = "force-dynamic";

/**
 * The org matrix as JSON (design.md §5), also what the org page refreshes itself from.
 * `Server-Timing` says how long the CF reads and the evaluation took (`npm run bench` reads it).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ orgGuid: string }> }) {
  const { orgGuid } = await params;
  return exportResponse(orgGuid, (matrix) => {
    const timings = matrixTimings(matrix);
    return Response.json(postureJson(matrix), {
      headers: {
        "Cache-Control": "no-store",
        ...(timings && {
          "Server-Timing": `cf;dur=${timings.cfMs.toFixed(1)}, engine;dur=${timings.engineMs.toFixed(1)}`,
        }),
      },
    });
  });
}
