import { getServerSession } from "@/lib/auth/session";
import { isGuid } from "@/lib/cf/ids";
import { failure, MESSAGES } from "@/lib/failures";
import { loadMatrixRows } from "@/lib/loaders/org";
import { refuse, withRouteErrors } from "@/lib/loaders/route-errors";

export const dynamic = "force-dynamic";

/**
 * The org page's own rows (what the matrix refreshes itself from): the
 * matrix's view model with each space's last history entry. Not a stable
 * interface; the export of design.md §5 is /api/orgs/[orgGuid]/posture.
 */
export function GET(_request: Request, { params }: { params: Promise<{ orgGuid: string }> }) {
  return withRouteErrors(async () => {
    if (!(await getServerSession())) return refuse(failure("sign-in", MESSAGES.signIn));
    const { orgGuid } = await params;
    if (!isGuid(orgGuid)) return refuse(failure("not-found", MESSAGES.orgGone));
    const loaded = await loadMatrixRows(orgGuid);
    if (!loaded) return refuse(failure("not-found", MESSAGES.orgGone));
    return Response.json(loaded.rows, { headers: { "Cache-Control": "no-store" } });
  });
}
