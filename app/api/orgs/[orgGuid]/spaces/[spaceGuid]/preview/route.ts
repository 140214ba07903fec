import type { NextRequest } from "next/server";
import { z } from "zod";
import { getServerSession } from "@/lib/auth/session";
import { previewChange } from "@/lib/changes/preview";
import { guidSchema } from "@/lib/cf/ids";
import { cfClientFor } from "@/lib/cf/session-client";
import { LIFECYCLES } from "@/lib/egress";
import { loadCatalog } from "@/lib/egress/load-catalog";
import { profiles } from "@/lib/egress/load-profiles";
import { env } from "@/lib/env";
import { failure, MESSAGES } from "@/lib/failures";
import { refuse, withRouteErrors } from "@/lib/loaders/route-errors";

export const dynamic = "force-dynamic";

const query = z.object({
  orgGuid: guidSchema,
  spaceGuid: guidSchema,
  lifecycle: z.enum(LIFECYCLES),
  action: z.enum(["bind", "unbind"]),
  profile: z.string().max(100).optional(),
  group: guidSchema.optional(),
});

/**
 * GET ?lifecycle=running&action=bind&profile=public (or &group=<guid>): what the change would open
 * and close. `{ preview }`, or the one error body (lib/failures/http.ts).
 */
export function GET(
  request: NextRequest,
  { params }: { params: Promise<{ orgGuid: string; spaceGuid: string }> },
) {
  return withRouteErrors(async () => {
    const session = await getServerSession();
    if (!session) return refuse(failure("sign-in", MESSAGES.signIn));
    const parsed = query.safeParse({
      ...(await params),
      ...Object.fromEntries(request.nextUrl.searchParams),
    });
    if (!parsed.success) return refuse(failure("invalid", "The preview request is not valid."));
    const { orgGuid, spaceGuid, lifecycle, action, profile: profileId, group } = parsed.data;
    const profile = profiles().find((p) => p.id === profileId);
    if (!profile && !group) return refuse(failure("invalid", "Name an egress profile or a security group."));

    const result = await previewChange(cfClientFor(session), {
      orgGuid,
      spaceGuid,
      lifecycle,
      action,
      target: profile ? { profile } : { groupGuid: group ?? "" },
      catalog: loadCatalog(),
      dynamicAsgs: env().dynamicAsgs,
    });
    if (!result.ok) return refuse(result.failure);
    return Response.json({ preview: result.preview }, { headers: { "Cache-Control": "no-store" } });
  });
}
