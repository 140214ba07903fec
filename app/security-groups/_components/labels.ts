import type { Lifecycle } from "@/lib/egress";
import type { GroupBinding } from "@/lib/view-models/security-groups";

export const LIFECYCLE_LABELS: Record<Lifecycle, string> = { running: "Running", staging: "Staging" };

/** "agency-alpha / prod (running)"; a space CF did not name is shown by its guid rather than dropped. */
export function bindingLabel(binding: GroupBinding): string {
  const where =
    binding.spaceName === null
      ? `space ${binding.spaceGuid}`
      : `${binding.orgName ?? "unknown org"} / ${binding.spaceName}`;
  return `${where} (${binding.lifecycle})`;
}

export function ruleCount(count: number): string {
  if (count === 0) return "No rules";
  return count === 1 ? "1 rule" : `${count} rules`;
}
