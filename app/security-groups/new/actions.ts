"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { defineAction, refuseWith, type ActionContext } from "@/lib/actions/define-action";
import type { ActionResult } from "@/lib/actions/result";
import { applyGroupCreateRecorded, groupCreateIntents, planGroupCreate } from "@/lib/changes/group-create";
import { groupCreateInput } from "@/lib/changes/group-create-inputs";
import { readFoundationBeforeChange } from "@/lib/changes/group-edit";
import { groupFieldErrors } from "@/lib/cf/group-errors";
import { parseRules } from "@/lib/egress";
import { MESSAGES } from "@/lib/failures";
import { decideGroupEdit } from "@/lib/permissions";
import { refusalFailure } from "@/lib/permissions/failure";
import { groupCreateView, type GroupCreateView } from "@/lib/view-models/group-create";

/**
 * A security group's create (docs/design.md §13, "Group edits"): the preview
 * and the write, both for platform admins only (CF's rule; the same decision
 * and sentence as an edit's), both from the foundation as CF shows it when
 * they run. The write computes the impact afresh rather than trusting the
 * page's, so the history records what this very request opened.
 */

type Input = z.output<typeof groupCreateInput>;

async function planFor(input: Input, ctx: ActionContext) {
  const foundation = await readFoundationBeforeChange(ctx.client);
  return planGroupCreate(foundation, input);
}

/** The preview's refusal of a name the foundation already holds, under the name field. */
const nameTakenRefusal = (name: string) =>
  refuseWith({
    kind: "invalid",
    message: `A security group named '${name}' already exists: choose another name. Nothing was sent.`,
    fieldErrors: { name: [`A security group named '${name}' already exists.`] },
  });

export const previewGroupCreate = defineAction(
  "previewGroupCreate",
  groupCreateInput,
  async (input, ctx): Promise<ActionResult<{ view: GroupCreateView }>> => {
    const refusal = refusalFailure(decideGroupEdit(ctx.session.user));
    if (refusal) return refuseWith(refusal);
    const plan = await planFor(input, ctx);
    if (plan.nameTaken) return nameTakenRefusal(input.name);
    return {
      ok: true,
      message: "Preview ready.",
      view: groupCreateView(plan, parseRules(plan.group.rules).problems),
    };
  },
);

/**
 * The create. A name taken since the preview is not refused here but by CF, in its own words: CF
 * is the authority on names as on rules, and the history records the attempt it refused.
 */
export const applyGroupCreate = defineAction(
  "applyGroupCreate",
  groupCreateInput,
  async (input, ctx): Promise<ActionResult<{ guid: string | null }>> => {
    const refusal = refusalFailure(decideGroupEdit(ctx.session.user));
    if (refusal) return refuseWith(refusal);
    const plan = await planFor(input, ctx);
    const outcome = await applyGroupCreateRecorded(ctx, plan, groupCreateIntents(ctx, plan));
    if (outcome.ok || outcome.failure.kind === "unconfirmed") revalidatePath("/security-groups");
    const unrecorded = outcome.unrecorded
      ? ` ${outcome.ok ? MESSAGES.notRecorded : MESSAGES.outcomeNotRecorded}`
      : "";
    if (outcome.ok) {
      const where =
        outcome.orgs === 0
          ? "No org's activity holds it: it is bound to no space and opens nothing platform-wide."
          : `Recorded in the activity of ${outcome.orgs} org${outcome.orgs === 1 ? "" : "s"}.`;
      return { ok: true, message: `Created ${input.name}. ${where}${unrecorded}`, guid: outcome.guid };
    }
    return refuseWith({
      ...outcome.failure,
      message: `${outcome.failure.message}${unrecorded}`,
      ...(outcome.cfError?.status === 422 ? { fieldErrors: groupFieldErrors(outcome.cfError.detail) } : {}),
    });
  },
);
