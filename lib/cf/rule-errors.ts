/**
 * CF's refusal of a group's rules, rule by rule. CC joins its rule problems in
 * one 422 detail, each prefixed `Rules[i]: ` with i from 0 (docs/cf-behaviour.md
 * §2.4), e.g. "Rules[1]: destination must be a valid CIDR, IP address, or IP range", or, for
 * what only its model checks, `rules rule number n …` with n from 1.
 * Pure, so the form shows each next to its rule; what names no rule stays general.
 */
export type RuleErrors = { byRule: Record<number, string[]>; general: string[] };

/** `Rules[i]: ` (the message validator, i from 0) or `rules rule number n ` (the model's, n from 1). */
const PREFIX = /Rules\[(\d+)\]: |rules rule number (\d+) /g;

export function ruleErrorsOf(detail: string): RuleErrors {
  const byRule: Record<number, string[]> = {};
  const marks = [...detail.matchAll(PREFIX)];
  const first = marks[0]?.index ?? detail.length;
  const general = detail
    .slice(0, first)
    .replace(/[,\s]+$/, "")
    .trim();
  marks.forEach((mark, i) => {
    const start = (mark.index ?? 0) + mark[0].length;
    const end = marks[i + 1]?.index ?? detail.length;
    // CC joins problems with ", ": the separator before the next prefix is not part of this one.
    const text = detail.slice(start, end).replace(/,\s*$/, "").trim();
    const index = mark[1] !== undefined ? Number(mark[1]) : Number(mark[2]) - 1;
    (byRule[index] ??= []).push(text);
  });
  return { byRule, general: general === "" ? [] : [general] };
}
