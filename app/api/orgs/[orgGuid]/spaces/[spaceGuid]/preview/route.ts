import type { NextRequest } from "next/server";
import { z } from "zod";
import { getServerSession } from "@/lib/auth/session";
import { previewChange } from "@/lib/changes/preview";
import { cfClientFor } from "@/lib/cf/session-client";
import { CfApiError, CfUnavailableError, describeCfFailure } from "@/lib/cf/errors";
import { guidSchema } from "@/lib/cf/ids";
import { loadCatalog } from "@/lib/egress/load-catalog";
import { env } from "@/lib/env";
import { profiles } from "@/lib/views/profiles";

export const dynamic = "force-dynamic";

const query = z.object({
  orgGuid: guidSchema,
  spaceGuid: guidSchema,
  lifecycle: z.enum(["running", "staging"]),
  action: z.enum(["bind", "unbind"]),
  profile: z.string().optional(),
  group: guidSchema.optional(),
});

const reply = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/** GET ?lifecycle=running&action=bind&profile=public (or &group=<guid>): what the change would open and close. */
export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ orgGuid: string; spaceGuid: string }> },
) {
  const session = await getServerSession();
  if (!session) return reply(401, { ok: false, message: "Sign in to continue." });
  const parsed = query.safeParse({ ...(await params), ...Object.fromEntries(request.nextUrl.searchParams) });
  if (!parsed.success) return reply(400, { ok: false, message: "The preview request is not valid." });
  const { orgGuid, spaceGuid, lifecycle, action, profile: profileId, group } = parsed.data;
  const profile = profiles().find((p) => p.id === profileId);
  if (!profile && !group)
    return reply(400, { ok: false, message: "Name an egress profile or a security group." });

  const client = cfClientFor(session);
  try {
    const result = await previewChange(client, {
      orgGuid,
      spaceGuid,
      lifecycle,
      action,
      target: profile ? { profile } : { groupGuid: group ?? "" },
      catalog: loadCatalog(),
      dynamicAsgs: env().dynamicAsgs,
    });
    return reply(result.ok ? 200 : 404, result);
  } catch (error) {
    if (error instanceof CfApiError && error.needsSignIn)
      return reply(401, { ok: false, message: "Sign in to continue." });
    if (error instanceof CfApiError || error instanceof CfUnavailableError) {
      return reply(502, { ok: false, message: describeCfFailure(error) });
    }
    throw error;
  }
}
