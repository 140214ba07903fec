import type { ReactNode, ThHTMLAttributes } from "react";

/** A column header cell; `scope` is required so every table states its headers (docs/design.md §9). */
export function Th({
  scope,
  className = "px-2 py-2",
  ...props
}: ThHTMLAttributes<HTMLTableCellElement> & { scope: "col" | "row" }) {
  return <th scope={scope} className={className} {...props} />;
}

/**
 * The classes of a small table that becomes one card per row on a narrow
 * screen (below md), each cell a line labelled by its column (CardLabel), as
 * the org matrix does: nothing is cut off and nothing scrolls sideways.
 */
export const cardTable = {
  table: "w-full border-collapse text-left max-md:block",
  head: "max-md:sr-only",
  body: "max-md:block",
  row: "border-b border-base-lighter max-md:mb-3 max-md:block max-md:rounded max-md:border max-md:p-3",
  /** A cell's padding on a wide screen, a line of the card on a narrow one: its label above it. */
  cell: "px-2 py-2 max-md:block max-md:px-0 max-md:py-1",
  /** The same for a short value: its label beside it (CardLabel inline). */
  shortCell: "px-2 py-2 max-md:flex max-md:gap-3 max-md:px-0 max-md:py-0.5",
};

/** A cell's column name, shown only on a narrow screen, where the header row is not. */
export function CardLabel({ children, inline = false }: { children: ReactNode; inline?: boolean }) {
  return (
    <span
      className={`${inline ? "w-36 shrink-0" : "block"} font-sans text-sm font-semibold text-base-dark md:hidden`}
    >
      {children}
    </span>
  );
}
