import "server-only";
import { getServerSession } from "@/lib/auth/session";
import { isGuid } from "@/lib/cf/ids";
import { failure, MESSAGES } from "@/lib/failures";
import type { OrgMatrix } from "@/lib/view-models/org-matrix";
import { loadOrgMatrix } from "./org";
import { refuse, withRouteErrors } from "./route-errors";

/**
 * The shared checks of the export routes: a session (401, not a redirect: a
 * fetch or a download expects data), a well-formed guid, an org CF shows this
 * user (404 otherwise), and any failure in the one error body.
 */
export async function exportResponse(
  orgGuid: string,
  render: (matrix: OrgMatrix) => Response,
): Promise<Response> {
  return withRouteErrors(async () => {
    if (!(await getServerSession())) return refuse(failure("sign-in", MESSAGES.signIn));
    if (!isGuid(orgGuid)) return refuse(failure("not-found", MESSAGES.orgGone));
    const matrix = await loadOrgMatrix(orgGuid);
    if (!matrix) return refuse(failure("not-found", MESSAGES.orgGone));
    return render(matrix);
  });
}
