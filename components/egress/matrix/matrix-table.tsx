import Link from "next/link";
import { Fragment, useEffect, useState, useTransition } from "react";
import { Th } from "@/components/ui/table";
import type { MatrixRowView } from "@/lib/view-models/matrix-rows";
import { cardLabelStyle } from "./card-labels";
import { tableColumns, type CellEnv } from "./columns";
import type { MatrixChange, MatrixContext, SpaceRef } from "./types";

/**
 * Rows the server renders: enough for nearly every org, and a bound on the
 * page's weight and server time for the largest (docs/design.md §8: 5,000 spaces).
 * The rest render in the browser right after hydration, in a transition;
 * without JavaScript the filters (a plain GET form) narrow the list instead.
 */
export const SERVER_ROWS = 1000;

/**
 * The matrix itself: a real table (caption, column and row headers) that
 * keeps its header and first column in view and becomes one card per space
 * on a narrow screen (docs/design.md §9). A thousand rows must stay within the
 * page's budget (docs/design.md §8, docs/adr/0003), so a cell is as small as it can
 * be: its style comes from the table's `egress-matrix` class, a status is a
 * class that CSS draws as lucide's icon beside the word, a switch's On and Off
 * come from CSS, and the card labels are custom properties of the table (card-labels.tsx).
 * Its columns after the row header are declared in columns.tsx.
 */
export function MatrixTable({
  rows,
  context,
  selected,
  onSelect,
  isPending,
  onAsk,
  onBring,
}: {
  rows: MatrixRowView[];
  context: MatrixContext;
  selected: ReadonlySet<string>;
  onSelect: (guid: string, checked: boolean) => void;
  isPending: (key: string) => boolean;
  onAsk: (change: MatrixChange) => void;
  /** "Bring into policy" for one violating space (docs/design.md §10). */
  onBring?: (space: SpaceRef) => void;
}) {
  const columns = tableColumns(context);
  const env: CellEnv = { context, isPending, onAsk, onBring };
  const [limit, setLimit] = useState(SERVER_ROWS);
  const [, startTransition] = useTransition();
  useEffect(() => {
    startTransition(() => setLimit(Number.POSITIVE_INFINITY));
  }, []);
  const visible = rows.length > limit ? rows.slice(0, limit) : rows;
  return (
    <div className="max-h-[75vh] overflow-auto rounded border border-base-lighter">
      <table
        className="egress-matrix w-full border-separate border-spacing-0 text-left text-sm max-md:block"
        style={cardLabelStyle(columns)}
      >
        <caption className="sr-only">
          Egress of the spaces in {context.orgName}: profiles, posture, what each destination allows, and
          isolation segment
        </caption>
        <thead className="max-md:hidden">
          <tr>
            <Th scope="col">Space</Th>
            {columns.map((column) => (
              <Th key={column.key} scope="col">
                {column.label}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody className="max-md:block">
          {visible.map((space) => (
            <tr key={space.guid}>
              {/* A plain th, no class: its style comes from the table's, once for a thousand rows. */}
              <th scope="row">
                {context.canManageOrg && (
                  <input
                    type="checkbox"
                    aria-label={`Select ${space.name}`}
                    checked={selected.has(space.guid)}
                    onChange={(e) => onSelect(space.guid, e.target.checked)}
                  />
                )}
                {/* No prefetch: a thousand links would each render a space page, costing CF requests. */}
                <Link href={`/orgs/${context.orgGuid}/spaces/${space.guid}`} prefetch={false}>
                  {space.name}
                </Link>
              </th>
              {columns.map((column) => (
                <Fragment key={column.key}>{column.cell(space, env)}</Fragment>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="p-4">No space matches the filters.</p>}
      {rows.length > SERVER_ROWS && (
        <noscript>
          <p className="p-4">
            The first {SERVER_ROWS.toLocaleString("en-US")} of {rows.length.toLocaleString("en-US")} spaces
            are listed. Filter by name to find the others, or download the CSV.
          </p>
        </noscript>
      )}
    </div>
  );
}
