import { z } from "zod";
import { statusChangeSchema, type StatusChange } from "@/lib/egress/status-change";

/** What a bind or unbind would change for one space (lib/changes/preview.ts makes it on the server). */
export type ChangePreview = {
  group: string;
  opens: StatusChange[];
  closes: StatusChange[];
  command: string;
  takesEffect: string;
};

const changePreviewSchema: z.ZodType<ChangePreview> = z.object({
  group: z.string(),
  opens: z.array(statusChangeSchema),
  closes: z.array(statusChangeSchema),
  command: z.string(),
  takesEffect: z.string(),
});

/** The answer of GET /api/orgs/:orgGuid/spaces/:spaceGuid/preview, as the change dialog reads it. */
export const previewAnswerSchema = z.object({ preview: changePreviewSchema });
