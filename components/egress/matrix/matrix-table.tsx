import { useRouter } from "next/navigation";
import { Fragment, useEffect, useState, useTransition, type MouseEvent } from "react";
import { Th } from "@/components/ui/table";
import type { MatrixRowView } from "@/lib/view-models/matrix-rows";
import { cardLabelStyle } from "./card-labels";
import { tableColumns, type CellEnv } from "./columns";
import type { ReasonIds } from "./switch-reasons";
import type { MatrixChange, MatrixContext, SpaceRef } from "./types";

/**
 * Rows the server renders: enough for nearly every org, and a bound on the
 * page's weight and server time for the largest (docs/design.md §8: 5,000 spaces).
 * The rest render in the browser right after hydration, in a transition;
 * without JavaScript the filters (a plain GET form) narrow the list instead.
 */
export const SERVER_ROWS = 1000;

/**
 * The table's links (the space, its last change) are plain anchors, and one
 * handler on the table makes a plain click a client-side navigation, as
 * next/link would: two Link components per row cost a thousand rows' worth
 * of hydration. A modified click, a middle click or a download is the browser's.
 */
function useLinkNavigation() {
  const router = useRouter();
  return (event: MouseEvent<HTMLTableElement>) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    if (!link || link.target || link.hasAttribute("download") || link.origin !== window.location.origin)
      return;
    event.preventDefault();
    router.push(`${link.pathname}${link.search}${link.hash}`);
  };
}

/**
 * The matrix itself: a real table (caption, column and row headers) that
 * keeps its header and first column in view and becomes one card per space
 * on a narrow screen (docs/design.md §9). At 1,280 px it fits 4 to 12
 * destinations without a sideways scroll: their headers stand vertically and
 * their cells show an icon (the key above says what each means). On a wide
 * screen the table scrolls in its own box, under its sticky header; on a
 * narrow one the page scrolls, never a box inside it.
 * A thousand rows must stay within the page's budget (docs/design.md §8,
 * docs/adr/0003), so a cell is as small as it can be: its style comes from
 * the table's `egress-matrix` class, a status is a class that CSS draws as
 * lucide's icon beside the word, a switch's On and Off come from CSS, and the
 * card labels are custom properties of the table (card-labels.tsx).
 * Its columns after the row header are declared in columns.tsx.
 */
export function MatrixTable({
  rows,
  context,
  reasons,
  selected,
  onSelect,
  isPending,
  onAsk,
  onBring,
}: {
  rows: MatrixRowView[];
  context: MatrixContext;
  reasons: ReasonIds;
  selected: ReadonlySet<string>;
  onSelect: (guid: string, checked: boolean) => void;
  isPending: (key: string) => boolean;
  onAsk: (change: MatrixChange) => void;
  /** "Bring into policy" for one violating space (docs/design.md §10). */
  onBring?: (space: SpaceRef) => void;
}) {
  const columns = tableColumns(context);
  const env: CellEnv = { context, reasons, isPending, onAsk, onBring };
  const navigate = useLinkNavigation();
  const [limit, setLimit] = useState(SERVER_ROWS);
  const [, startTransition] = useTransition();
  useEffect(() => {
    startTransition(() => setLimit(Number.POSITIVE_INFINITY));
  }, []);
  const visible = rows.length > limit ? rows.slice(0, limit) : rows;
  return (
    <div className="rounded border border-base-lighter md:max-h-[75vh] md:overflow-auto">
      {/* The click handler only hands a link's own click to the router (Enter on a link is a click too). */}
      <table
        className="egress-matrix w-full border-separate border-spacing-0 text-left text-sm max-md:block"
        style={cardLabelStyle(columns)}
        onClick={navigate}
      >
        <caption className="sr-only">
          Egress of the spaces in {context.orgName}: profiles, posture, what each destination allows, and
          isolation segment
        </caption>
        <thead className="max-md:hidden">
          <tr>
            <Th scope="col">Space</Th>
            {columns.map((column) => (
              <Th key={column.key} scope="col" className={column.vertical ? "vertical" : undefined}>
                {column.vertical ? <span>{column.label}</span> : column.label}
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
                <a href={`/orgs/${context.orgGuid}/spaces/${space.guid}`}>{space.name}</a>
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
