import { failure, MESSAGES } from "@/lib/failures";
import { defineRoute, refuse } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/responses";
import { loadOrgMatrix, matrixTimings } from "@/lib/loaders/org";
import { postureJson } from "@/lib/view-models/org-matrix";

export const dynamic = "force-dynamic";

/**
 * The org matrix as JSON (docs/design.md §5, a stable interface). `Server-Timing` says how long the CF
 * reads and the evaluation took (`npm run bench` reads it).
 */
export const GET = defineRoute({ params: { orgGuid: MESSAGES.orgGone } }, async (ctx) => {
  const matrix = await loadOrgMatrix(ctx.client, ctx.user, ctx.params.orgGuid);
  if (!matrix) return refuse(ctx, failure("not-found", MESSAGES.orgGone));
  const timings = matrixTimings(matrix);
  return jsonResponse(
    postureJson(matrix),
    timings
      ? { "Server-Timing": `cf;dur=${timings.cfMs.toFixed(1)}, engine;dur=${timings.engineMs.toFixed(1)}` }
      : {},
  );
});
