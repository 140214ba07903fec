import { failure, MESSAGES } from "@/lib/failures";
import { defineRoute, refuse } from "@/lib/http/define-route";
import { csvResponse } from "@/lib/http/responses";
import { loadOrgMatrix } from "@/lib/loaders/org";
import { postureCsv } from "@/lib/view-models/org-matrix";

export const dynamic = "force-dynamic";

/** The org matrix as CSV (docs/design.md §5): one row per space. */
export const GET = defineRoute({ params: { orgGuid: MESSAGES.orgGone } }, async (ctx) => {
  const matrix = await loadOrgMatrix(ctx.client, ctx.user, ctx.params.orgGuid);
  if (!matrix) return refuse(ctx, failure("not-found", MESSAGES.orgGone));
  return csvResponse(postureCsv(matrix), matrix.org.name, "egress");
});
