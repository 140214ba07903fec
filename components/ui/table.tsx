import type { ThHTMLAttributes } from "react";

/** A column header cell; `scope` is required so every table states its headers (docs/design.md §9). */
export function Th({
  scope,
  className = "px-2 py-2",
  ...props
}: ThHTMLAttributes<HTMLTableCellElement> & { scope: "col" | "row" }) {
  return <th scope={scope} className={className} {...props} />;
}
