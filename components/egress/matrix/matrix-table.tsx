import Link from "next/link";
import { useEffect, useState, useTransition } from "react";
import { Th } from "@/components/ui/table";
import type { DestinationStatus } from "@/lib/egress";
import { formatTime, isoTime } from "@/lib/view-models/history";
import type { MatrixRowView } from "@/lib/view-models/matrix-rows";
import { isPlatformWide } from "@/lib/view-models/labels";
import { SHARED_HOSTS } from "@/lib/view-models/segments";
import { switchBlock } from "@/lib/view-models/switch-blocks";
import { PostureBadge } from "../posture-badge";
import { matrixColumns } from "./columns";
import { PolicyVerdict } from "./policy-verdict";
import { reasonId } from "./switch-reasons";
import { changeKey, type MatrixChange, type MatrixContext, type SpaceRef } from "./types";

/**
 * Rows the server renders: enough for nearly every org, and a bound on the
 * page's weight and server time for the largest (docs/design.md §8: 5,000 spaces).
 * The rest render in the browser right after hydration, in a transition;
 * without JavaScript the filters (a plain GET form) narrow the list instead.
 */
export const SERVER_ROWS = 1000;

const WORDS: Record<string, string> = { a: "Allowed", p: "Partial", b: "Blocked" };
const STATUS: Record<string, DestinationStatus> = { a: "allowed", p: "partial", b: "blocked" };

/**
 * The matrix itself: a real table (caption, column and row headers) that
 * keeps its header and first column in view and becomes one card per space
 * on a narrow screen (docs/design.md §9). A thousand rows must stay within the
 * page's budget (docs/design.md §8, docs/adr/0003), so a cell is as small as it can
 * be: its style comes from the table's `mx` class, a status is a letter that
 * CSS draws as lucide's icon beside the word, a switch's On and Off come from
 * CSS, and the card labels from one stylesheet (columns.ts).
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
  const blocks = (manage: boolean) =>
    context.profiles.map((profile) =>
      switchBlock({ ...profile, global: profile.globalRunning }, { can_manage: manage }, context, context),
    );
  // Two sets of reasons a switch may be blocked for: they depend on the row only through can_manage.
  const blocksFor = { true: blocks(true), false: blocks(false) };
  const [limit, setLimit] = useState(SERVER_ROWS);
  const [, startTransition] = useTransition();
  useEffect(() => {
    startTransition(() => setLimit(Number.POSITIVE_INFINITY));
  }, []);
  const visible = rows.length > limit ? rows.slice(0, limit) : rows;
  return (
    <div className="max-h-[75vh] overflow-auto rounded border border-base-lighter">
      <table className="mx w-full border-separate border-spacing-0 text-left text-sm max-md:block">
        <caption className="sr-only">
          Egress of the spaces in {context.orgName}: profiles, posture, what each destination allows, and
          isolation segment
        </caption>
        <thead className="max-md:hidden">
          <tr>
            <Th scope="col">Space</Th>
            {matrixColumns(context).map((label) => (
              <Th key={label} scope="col">
                {label}
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
              <td>
                <PostureBadge
                  posture={space.posture}
                  platformWide={isPlatformWide(space.posture, context.platformPosture)}
                />
              </td>
              {context.policyActive && (
                <td>
                  <PolicyVerdict space={space} onBring={space.manage ? onBring : undefined} />
                </td>
              )}
              {context.profiles.map((profile, i) => {
                const block = blocksFor[space.manage ? "true" : "false"][i];
                const pending = isPending(changeKey({ space, profile }));
                return (
                  <td key={profile.id} data-busy={pending ? "" : undefined}>
                    <label>
                      <input
                        type="checkbox"
                        role="switch"
                        aria-label={`${profile.label} for ${space.name}`}
                        aria-describedby={block ? reasonId(profile.id, block.short) : undefined}
                        checked={space.profiles[profile.id] ?? false}
                        disabled={!!block || pending}
                        onChange={(e) => onAsk({ space, profile, enabled: e.target.checked })}
                      />
                      <i aria-hidden="true" />
                    </label>
                    {block && <small aria-hidden="true">{block.short}</small>}
                  </td>
                );
              })}
              {context.destinations.map((d, index) => {
                const letter = space.statuses[index] ?? "";
                return STATUS[letter] ? (
                  <td key={d.id} data-s={letter}>
                    {WORDS[letter]}
                  </td>
                ) : (
                  <td key={d.id}>—</td>
                );
              })}
              <td>{space.segment ?? SHARED_HOSTS}</td>
              <td>
                {space.last ? (
                  <Link
                    href={`/orgs/${context.orgGuid}/activity?space=${space.guid}#entry-${space.last.id}`}
                    prefetch={false}
                  >
                    <time dateTime={isoTime(space.last.at)}>{formatTime(space.last.at)}</time>,{" "}
                    {space.last.who}
                  </Link>
                ) : (
                  "—"
                )}
              </td>
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
