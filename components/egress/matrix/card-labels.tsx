import type { CSSProperties } from "react";
import type { TableColumn } from "./columns";

/** The most columns that get a label on a card: app/status-icons.css has a rule for each (scripts/make-status-css.mts). */
export const LABELLED_COLUMNS = 40;

/** A CSS string literal: quotes, backslashes and line ends escaped. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"\n]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * On a narrow screen each row is a card and each cell a line of it, labelled
 * by its column's header. The labels ride on the table as custom properties
 * (`--c2: "Posture"`, numbered as the cells, after the row header), and one
 * static rule per position draws them (`td:nth-child(2)::after { content:
 * var(--c2) }`, app/status-icons.css): no label in each of a thousand rows'
 * cells, and no stylesheet per page, which a client-side navigation would
 * insert without the document's CSP nonce (a style attribute is allowed).
 */
export function cardLabelStyle(columns: readonly Pick<TableColumn, "label">[]): CSSProperties {
  const style: Record<string, string> = {};
  columns.slice(0, LABELLED_COLUMNS - 1).forEach(({ label }, i) => (style[`--c${i + 2}`] = cssString(label)));
  return style;
}
