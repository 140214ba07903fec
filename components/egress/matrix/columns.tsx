import Link from "next/link";
import type { ReactNode } from "react";
import type { DestinationStatus } from "@/lib/egress";
import { formatTime, isoTime } from "@/lib/view-models/history";
import type { MatrixRowView, RowFieldKey } from "@/lib/view-models/matrix-rows";
import type { MatrixProfile } from "@/lib/view-models/org-matrix";
import { SHARED_HOSTS } from "@/lib/view-models/segments";
import { switchBlock } from "@/lib/view-models/switch-blocks";
import { PostureBadge } from "../posture-badge";
import { PolicyVerdict } from "./policy-verdict";
import { reasonId } from "./switch-reasons";
import { changeKey, type MatrixChange, type MatrixContext, type SpaceRef } from "./types";

/** What decides an org's columns: its profiles, its catalog's destinations, and whether a policy is active. */
export type MatrixShape = Pick<MatrixContext, "profiles" | "destinations" | "policyActive">;

/** What a cell may use besides its row: the page's context and the table's callbacks. */
export type CellEnv = {
  context: MatrixContext;
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
        cell: (row, { context }) => (
          <td>
            {row.last ? (
              <Link
                href={`/orgs/${context.orgGuid}/activity?space=${row.guid}#entry-${row.last.id}`}
                prefetch={false}
              >
                <time dateTime={isoTime(row.last.at)}>{formatTime(row.last.at)}</time>, {row.last.who}
              </Link>
            ) : (
              "—"
            )}
          </td>
        ),
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
 * whose On and Off come from CSS too. Why it is disabled, if it is, is written
 * once on the page (switch-reasons.tsx) and named by aria-describedby.
 */
function switchCell(profile: MatrixProfile, row: MatrixRowView, { context, isPending, onAsk }: CellEnv) {
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
          aria-describedby={block ? reasonId(profile.id, block.short) : undefined}
          checked={row.profiles[profile.id] ?? false}
          disabled={!!block || pending}
          onChange={(e) => onAsk({ space: row, profile, enabled: e.target.checked })}
        />
        <i aria-hidden="true" />
      </label>
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
 */
function statusCell(status: DestinationStatus | undefined) {
  return status ? <td className={status}>{STATUS_WORDS[status]}</td> : <td>—</td>;
}
