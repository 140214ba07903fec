"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { defineAction, refuse, refuseWith, type ActionContext } from "@/lib/actions/define-action";
import type { ActionResult } from "@/lib/actions/result";
import {
  applyGroupEditRecorded,
  groupEditIntents,
  planGroupEdit,
  readFoundationBeforeChange,
  type GroupEditPlan,
} from "@/lib/changes/group-edit";
import { groupEditInput } from "@/lib/changes/group-edit-inputs";
import { observeBeforePreview, observeBeforeWrite } from "@/lib/changes/group-edit-observe";
import { groupFieldErrors } from "@/lib/cf/group-errors";
import { parseRules } from "@/lib/egress";
import { MESSAGES } from "@/lib/failures";
import { decideGroupEdit } from "@/lib/permissions";
import { refusalFailure } from "@/lib/permissions/failure";
import { groupEditView, type GroupEditView } from "@/lib/view-models/group-edit";

/**
 * A security group's edit (docs/design.md §13, "Group edits"): the preview and
 * the write, both for platform admins only (CF's rule; lib/permissions), both
 * from the foundation as CF shows it when they run. The write computes the
 * impact afresh rather than trusting the one the page showed, so the history
 * records what this very request changed.
 */

type Input = z.output<typeof groupEditInput>;

async function planFor(input: Input, ctx: ActionContext) {
  // Before the reads: the rule drift check's "seen at" (lib/changes/group-edit-observe.ts).
  const observedAt = Date.now();
  const foundation = await readFoundationBeforeChange(ctx.client);
  const edit = { groupGuid: input.groupGuid, rules: input.rules, globallyEnabled: input.globallyEnabled };
  return { foundation, observedAt, plan: planGroupEdit(foundation, edit) };
}

const unchanged = (p: GroupEditPlan) => !p.rulesChanged && p.flags.length === 0;

export const previewGroupEdit = defineAction(
  "previewGroupEdit",
  groupEditInput,
  async (input, ctx): Promise<ActionResult<{ view: GroupEditView }>> => {
    const refusal = refusalFailure(decideGroupEdit(ctx.session.user));
    if (refusal) return refuseWith(refusal);
    const { foundation, observedAt, plan } = await planFor(input, ctx);
    if (!plan) return refuse("not-found", MESSAGES.notFound);
    observeBeforePreview(foundation, plan.before.guid, observedAt);
    return {
      ok: true,
      message: unchanged(plan) ? "This is the group as it is: nothing would change." : "Preview ready.",
      view: groupEditView(plan, parseRules(plan.after.rules).problems),
    };
  },
);

export const applyGroupEdit = defineAction(
  "applyGroupEdit",
  groupEditInput,
  async (input, ctx): Promise<ActionResult> => {
    const refusal = refusalFailure(decideGroupEdit(ctx.session.user));
    if (refusal) return refuseWith(refusal);
    const { foundation, observedAt, plan } = await planFor(input, ctx);
    if (!plan) return refuse("not-found", MESSAGES.notFound);
    await observeBeforeWrite(foundation, plan.before.guid, observedAt);
    if (unchanged(plan)) return { ok: true, message: `${plan.before.name} is already so; nothing was sent.` };
    const outcome = await applyGroupEditRecorded(ctx, plan, groupEditIntents(ctx, foundation, plan));
    if (outcome.ok || outcome.failure.kind === "unconfirmed") {
      revalidatePath(`/security-groups/${plan.before.guid}`);
      revalidatePath("/security-groups");
    }
    const unrecorded = outcome.unrecorded
      ? ` ${outcome.ok ? MESSAGES.notRecorded : MESSAGES.outcomeNotRecorded}`
      : "";
    if (outcome.ok) {
      const where =
        outcome.orgs === 0
          ? "No org's activity holds it: the group is bound to no space and no space's reach changed."
          : `Recorded in the activity of ${outcome.orgs} org${outcome.orgs === 1 ? "" : "s"}.`;
      return { ok: true, message: `Saved ${plan.before.name}. ${where}${unrecorded}` };
    }
    return refuseWith({
      ...outcome.failure,
      message: `${outcome.failure.message}${unrecorded}`,
      ...(outcome.cfError?.status === 422 ? { fieldErrors: groupFieldErrors(outcome.cfError.detail) } : {}),
    });
  },
);
