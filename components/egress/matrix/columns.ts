import type { MatrixContext } from "./types";

/**
 * The matrix's columns after the row header, in order: what the header row
 * names, and what each cell says it is when the table becomes one card per
 * space on a narrow screen (cardLabelCss). One list, so the two cannot drift.
 */
export function matrixColumns(
  context: Pick<MatrixContext, "profiles" | "destinations" | "policyActive">,
): string[] {
  return [
    "Posture",
    ...(context.policyActive ? ["Policy"] : []),
    ...context.profiles.map((p) => p.label),
    ...context.destinations.map((d) => d.label),
    "Isolation segment",
    "Last change",
  ];
}

/** A CSS string literal: quotes and backslashes escaped, and `<` so that no label can end the <style> element. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<\n]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * On a narrow screen each cell is a line of a card, labelled by its column.
 * Written once per page as CSS (nth-child), instead of a data-label on every
 * one of a thousand rows' cells.
 */
export function cardLabelCss(columns: readonly string[]): string {
  const rules = columns.map((label, i) => `.mx td:nth-child(${i + 2})::after{content:${cssString(label)}}`);
  return `@media (width < 48rem){${rules.join("")}}`;
}
