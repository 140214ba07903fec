import type { PolicyWarning } from "@/lib/policy";

/**
 * The policy editor's words (docs/design.md §10): the form's answer, and the
 * dotted paths of the policy's field errors and warnings said the way a
 * person counts rules ("rule 2, require.profile" for `rules.1.require.profile`).
 * Pure and light: the client editor imports it.
 */

export type SavedPolicy = { revision: number; document: string; warnings: PolicyWarning[] };

export function pathWords(path: string): string {
  if (path === "" || path === "_") return "the policy";
  const match = /^rules\.(\d+)(?:\.(.*))?$/.exec(path);
  if (match) {
    const rule = `rule ${Number(match[1]) + 1}`;
    return match[2] ? `${rule}, ${match[2]}` : rule;
  }
  return path;
}

/** Field errors of the form as sentences: the form's own fields first, then the document's paths. */
export function problemsOf(fieldErrors: Record<string, string[]> | undefined): string[] {
  if (!fieldErrors) return [];
  const own: Record<string, string> = { policy: "The policy", revision: "The revision", orgGuid: "The org" };
  return Object.entries(fieldErrors).flatMap(([path, messages]) =>
    messages.map((message) => `${own[path] ?? capitalised(pathWords(path))} ${message}`),
  );
}

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
