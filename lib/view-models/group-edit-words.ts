import type { GroupEditDetails } from "@/lib/db/types";

/**
 * A group edit in words, for the activity page and its CSV (./history.ts) and the group page's
 * preview: what changed in the group, and what opened and closed in the org's spaces. Pure.
 */

const FLAG_WORDS = { running: "running", staging: "staging" } as const;

/** "the rules (4 → 3 rules); platform-wide for running turned on". */
export function whatChanged(details: Pick<GroupEditDetails, "rules" | "globallyEnabled">): string {
  const parts: string[] = [];
  if (details.rules) {
    const n = (rules: unknown[]) => `${rules.length} rule${rules.length === 1 ? "" : "s"}`;
    parts.push(`the rules (${n(details.rules.before)} → ${n(details.rules.after)})`);
  }
  for (const lifecycle of ["running", "staging"] as const) {
    const { before, after } = details.globallyEnabled;
    if (before[lifecycle] !== after[lifecycle])
      parts.push(`platform-wide for ${FLAG_WORDS[lifecycle]} turned ${after[lifecycle] ? "on" : "off"}`);
  }
  return parts.length === 0 ? "nothing" : parts.join("; ");
}

/** A create's group in words: "3 rules; platform-wide for running", "no rules; on nowhere". */
export function createdWords(details: Pick<GroupEditDetails, "rules" | "globallyEnabled">): string {
  const count = details.rules?.after.length ?? 0;
  const rules = count === 0 ? "no rules" : `${count} rule${count === 1 ? "" : "s"}`;
  const on = (["running", "staging"] as const).filter((l) => details.globallyEnabled.after[l]);
  return `${rules}; ${on.length === 0 ? "not platform-wide" : `platform-wide for ${on.join(" and ")}`}`;
}

/** "in prod, Redis closes; in staging (staging), RDS opens"; "no space's reach changes" when none. */
export function impactWords(spaces: GroupEditDetails["spaces"]): string {
  if (spaces.length === 0) return "no space's reach of a catalog destination changes";
  return spaces
    .map((s) => {
      const where = `in ${s.name}${s.lifecycle === "staging" ? " (staging)" : ""}`;
      const moves = [
        ...(s.opens.length > 0 ? [`${s.opens.join(", ")} open${s.opens.length === 1 ? "s" : ""}`] : []),
        ...(s.closes.length > 0 ? [`${s.closes.join(", ")} close${s.closes.length === 1 ? "s" : ""}`] : []),
      ];
      return `${where}, ${moves.join(" and ")}`;
    })
    .join("; ");
}
