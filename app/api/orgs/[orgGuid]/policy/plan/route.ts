import { getServerSession } from "@/lib/auth/session";
import { planOrg } from "@/lib/changes/policy-plan";
import { isGuid } from "@/lib/cf/ids";
import { cfClientFor } from "@/lib/cf/session-client";
import { failure, MESSAGES } from "@/lib/failures";
import { refuse, withRouteErrors } from "@/lib/loaders/route-errors";
import { planView } from "@/lib/view-models/policy-plan";

export const dynamic = "force-dynamic";

/**
 * GET (optionally `?space=<guid>`): the "Bring into policy" preview, from
 * fresh CF data with the user's token: per violating space the operations,
 * what opens and closes and the cf commands, and the spaces that cannot be
 * brought into policy with why (lib/view-models/policy-plan.ts `PlanView`).
 * Not a stable interface: the dialog's own.
 */
export function GET(request: Request, { params }: { params: Promise<{ orgGuid: string }> }) {
  return withRouteErrors(async () => {
    const session = await getServerSession();
    if (!session) return refuse(failure("sign-in", MESSAGES.signIn));
    const { orgGuid } = await params;
    const space = new URL(request.url).searchParams.get("space");
    if (!isGuid(orgGuid)) return refuse(failure("not-found", MESSAGES.orgGone));
    if (space !== null && !isGuid(space)) return refuse(failure("not-found", MESSAGES.spaceGone));
    const plan = await planOrg(
      cfClientFor(session),
      session.user,
      orgGuid,
      space === null ? undefined : new Set([space]),
    );
    if (!plan) return refuse(failure("not-found", MESSAGES.orgGone));
    if (space !== null && plan.plans.length === 0) return refuse(failure("not-found", MESSAGES.spaceGone));
    return Response.json(planView(plan.org, plan.revision, plan.plans), {
      headers: { "Cache-Control": "no-store" },
    });
  });
}
