"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineFormAction } from "@/lib/actions/define-action";
import type { ActionResult } from "@/lib/actions/result";
import { addDestination, removeDestination, saveKinds, sendTest } from "@/lib/alerts/manage";
import { ALERT_KINDS } from "@/lib/alert-format/payload";
import { guidSchema } from "@/lib/cf/ids";
import type { Failure } from "@/lib/failures";

/**
 * The alerts page's forms (docs/design.md §12). Each goes through the action
 * wrapper (session, zod), then lib/alerts/manage.ts, which asks CF with the
 * caller's own token whether they see the org and manage it before anything
 * is written or sent. Plain form actions: they work without JavaScript.
 */

const destinationId = z.coerce.number().int().positive();

function refused(f: Failure & { fieldErrors?: Record<string, string[]> }) {
  return {
    ok: false as const,
    kind: f.kind,
    message: f.message,
    ...(f.fieldErrors ? { fieldErrors: f.fieldErrors } : {}),
  };
}

export const addAlertDestination = defineFormAction(
  "alerts.add-destination",
  z.strictObject({
    orgGuid: guidSchema,
    channel: z.enum(["webhook", "email"], { error: "choose webhook or email" }),
    target: z.string().trim().min(1, "is required").max(2048, "is too long"),
  }),
  async (input, ctx): Promise<ActionResult<{ secret: string | null }>> => {
    const added = await addDestination(ctx.client, ctx.session.user, input);
    if (!added.ok)
      return refused({ ...added.failure, ...(added.fieldErrors ? { fieldErrors: added.fieldErrors } : {}) });
    revalidatePath(`/orgs/${input.orgGuid}/alerts`);
    return {
      ok: true,
      message:
        input.channel === "webhook"
          ? "Webhook added. Copy its signing secret now: it is shown only this once."
          : "Email address added.",
      secret: added.value.secret,
    };
  },
);

export const removeAlertDestination = defineFormAction(
  "alerts.remove-destination",
  z.strictObject({ orgGuid: guidSchema, destinationId }),
  async (input, ctx): Promise<ActionResult> => {
    const removed = await removeDestination(ctx.client, ctx.session.user, input);
    if (!removed.ok) return refused(removed.failure);
    revalidatePath(`/orgs/${input.orgGuid}/alerts`);
    return { ok: true, message: "Destination removed, with its deliveries." };
  },
);

export const saveAlertKinds = defineFormAction(
  "alerts.save-kinds",
  z.strictObject({
    orgGuid: guidSchema,
    kinds: z
      .union([z.enum(ALERT_KINDS), z.array(z.enum(ALERT_KINDS)).max(ALERT_KINDS.length)])
      .optional()
      .transform((kinds) => (kinds === undefined ? [] : Array.isArray(kinds) ? kinds : [kinds])),
  }),
  async (input, ctx): Promise<ActionResult> => {
    const saved = await saveKinds(ctx.client, ctx.session.user, input);
    if (!saved.ok) return refused(saved.failure);
    revalidatePath(`/orgs/${input.orgGuid}/alerts`);
    return {
      ok: true,
      message:
        input.kinds.length === 0
          ? "Saved: this org is subscribed to nothing, so no alert is sent."
          : `Saved: ${input.kinds.length} kind${input.kinds.length === 1 ? "" : "s"} of event go to every destination below.`,
    };
  },
);

export const sendAlertTest = defineFormAction(
  "alerts.send-test",
  z.strictObject({ orgGuid: guidSchema, destinationId }),
  async (input, ctx): Promise<ActionResult> => {
    const sent = await sendTest(ctx.client, ctx.session.user, input);
    if (!sent.ok) return refused(sent.failure);
    const status = sent.value.status === null ? "" : ` (HTTP ${sent.value.status})`;
    return { ok: true, message: `Test delivered${status}.` };
  },
);
