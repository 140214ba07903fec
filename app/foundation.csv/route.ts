import { failure, MESSAGES } from "@/lib/failures";
import { defineRoute, refuse } from "@/lib/http/define-route";
import { csvResponse } from "@/lib/http/responses";
import { loadFoundation } from "@/lib/loaders/foundation";
import { seesFoundation } from "@/lib/permissions";
import { filterOrgs, foundationCsv, foundationFilterOf } from "@/lib/view-models/foundation";

export const dynamic = "force-dynamic";

/** The foundation page's org table as CSV (docs/design.md §13), of the orgs its filters keep. */
export const GET = defineRoute({ params: {} }, async (ctx) => {
  if (!seesFoundation(ctx.user)) return refuse(ctx, failure("forbidden", MESSAGES.foundationOnly));
  const foundation = await loadFoundation(ctx.client, ctx.user);
  const filter = foundationFilterOf(Object.fromEntries(new URL(ctx.request.url).searchParams));
  return csvResponse(foundationCsv(filterOrgs(foundation.orgs, filter)), "foundation", "orgs");
});
