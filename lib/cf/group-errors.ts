import { ruleErrorsOf } from "./rule-errors";

/**
 * CF's 422 on a group's create or edit, as a form's field errors: each rule's problems under
 * `rules.<index from 0>` (./rule-errors.ts), a taken name (docs/cf-behaviour.md §2.6) under `name`,
 * and whatever else names no rule under `rules`. Pure; the words are CF's own.
 */

const NAME_TAKEN = /^Security group with name '.*' already exists/;

export function groupFieldErrors(detail: string): Record<string, string[]> {
  const { byRule, general } = ruleErrorsOf(detail);
  const errors: Record<string, string[]> = Object.fromEntries(
    Object.entries(byRule).map(([index, messages]) => [`rules.${index}`, messages]),
  );
  const name = general.filter((message) => NAME_TAKEN.test(message));
  const rest = general.filter((message) => !NAME_TAKEN.test(message));
  if (name.length > 0) errors.name = name;
  if (rest.length > 0) errors.rules = rest;
  return errors;
}
