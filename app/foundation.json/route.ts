import { failure, MESSAGES } from "@/lib/failures";
import { defineRoute, refuse } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/responses";
import { loadFoundation } from "@/lib/loaders/foundation";
import { seesFoundation } from "@/lib/permissions";
import { foundationFilterOf, foundationJson } from "@/lib/view-models/foundation";

export const dynamic = "force-dynamic";

/** The foundation page as JSON (docs/design.md §13), of the orgs its filters keep; a download, not a stable API. */
export const GET = defineRoute({ params: {} }, async (ctx) => {
  if (!seesFoundation(ctx.user)) return refuse(ctx, failure("forbidden", MESSAGES.foundationOnly));
  const foundation = await loadFoundation(ctx.client, ctx.user);
  const filter = foundationFilterOf(Object.fromEntries(new URL(ctx.request.url).searchParams));
  return jsonResponse(foundationJson(foundation, filter), {
    "Content-Disposition": 'attachment; filename="foundation.json"',
  });
});
