import { z } from "zod";
import { failure, MESSAGES } from "@/lib/failures";
import { parseReachSearch } from "@/lib/egress/reach-query";
import { defineRoute, refuse } from "@/lib/http/define-route";
import { jsonListResponse } from "@/lib/http/responses";
import { searchReachable } from "@/lib/loaders/reach-search";

export const dynamic = "force-dynamic";

/**
 * GET ?destination=&ports=&protocol=[&org=]: "who can reach this?" (docs/design.md §13), a
 * stable interface: every space the caller can see (in the org, with `org=`), whether its
 * running and, separately, its staging egress allows the traffic, and through which groups
 * and rules. Callers are a signed-in browser or a pipeline with a user's UAA token
 * (`Authorization: bearer …`), as for the policy API; CF shows either what it shows them.
 * A malformed query is a 400 in the one error body, its message naming what is wrong; an
 * org CF does not show the caller is a 404.
 */

const orgSchema = z.guid({ error: "Org must be an organization's guid." }).optional();

export const GET = defineRoute({ params: {}, bearer: true }, async (ctx) => {
  const search = new URL(ctx.request.url).searchParams;
  const parsed = parseReachSearch(search);
  const org = orgSchema.safeParse(search.get("org") || undefined);
  if (!parsed.ok || !org.success) {
    const messages = [
      ...(parsed.ok ? [] : [parsed.message]),
      ...(org.success ? [] : org.error.issues.map((i) => i.message)),
    ];
    return refuse(ctx, failure("invalid", messages.join(" ")));
  }
  const result = await searchReachable(ctx.client, ctx.user, parsed.query, org.data);
  if (!result) return refuse(ctx, failure("not-found", MESSAGES.orgGone));
  // Foundation-wide, 20,000 spaces: written as the client reads it (lib/http/responses.ts).
  return jsonListResponse(
    "spaces",
    result.spaces.map((s) => ({
      guid: s.guid,
      name: s.name,
      org: s.org,
      running: s.running,
      staging: s.staging,
    })),
  );
});
