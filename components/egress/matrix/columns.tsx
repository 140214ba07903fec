import type { ReactNode } from "react";
import type { DestinationStatus } from "@/lib/egress";
import { formatTime, isoTime } from "@/lib/view-models/history";
import type { MatrixRowView, RowFieldKey } from "@/lib/view-models/matrix-rows";
import type { MatrixProfile } from "@/lib/view-models/org-matrix";
import { SHARED_HOSTS } from "@/lib/view-models/segments";
import { switchBlock } from "@/lib/view-models/switch-blocks";
import { PostureBadge } from "../posture-badge";
import { PolicyVerdict } from "./policy-verdict";
import { toggleOnEnter } from "../toggle-on-enter";
import type { ReasonIds } from "./switch-reasons";
import { changeKey, type MatrixChange, type MatrixContext, type SpaceRef } from "./types";

/** What decides an org's columns: its profiles, its catalog's destinations, and whether a policy is active. */
export type MatrixShape = Pick<MatrixContext, "profiles" | "destinations" | "policyActive">;

/** What a cell may use besides its row: the page's context and the table's callbacks. */
export type CellEnv = {
  context: MatrixContext;
  /** The ids of the reasons written once above the table (switch-reasons.tsx), for the disabled switches. */
  reasons: ReasonIds;
  isPending: (key: string) => boolean;
  onAsk: (change: MatrixChange) => void;
  /** "Bring into policy" for one violating space (docs/design.md §10). */
  onBring?: (space: SpaceRef) => void;
};

/**
 * One column of the table: its header, which is also its cells' label on a
 * narrow screen's cards (card-labels.tsx), and its cell in a row, a <td>.
 * Cells carry no class of their own: the table's `egress-matrix` class styles
 * them (app/globals.css), so a thousand rows stay light (docs/adr/0003).
 */
export type TableColumn = {
  key: string;
  label: string;
  /**
   * Its header set vertically, so that the column is only as wide as its
   * cells: a destination's, whose cells are an icon on a wide screen, so
   * that 4 to 12 of them fit beside the rest at 1,280 px.
   */
  vertical?: boolean;
  cell: (row: MatrixRowView, env: CellEnv) => ReactNode;
};

/**
 * A column of the matrix, declared once. `field` is the row's value it shows:
 * ROW_FIELDS in lib/view-models/matrix-rows.ts computes it on the server and
 * packs it for the browser. `columns` is what it adds to an org's table: one
 * column, none (Policy, without an active policy), or one per profile or
 * destination. The header, the cells and the card labels all follow this list.
 */
export type MatrixColumn = { field: RowFieldKey; columns: (shape: MatrixShape) => TableColumn[] };

export const MATRIX_COLUMNS = [
  {
    field: "posture",
    columns: () => [
      {
        key: "posture",
        label: "Posture",
        cell: (row, { context }) => (
          <td>
            <PostureBadge posture={row.posture} platformWide={row.posture === context.platformWide} />
          </td>
        ),
      },
    ],
  },
  {
    field: "policy",
    columns: ({ policyActive }) =>
      policyActive
        ? [
            {
              key: "policy",
              label: "Policy",
              cell: (row, { onBring }) => (
                <td>
                  <PolicyVerdict space={row} onBring={row.manage ? onBring : undefined} />
                </td>
              ),
            },
          ]
        : [],
  },
  {
    field: "profiles",
    columns: ({ profiles }) =>
      profiles.map((profile) => ({
        key: `profile:${profile.id}`,
        label: profile.label,
        cell: (row, env) => switchCell(profile, row, env),
      })),
  },
  {
    field: "statuses",
    columns: ({ destinations }) =>
      destinations.map((destination, index) => ({
        key: `destination:${destination.id}`,
        label: destination.label,
        vertical: true,
        cell: (row) => statusCell(row.statuses[index]),
      })),
  },
  {
    field: "segment",
    columns: () => [
      { key: "segment", label: "Isolation segment", cell: (row) => <td>{row.segment ?? SHARED_HOSTS}</td> },
    ],
  },
  {
    field: "last",
    columns: () => [
      {
        key: "last",
        label: "Last change",
        cell: (row, { context }) => lastCell(row, context.orgGuid),
      },
    ],
  },
] as const satisfies readonly MatrixColumn[];

// A field of the row (lib/view-models/matrix-rows.ts) that no column shows fails the typecheck, naming it.
type Unshown = Exclude<RowFieldKey, (typeof MATRIX_COLUMNS)[number]["field"]>;
const _everyFieldHasAColumn: [Unshown] extends [never] ? true : Unshown = true;

/** The table's columns for an org after the row header, in order. */
export function tableColumns(shape: MatrixShape): TableColumn[] {
  return MATRIX_COLUMNS.flatMap((column) => column.columns(shape));
}

/**
 * A profile's switch: a native checkbox with role="switch", drawn by CSS,
 * whose On and Off come from CSS too. Why it is disabled, if it is: its short
 * word in view, and the sentence, written once above the table for every
 * switch it concerns (switch-reasons.tsx), as its description.
 */
function switchCell(
  profile: MatrixProfile,
  row: MatrixRowView,
  { context, reasons, isPending, onAsk }: CellEnv,
) {
  const block = switchBlock(
    { ...profile, global: profile.globalRunning },
    { can_manage: row.manage },
    context,
    context,
  );
  const pending = isPending(changeKey({ space: row, profile }));
  return (
    <td data-busy={pending ? "" : undefined}>
      <label>
        <input
          type="checkbox"
          role="switch"
          aria-label={`${profile.label} for ${row.name}`}
          aria-describedby={block ? reasons.idOf(profile.id, block.short) : undefined}
          checked={row.profiles[profile.id] ?? false}
          disabled={!!block || pending}
          onChange={(e) => onAsk({ space: row, profile, enabled: e.target.checked })}
          onKeyDown={toggleOnEnter}
        />
        <i aria-hidden="true" />
      </label>
      {/* Hidden from screen readers, who hear the whole sentence as the switch's description. */}
      {block && <small aria-hidden="true">{block.short}</small>}
    </td>
  );
}

const STATUS_WORDS: Record<DestinationStatus, string> = {
  allowed: "Allowed",
  partial: "Partial",
  blocked: "Blocked",
};

/**
 * A destination's status: the word, and as the cell's class the status
 * itself, which CSS draws as lucide's icon (app/status-icons.css) and colours.
 * On a wide screen the word is out of sight (the key above the table says
 * what each icon means) but still the cell's text, for screen readers and
 * copying; on a narrow screen's cards it shows beside the icon.
 */
function statusCell(status: DestinationStatus | undefined) {
  return status ? <td className={status}>{STATUS_WORDS[status]}</td> : <td>—</td>;
}

/**
 * The space's latest change, linked to its entry in the activity. A change
 * made outside the dashboard (drift) is marked as such: the cell's class,
 * drawn as a warning icon, and the words "outside the dashboard".
 */
function lastCell(row: MatrixRowView, orgGuid: string) {
  if (!row.last) return <td>—</td>;
  return (
    <td className={row.last.drift ? "drift" : undefined}>
      <a href={`/orgs/${orgGuid}/activity?space=${row.guid}#entry-${row.last.id}`}>
        <time dateTime={isoTime(row.last.at)}>{formatTime(row.last.at)}</time>, {row.last.who}
      </a>
    </td>
  );
}
