import { failure, MESSAGES } from "@/lib/failures";
import { defineRoute, refuse } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/responses";
import { loadMatrixRows } from "@/lib/loaders/org";

export const dynamic = "force-dynamic";

/**
 * The org page's own rows (what the matrix refreshes itself from): the
 * matrix's view model with each space's last history entry. Not a stable
 * interface; the export of docs/design.md §5 is /api/orgs/[orgGuid]/posture.
 */
export const GET = defineRoute({ params: { orgGuid: MESSAGES.orgGone } }, async (ctx) => {
  const loaded = await loadMatrixRows(ctx.client, ctx.user, ctx.params.orgGuid);
  if (!loaded) return refuse(ctx, failure("not-found", MESSAGES.orgGone));
  return jsonResponse(loaded.rows);
});
