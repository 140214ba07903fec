import type { CfRule, RuleProblem } from "@/lib/egress";
import type { GroupEditPreview } from "@/lib/egress/group-edit";
import type { Finding } from "@/lib/egress/lint";

/** What the view needs of a plan (lib/changes/group-edit.ts `GroupEditPlan`), named here so the view stays pure. */
type Plan = {
  rulesChanged: boolean;
  flags: GroupEditView["flags"];
  preview: GroupEditPreview;
  commands: string[];
  after: { rules: readonly CfRule[] };
  findings: readonly Finding[];
};

/**
 * A group edit's preview as the page shows it (app/security-groups/[guid]): plain, serialisable data
 * for the client form. Pure.
 */
export type GroupEditView = {
  changed: boolean;
  rulesChanged: boolean;
  flags: { lifecycle: "running" | "staging"; on: boolean }[];
  /** Every space and lifecycle whose reach changes, with the destinations' labels. */
  spaces: {
    org: string;
    space: string;
    lifecycle: "running" | "staging";
    opens: string[];
    closes: string[];
  }[];
  orgs: { org: string; spaces: number; opens: number; closes: number }[];
  commands: string[];
  /** The rules file the `cf update-security-group` command reads. */
  rulesJson: string;
  /** Rules the engine cannot read (CF is likely to refuse them too), numbered from 1. */
  problems: { rule: number; field: string; reason: string }[];
  /** Group lint of the group as it would be. */
  findings: { severity: string; sentence: string; fix: string }[];
};

export function groupEditView(plan: Plan, problems: readonly RuleProblem[]): GroupEditView {
  return {
    changed: plan.rulesChanged || plan.flags.length > 0,
    rulesChanged: plan.rulesChanged,
    flags: plan.flags,
    spaces: plan.preview.spaces.map((s) => ({
      org: s.org.name,
      space: s.space.name,
      lifecycle: s.lifecycle,
      opens: s.opens.map((d) => d.label),
      closes: s.closes.map((d) => d.label),
    })),
    orgs: plan.preview.orgs.map((o) => ({
      org: o.org.name,
      spaces: o.spaces,
      opens: o.opens,
      closes: o.closes,
    })),
    commands: plan.commands,
    rulesJson: JSON.stringify(plan.after.rules, null, 2),
    problems: problems.map((p) => ({ rule: p.ruleIndex + 1, field: p.field, reason: p.reason })),
    findings: plan.findings.map((f) => ({ severity: f.severity, sentence: f.sentence, fix: f.fix })),
  };
}
