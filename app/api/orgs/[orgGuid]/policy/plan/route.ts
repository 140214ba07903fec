import { planOrg } from "@/lib/changes/policy-plan";
import { isGuid } from "@/lib/cf/ids";
import { failure, MESSAGES } from "@/lib/failures";
import { defineRoute, refuse } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/responses";
import { planView } from "@/lib/view-models/policy-plan";

export const dynamic = "force-dynamic";

/**
 * GET (optionally `?space=<guid>`): the "Bring into policy" preview, from
 * fresh CF data with the user's token: per violating space the operations,
 * what opens and closes and the cf commands, and the spaces that cannot be
 * brought into policy with why (lib/view-models/policy-plan.ts `PlanView`).
 * Not a stable interface: the dialog's own.
 */
export const GET = defineRoute({ params: { orgGuid: MESSAGES.orgGone } }, async (ctx) => {
  const space = new URL(ctx.request.url).searchParams.get("space");
  if (space !== null && !isGuid(space)) return refuse(ctx, failure("not-found", MESSAGES.spaceGone));
  const plan = await planOrg(
    ctx.client,
    ctx.user,
    ctx.params.orgGuid,
    space === null ? undefined : new Set([space]),
  );
  if (!plan) return refuse(ctx, failure("not-found", MESSAGES.orgGone));
  if (space !== null && plan.plans.length === 0) return refuse(ctx, failure("not-found", MESSAGES.spaceGone));
  return jsonResponse(planView(plan.org, plan.revision, plan.plans));
});
