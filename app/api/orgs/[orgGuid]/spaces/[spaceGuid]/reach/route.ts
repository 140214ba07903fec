import { failure, MESSAGES } from "@/lib/failures";
import { defineRoute, refuse } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/responses";
import { answerSpaceReach, loadSpaceForReach } from "@/lib/loaders/reach";

export const dynamic = "force-dynamic";

/**
 * GET ?host=&port=&protocol=: "can my app reach …?" for the space's running
 * apps, answered in place by the space page (and the same for anyone who
 * wants it as JSON): `{ reach }`, the words of lib/view-models/reach.ts, or
 * the one error body. A question that is not valid is an answer too
 * (`reach.ok: false` with why), as on the page.
 */
export const GET = defineRoute(
  { params: { orgGuid: MESSAGES.orgGone, spaceGuid: MESSAGES.spaceGone } },
  async (ctx) => {
    const detail = await loadSpaceForReach(ctx.client, ctx.user, ctx.params.orgGuid, ctx.params.spaceGuid);
    if (!detail) return refuse(ctx, failure("not-found", MESSAGES.spaceGone));
    const search = new URL(ctx.request.url).searchParams;
    const question = {
      host: search.get("host") ?? "",
      port: search.get("port") || undefined,
      protocol: search.get("protocol") || undefined,
    };
    return jsonResponse({ reach: await answerSpaceReach(detail, question) });
  },
);
