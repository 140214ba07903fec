import type { z } from "zod";
import { compileGlob, prepareName } from "./glob";
import { policySchema, UNKNOWN_FIELD, type Policy, type PolicyContext } from "./schema";

/**
 * Validation for the policy editor and for `PUT /api/orgs/:orgGuid/policy`:
 * errors per field, keyed by a dotted path (`rules.1.require.profile`, indexes
 * from 0 as in the JSON) so a form can put each message beside its input, and
 * warnings for a document that is valid but probably not what its author meant.
 */

export type PolicyWarning = { path: string; message: string };

export type PolicyValidation =
  | { ok: true; policy: Policy; warnings: PolicyWarning[] }
  | {
      ok: false;
      /** Errors about the document as a whole (not an object, …). */
      formErrors: string[];
      /** Dotted path → messages, e.g. `{"rules.0.spaces": ["is not a valid glob: …"]}`. */
      fieldErrors: Record<string, string[]>;
    };

/** The org's current space names, for the "matches no space" warning; omit it to skip that check. */
export type ValidationContext = PolicyContext & { spaceNames?: readonly string[] };

function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

function collect(issues: readonly z.core.$ZodIssue[]): {
  formErrors: string[];
  fieldErrors: Record<string, string[]>;
} {
  const formErrors: string[] = [];
  // A Map, not an object: a document's own keys ("toString", "__proto__") name fields here.
  const fieldErrors = new Map<string, string[]>();
  const add = (path: readonly PropertyKey[], message: string) => {
    if (path.length === 0) {
      formErrors.push(message);
      return;
    }
    const key = pathOf(path);
    fieldErrors.set(key, [...(fieldErrors.get(key) ?? []), message]);
  };
  for (const issue of issues) {
    // An unknown key belongs beside that key, where a form can show it.
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add([...issue.path, key], UNKNOWN_FIELD);
    } else {
      add(issue.path, issue.message);
    }
  }
  return { formErrors, fieldErrors: Object.fromEntries(fieldErrors) };
}

/** Whether glob `a` is the same as `b` up to case (globs match case-insensitively). */
const sameGlob = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function warningsFor(policy: Policy, spaceNames: readonly string[] | undefined): PolicyWarning[] {
  const warnings: PolicyWarning[] = [];
  const names = spaceNames?.map(prepareName);
  const shadowing = (by: number) => `rule ${by + 1} (${policy.rules[by]?.spaces ?? ""})`;
  /** The first rule whose glob matches every name: nothing after it is ever reached. */
  let catchAll: number | null = null;
  for (const [index, rule] of policy.rules.entries()) {
    const compiled = compileGlob(rule.spaces);
    if (!compiled.ok) continue;
    const path = `rules.${index}.spaces`;
    const earlier = policy.rules.findIndex((r, i) => i < index && sameGlob(r.spaces, rule.spaces));
    const by = catchAll ?? (earlier >= 0 ? earlier : null);
    if (by !== null) {
      warnings.push({ path, message: `never decides: ${shadowing(by)} matches every space this rule does` });
    } else if (names !== undefined && !names.some((n) => compiled.glob.matches(n))) {
      warnings.push({ path, message: "matches none of the org's current spaces" });
    }
    if (catchAll === null && compiled.glob.matchesEverything) catchAll = index;
  }
  if (catchAll !== null && policy.default !== null) {
    warnings.push({ path: "default", message: `never applies: ${shadowing(catchAll)} matches every space` });
  }
  return warnings;
}

/**
 * Parses and checks a policy document. A glob that matches no current space
 * is only a warning: the space may be created later, and a policy written
 * ahead of it is the point.
 */
export function validatePolicy(json: unknown, context: ValidationContext): PolicyValidation {
  const result = policySchema(context).safeParse(json);
  if (!result.success) return { ok: false, ...collect(result.error.issues) };
  const policy: Policy = result.data;
  return { ok: true, policy, warnings: warningsFor(policy, context.spaceNames) };
}
