import { z } from "zod";
import { statusChangeSchema, type StatusChange } from "@/lib/egress/status-change";
import type { PolicyAtChange, RuleRef } from "@/lib/policy/at-change";

/**
 * What the change dialogs show before Confirm, made on the server from fresh
 * CF data (lib/changes/preview.ts, bulk-preview.ts) and checked here as the
 * browser reads it. Pure, so the dialogs import it without server code.
 */

/** The org's policy at the change (lib/policy/at-change.ts), or why it cannot be said. */
export type PolicyNote = PolicyAtChange | { verdict: "unknown"; message: string };

/** What a bind or unbind would change for one space. */
export type ChangePreview = {
  group: string;
  /** The space is already in the asked state (bound for a bind, not bound for an unbind): nothing would change. */
  already: boolean;
  opens: StatusChange[];
  closes: StatusChange[];
  command: string;
  takesEffect: string;
  policy: PolicyNote;
};

/** One space of a bulk change: what it would open and close, or that it is already so. */
export type BulkSpacePreview = {
  guid: string;
  name: string;
  already: boolean;
  opens: StatusChange[];
  closes: StatusChange[];
  policy: PolicyNote;
};

/** A profile turned on or off for many spaces, per space, in name order. */
export type BulkPreview = {
  group: string;
  spaces: BulkSpacePreview[];
  /** The cf commands of the spaces that would change, one per line. */
  commands: string;
  takesEffect: string;
};

const ruleRefSchema: z.ZodType<RuleRef> = z.object({
  rule: z.union([z.number().int(), z.literal("default")]),
  words: z.string(),
  note: z.string().nullable(),
});

const policyNoteSchema: z.ZodType<PolicyNote> = z.discriminatedUnion("verdict", [
  z.object({ verdict: z.literal("unjudged") }),
  z.object({ verdict: z.enum(["complies", "fixes"]), rule: ruleRefSchema }),
  z.object({
    verdict: z.enum(["violates", "still-violates"]),
    rule: ruleRefSchema,
    reasons: z.array(z.string()),
  }),
  z.object({ verdict: z.literal("unknown"), message: z.string() }),
]);

const changePreviewSchema: z.ZodType<ChangePreview> = z.object({
  group: z.string(),
  already: z.boolean(),
  opens: z.array(statusChangeSchema),
  closes: z.array(statusChangeSchema),
  command: z.string(),
  takesEffect: z.string(),
  policy: policyNoteSchema,
});

/** The answer of GET /api/orgs/:orgGuid/spaces/:spaceGuid/preview, as the change dialog reads it. */
export const previewAnswerSchema = z.object({ preview: changePreviewSchema });

/** The answer of POST /api/orgs/:orgGuid/bulk-preview, as the bulk dialog reads it. */
export const bulkPreviewAnswerSchema = z.object({
  preview: z.object({
    group: z.string(),
    spaces: z.array(
      z.object({
        guid: z.string(),
        name: z.string(),
        already: z.boolean(),
        opens: z.array(statusChangeSchema),
        closes: z.array(statusChangeSchema),
        policy: policyNoteSchema,
      }),
    ),
    commands: z.string(),
    takesEffect: z.string(),
  }) satisfies z.ZodType<BulkPreview>,
});
