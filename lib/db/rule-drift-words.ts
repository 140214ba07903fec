import type { RuleDriftChanges, RuleOfGroup } from "./entries";

/**
 * A rule drift in words (docs/design.md §13, "Drift"), the same on the activity page, its CSV, the
 * compliance report and the alert. Pure and client-safe.
 */

/** "tcp 10.0.0.0/8 ports 443 (Intranet)", "icmp 0.0.0.0/0 type 8 code 0", "all 10.1.0.0/16". */
export function ruleWords(rule: RuleOfGroup): string {
  const parts = [String(rule.protocol ?? "?"), String(rule.destination ?? "?")];
  if (rule.ports !== undefined) parts.push(`ports ${String(rule.ports)}`);
  if (rule.type !== undefined) parts.push(`type ${String(rule.type)}`);
  if (rule.code !== undefined) parts.push(`code ${String(rule.code)}`);
  const description =
    typeof rule.description === "string" && rule.description !== "" ? ` (${rule.description})` : "";
  return `${parts.join(" ")}${description}`;
}

/** "rule added: tcp 10.9.0.0/16 ports 443; rule removed: …; platform-wide for running turned on". */
export function ruleChangesWords(changes: RuleDriftChanges): string {
  const parts: string[] = [];
  const plural = (n: number) => (n === 1 ? "rule" : "rules");
  if (changes.added.length > 0)
    parts.push(`${plural(changes.added.length)} added: ${changes.added.map(ruleWords).join(", ")}`);
  if (changes.removed.length > 0)
    parts.push(`${plural(changes.removed.length)} removed: ${changes.removed.map(ruleWords).join(", ")}`);
  for (const flag of changes.flags)
    parts.push(`platform-wide for ${flag.lifecycle} turned ${flag.on ? "on" : "off"}`);
  return parts.length === 0 ? "nothing" : parts.join("; ");
}
