import { z } from "zod";
import { fetchJson, type JsonResult } from "@/lib/http/fetch-json";
import type { ReachView } from "@/lib/view-models/reach";

/**
 * The reach route's answer, checked before it is shown (lib/view-models/reach.ts).
 * Loaded with zod when the first question is asked (reach-form.tsx), not with the
 * space page, whose first answer the server rendered.
 */
const answerSchema = z.object({
  reach: z.union([
    z.object({ ok: z.literal(false), message: z.string() }),
    z.object({
      ok: z.literal(true),
      host: z.string(),
      note: z.string().nullable(),
      lines: z.array(
        z.object({
          address: z.string(),
          allowed: z.boolean(),
          verdict: z.string(),
          text: z.string(),
          action: z.object({ profileId: z.string(), label: z.string() }).optional(),
        }),
      ),
    }),
  ]),
});

export function fetchReach(url: string): Promise<JsonResult<{ reach: ReachView }>> {
  return fetchJson(url, answerSchema);
}
