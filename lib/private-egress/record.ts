import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import { getDatabase } from "@/lib/db";
import { describeError } from "@/lib/log";
import { endpointTypeLabel } from "./endpoints";
import type { RequestInput } from "./schema";

/**
 * A prepared private-egress request goes into the org's activity (who asked,
 * when, and what), so an org manager can see that one is under way. The
 * request is the user's to send either way; a history that cannot be written
 * is logged and said, never a reason to withhold the request.
 */
export async function recordPrivateEgressRequest(
  ctx: ActionContext,
  orgGuid: string,
  input: RequestInput,
): Promise<boolean> {
  const device = input.endpointType === "other" ? input.endpointOther : endpointTypeLabel(input.endpointType);
  const networks =
    input.privateCidrs.length === 1 ? "1 private network" : `${input.privateCidrs.length} private networks`;
  try {
    await (
      await getDatabase()
    ).recordRequest({
      user: { guid: ctx.session.user.id, name: ctx.session.user.name },
      orgGuid,
      message: `Prepared a private-egress request: endpoint ${input.endpointIp}, ${networks} (${input.privateCidrs.join(", ")}), ${device}, about ${input.appCount} apps.`,
      details: { ...input },
      requestId: ctx.requestId,
    });
    return true;
  } catch (error) {
    ctx.log.error({ err: describeError(error) }, "history: private-egress request not recorded");
    return false;
  }
}
