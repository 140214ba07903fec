import { tableColumns, type MatrixShape, type TableColumn } from "./columns";

/** A CSS string literal: quotes and backslashes escaped, and `<` so that no label can end the <style> element. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<\n]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * On a narrow screen each row is a card and each cell a line of it, labelled
 * by its column's header: one rule per column (nth-child, after the row
 * header), instead of a data-label on every one of a thousand rows' cells.
 */
export function cardLabelCss(columns: readonly Pick<TableColumn, "label">[]): string {
  const rules = columns.map(
    ({ label }, i) => `.egress-matrix td:nth-child(${i + 2})::after{content:${cssString(label)}}`,
  );
  return `@media (width < 48rem){${rules.join("")}}`;
}

/**
 * The labels of the matrix's cells on a narrow screen, as one stylesheet per
 * page (server-rendered, with the request's CSP nonce) rather than a label in
 * every cell of a thousand rows. The columns are the table's (columns.tsx).
 */
export function MatrixCardLabels({ context, nonce }: { context: MatrixShape; nonce: string | undefined }) {
  return <style nonce={nonce}>{cardLabelCss(tableColumns(context))}</style>;
}
