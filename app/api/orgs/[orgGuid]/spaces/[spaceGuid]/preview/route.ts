import { z } from "zod";
import { previewChange } from "@/lib/changes/preview";
import { guidSchema } from "@/lib/cf/ids";
import { LIFECYCLES } from "@/lib/egress";
import { loadCatalog } from "@/lib/egress/load-catalog";
import { profiles } from "@/lib/egress/load-profiles";
import { env } from "@/lib/env";
import { failure, MESSAGES } from "@/lib/failures";
import { defineRoute, refuse } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

const query = z.object({
  lifecycle: z.enum(LIFECYCLES),
  action: z.enum(["bind", "unbind"]),
  profile: z.string().max(100).optional(),
  group: guidSchema.optional(),
});

/**
 * GET ?lifecycle=running&action=bind&profile=public (or &group=<guid>): what the change would open
 * and close. `{ preview }`, or the one error body (lib/failures/http.ts).
 */
export const GET = defineRoute(
  { params: { orgGuid: MESSAGES.orgGone, spaceGuid: MESSAGES.spaceGone } },
  async (ctx) => {
    const parsed = query.safeParse(Object.fromEntries(new URL(ctx.request.url).searchParams));
    if (!parsed.success) return refuse(ctx, failure("invalid", "The preview request is not valid."));
    const { lifecycle, action, profile: profileId, group } = parsed.data;
    const profile = profiles().find((p) => p.id === profileId);
    if (!profile && !group)
      return refuse(ctx, failure("invalid", "Name an egress profile or a security group."));

    const result = await previewChange(ctx.client, {
      ...ctx.params,
      lifecycle,
      action,
      target: profile ? { profile } : { groupGuid: group ?? "" },
      catalog: loadCatalog(),
      dynamicAsgs: env().dynamicAsgs,
    });
    if (!result.ok) return refuse(ctx, result.failure);
    return jsonResponse({ preview: result.preview });
  },
);
