import "server-only";
import { getServerSession } from "@/lib/auth/session";
import { CfApiError, CfUnavailableError, describeCfFailure } from "@/lib/cf/errors";
import { isGuid } from "@/lib/cf/ids";
import { loadOrgMatrix } from "./load-org";
import type { OrgMatrix } from "./org-matrix";

const json = (status: number, error: string) =>
  Response.json({ error }, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The shared checks of the export routes: a session (401, not a redirect: a
 * fetch or a download expects data), a well-formed guid, an org CF shows this
 * user (404 otherwise), and CF failures as 502 with the reason.
 */
export async function exportResponse(
  orgGuid: string,
  render: (matrix: OrgMatrix) => Response,
): Promise<Response> {
  if (!(await getServerSession())) return json(401, "Sign in to continue.");
  if (!isGuid(orgGuid)) return json(404, "Organization not found.");
  try {
    const matrix = await loadOrgMatrix(orgGuid);
    if (!matrix) return json(404, "Organization not found.");
    return render(matrix);
  } catch (error) {
    if (error instanceof CfApiError && error.needsSignIn) return json(401, "Sign in to continue.");
    if (error instanceof CfApiError || error instanceof CfUnavailableError)
      return json(502, describeCfFailure(error));
    throw error;
  }
}
