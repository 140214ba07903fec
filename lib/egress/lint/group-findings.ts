import { destinationCount } from "./rule-sets";
import type { Finding, LintGroup } from "./types";

/** Findings about a group as a whole: where it is bound, and how many destinations it names. */

/**
 * Bound to no space and not platform-wide: it applies to no app. Said only to a user who sees every
 * binding; CF hides the bindings to spaces others cannot read (docs/cf-behaviour.md §2.3).
 */
export function boundNowhere(group: LintGroup, seesAllBindings: boolean): Finding | null {
  if (!seesAllBindings || group.boundFor.length > 0 || group.global.running || group.global.staging)
    return null;
  return {
    kind: "bound-nowhere",
    severity: "info",
    sentence: "This group is bound to no space and is not platform-wide, so it applies to no app.",
    fix: `Bind it to the spaces that need it (cf bind-security-group ${group.name} ORG --space SPACE), or delete it (cf delete-security-group ${group.name}).`,
  };
}

/** Windows cells may fail to start apps whose groups name more than this many destinations. */
export const WINDOWS_DESTINATION_LIMIT = 1000;

/** Each entry of a comma-separated destination counts, as it becomes one firewall rule on a Windows cell. */
export function tooManyDestinations(group: LintGroup): Finding | null {
  let count = 0;
  for (const rule of group.rules) count += destinationCount((rule as { destination?: unknown }).destination);
  if (count <= WINDOWS_DESTINATION_LIMIT) return null;
  return {
    kind: "too-many-destinations",
    severity: "warning",
    sentence: `This group names ${count.toLocaleString("en")} destinations, more than ${WINDOWS_DESTINATION_LIMIT.toLocaleString("en")}: Windows apps it applies to may fail to start.`,
    fix: "Merge neighbouring addresses into CIDR blocks or ranges, or move some rules to a group that Windows spaces do not need.",
  };
}
