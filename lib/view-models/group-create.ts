import type { CfRule, RuleProblem } from "@/lib/egress";
import type { GroupEditPreview } from "@/lib/egress/group-edit";
import type { Finding } from "@/lib/egress/lint";
import { groupEditView, type GroupEditView } from "./group-edit";

/** What the view needs of a plan (lib/changes/group-create.ts `GroupCreatePlan`), named here so the view stays pure. */
type Plan = {
  group: { name: string; rules: readonly CfRule[] };
  nameTaken: boolean;
  flags: GroupEditView["flags"];
  preview: GroupEditPreview;
  commands: string[];
  findings: readonly Finding[];
};

/**
 * A group create's preview as the new-group page shows it (app/security-groups/new): an edit's view
 * (every rule is new, the flags that are on are the changes) and the sentence for when nothing opens.
 * Pure, serialisable.
 */
export type GroupCreateView = GroupEditView & {
  /** Said when no space's reach changes, with the reason. */
  nothing: string;
};

export function groupCreateView(plan: Plan, problems: readonly RuleProblem[]): GroupCreateView {
  const view = groupEditView({ ...plan, rulesChanged: true, after: plan.group }, problems);
  return {
    ...view,
    nothing:
      plan.flags.length === 0
        ? "Nothing opens: a new group is bound to no space, and this one is not platform-wide, so it reaches no app until it is bound to a space."
        : "No space's reach of a catalog destination changes: every space already reaches what these rules allow, or they name no catalog destination.",
  };
}
