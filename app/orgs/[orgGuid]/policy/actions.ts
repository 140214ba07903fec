"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineFormAction } from "@/lib/actions/define-action";
import type { ActionResult } from "@/lib/actions/result";
import { parsePolicyText, savePolicy } from "@/lib/changes/policy";
import { guidSchema } from "@/lib/cf/ids";
import { policyText } from "@/lib/view-models/org-policy";
import type { SavedPolicy } from "@/lib/view-models/policy-editor";

/**
 * The policy page's form (docs/design.md §10): the same path as `PUT
 * /api/orgs/:orgGuid/policy` (lib/changes/policy.ts), with the revision the
 * page showed, so an edit made meanwhile by someone else is not overwritten.
 * A plain form action: it works without JavaScript, and a refusal comes back
 * with the field errors and the text the user typed.
 */
export const savePolicyForm = defineFormAction(
  "policy.save",
  z.strictObject({
    orgGuid: guidSchema,
    revision: z.coerce.number().int().min(0),
    policy: z.string().max(256 * 1024, "is too long"),
  }),
  async ({ orgGuid, revision, policy }, ctx): Promise<ActionResult<SavedPolicy>> => {
    const saved = await savePolicy(ctx.session, {
      orgGuid,
      input: parsePolicyText(policy),
      expectedRevision: revision,
      via: "page",
      requestId: ctx.requestId,
    });
    if (!saved.ok) {
      const { kind, message, fieldErrors } = saved.failure;
      return { ok: false, kind, message, ...(fieldErrors ? { fieldErrors } : {}) };
    }
    revalidatePath(`/orgs/${orgGuid}`);
    revalidatePath(`/orgs/${orgGuid}/policy`);
    revalidatePath(`/orgs/${orgGuid}/activity`);
    const { envelope, warnings } = saved;
    return {
      ok: true,
      message: `Saved as revision ${envelope.revision}. The matrix now judges every space against it.`,
      revision: envelope.revision,
      document: policyText(envelope.policy),
      warnings,
    };
  },
);
