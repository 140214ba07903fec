import { failure, MESSAGES } from "@/lib/failures";
import { defineRoute, refuse } from "@/lib/http/define-route";
import { csvResponse } from "@/lib/http/responses";
import { loadOrgMatrix } from "@/lib/loaders/org";
import { applyFilter, filterFromSearch } from "@/lib/view-models/matrix-filter";
import { postureCsv } from "@/lib/view-models/org-matrix";

export const dynamic = "force-dynamic";

/**
 * The org matrix as CSV (docs/design.md §5): one row per space, of the spaces
 * the page's filters keep (`q`, `posture`, `violations`, read as the page
 * reads them). A browser sent here for an org it cannot see gets the org's
 * not-found page.
 */
export const GET = defineRoute(
  { params: { orgGuid: MESSAGES.orgGone }, notFoundPage: ({ orgGuid }) => `/orgs/${orgGuid}` },
  async (ctx) => {
    const matrix = await loadOrgMatrix(ctx.client, ctx.user, ctx.params.orgGuid);
    if (!matrix) return refuse(ctx, failure("not-found", MESSAGES.orgGone));
    const filter = filterFromSearch(new URL(ctx.request.url).searchParams);
    // The matrix's filter counts a row as violating when it carries reasons, as the page's rows do.
    const kept = new Set(
      applyFilter(
        matrix.spaces.map((s) => ({
          name: s.name,
          posture: s.posture,
          guid: s.guid,
          policy: s.policy.compliant ? undefined : { reasons: s.policy.reasons },
        })),
        filter,
      ).map((s) => s.guid),
    );
    const spaces = matrix.spaces.filter((s) => kept.has(s.guid));
    return csvResponse(postureCsv({ ...matrix, spaces }), matrix.org.name, "egress");
  },
);
