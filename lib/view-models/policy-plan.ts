import { z } from "zod";
import { statusChangeSchema, type StatusChange } from "@/lib/egress/status-change";
import type { PlanOp, SpacePlan } from "@/lib/policy";
import { cfCommandsFor } from "@/lib/policy/commands";

/**
 * "Bring into policy" as the dialog shows it (docs/design.md §10): per violating
 * space, what changes, what opens and closes, and the cf commands; the
 * spaces no change by this user can bring into policy, with why. Compliant
 * spaces are only counted. Pure; the server computes it from fresh CF data
 * (GET /api/orgs/:orgGuid/policy/plan) and again when the user confirms.
 */

export type PlannedSpace = {
  guid: string;
  name: string;
  /** Why the space violates the policy, in words. */
  reasons: string[];
  ops: PlanOp[];
  opens: StatusChange[];
  closes: StatusChange[];
  commands: string[];
};

export type UnattainableSpace = { guid: string; name: string; reasons: string[]; why: string };

export type PlanView = {
  org: { guid: string; name: string };
  /** The policy revision the plan was made against; the action refuses to apply it to another. */
  revision: number;
  changes: PlannedSpace[];
  unattainable: UnattainableSpace[];
  compliant: number;
};

const plannedSpaceSchema: z.ZodType<PlannedSpace> = z.object({
  guid: z.string(),
  name: z.string(),
  reasons: z.array(z.string()),
  ops: z.array(
    z.object({
      action: z.enum(["bind", "unbind"]),
      group: z.object({ guid: z.string(), name: z.string() }),
      lifecycle: z.literal("running"),
    }),
  ),
  opens: z.array(statusChangeSchema),
  closes: z.array(statusChangeSchema),
  commands: z.array(z.string()),
});

/** The answer of GET /api/orgs/:orgGuid/policy/plan, as the Bring into policy dialog reads it. */
export const planViewSchema: z.ZodType<PlanView> = z.object({
  org: z.object({ guid: z.string(), name: z.string() }),
  revision: z.number(),
  changes: z.array(plannedSpaceSchema),
  unattainable: z.array(
    z.object({ guid: z.string(), name: z.string(), reasons: z.array(z.string()), why: z.string() }),
  ),
  compliant: z.number(),
});

export function planView(
  org: { guid: string; name: string },
  revision: number,
  plans: readonly SpacePlan[],
): PlanView {
  const view: PlanView = {
    org: { guid: org.guid, name: org.name },
    revision,
    changes: [],
    unattainable: [],
    compliant: 0,
  };
  for (const plan of plans) {
    const { guid, name } = plan.space;
    if (plan.status === "compliant") view.compliant++;
    else if (plan.status === "unattainable") {
      view.unattainable.push({ guid, name, reasons: plan.compliance.reasons, why: plan.reason });
    } else {
      view.changes.push({
        guid,
        name,
        reasons: plan.compliance.reasons,
        ops: plan.ops,
        opens: plan.opens,
        closes: plan.closes,
        commands: cfCommandsFor(plan, org.name, name),
      });
    }
  }
  return view;
}

/**
 * An operation as the dialog sends it back on Confirm: not to be applied (the
 * server plans again from fresh CF data), only compared, so that a space
 * whose plan changed since the preview is left alone.
 */
export function opKey(op: { action: "bind" | "unbind"; group: { guid: string } }): string {
  return `${op.action}:${op.group.guid}`;
}

/** An operation in words: "unbind public_networks_egress". */
export function opWords(op: { action: "bind" | "unbind"; group: { name: string } }): string {
  return `${op.action} ${op.group.name}`;
}

/** What happened to one space on Confirm. */
export type BringResult = {
  guid: string;
  name: string;
  /**
   * `done`: every operation confirmed by CF; `compliant`: it already complied,
   * nothing done; `skipped`: its plan changed since the preview, or no change
   * can bring it into policy; `failed`: CF refused an operation;
   * `unconfirmed`: CF did not answer one, so it may or may not have been made.
   */
  status: "done" | "compliant" | "skipped" | "failed" | "unconfirmed";
  message: string;
};
