import { cfCommand } from "@/lib/cf/commands";
import type { SpacePlan } from "./plan";

/**
 * The cf CLI commands that carry out a plan, in the plan's order, so a user
 * can read what will happen or script it (docs/design.md §9). Empty for a space
 * that complies or cannot be brought into policy.
 */
export function cfCommandsFor(plan: SpacePlan, orgName: string, spaceName: string): string[] {
  if (plan.status !== "plan") return [];
  return plan.ops.map((op) =>
    cfCommand({
      action: op.action,
      lifecycle: op.lifecycle,
      group: op.group.name,
      org: orgName,
      space: spaceName,
    }),
  );
}
