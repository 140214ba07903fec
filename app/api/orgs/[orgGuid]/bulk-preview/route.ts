import { z } from "zod";
import { previewBulk } from "@/lib/changes/bulk-preview";
import { profileIdSchema } from "@/lib/changes/inputs";
import { guidSchema } from "@/lib/cf/ids";
import { loadCatalog } from "@/lib/egress/load-catalog";
import { profiles } from "@/lib/egress/load-profiles";
import { env } from "@/lib/env";
import { failure, MESSAGES } from "@/lib/failures";
import { defineRoute, refuse } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

const body = z.strictObject({
  profile: profileIdSchema,
  enabled: z.boolean(),
  /** Absent: every space of the org the caller can see. */
  spaces: z.array(guidSchema).min(1).max(5000).optional(),
});

/**
 * POST `{ profile, enabled, spaces? }`: what turning a profile on or off for
 * many spaces would do, per space (lib/changes/bulk-preview.ts), for the bulk
 * dialog. It changes nothing; it is a POST because a list of thousands of
 * space guids does not fit in a URL. `{ preview }`, or the one error body.
 * Not a stable interface: the dialog's own.
 */
export const POST = defineRoute({ params: { orgGuid: MESSAGES.orgGone } }, async (ctx) => {
  let input: unknown;
  try {
    input = JSON.parse(await ctx.request.text());
  } catch {
    input = undefined;
  }
  const parsed = body.safeParse(input);
  if (!parsed.success) return refuse(ctx, failure("invalid", "The preview request is not valid."));
  const profile = profiles().find((p) => p.id === parsed.data.profile);
  if (!profile) return refuse(ctx, failure("invalid", "Name an egress profile."));

  const result = await previewBulk(ctx.client, {
    orgGuid: ctx.params.orgGuid,
    profile,
    enabled: parsed.data.enabled,
    spaceGuids: parsed.data.spaces ?? null,
    catalog: loadCatalog(),
    dynamicAsgs: env().dynamicAsgs,
    seesEveryGroup: ctx.user.readsGlobally,
  });
  if (!result.ok) return refuse(ctx, result.failure);
  return jsonResponse({ preview: result.preview });
});
