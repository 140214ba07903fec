import Link from "next/link";
import { Th } from "@/components/ui/table";
import { formatTime, isoTime } from "@/lib/view-models/history";
import { SHARED_HOSTS } from "@/lib/view-models/segments";
import { statusAt, type MatrixRowView } from "@/lib/view-models/matrix-rows";
import { switchBlock } from "@/lib/view-models/switch-blocks";
import { PostureBadge } from "../posture-badge";
import { CompactStatus } from "../status-icons";
import { reasonId } from "./switch-reasons";
import { PolicyVerdict } from "./policy-verdict";
import { changeKey, type MatrixChange, type MatrixContext, type SpaceRef } from "./types";

/**
 * The matrix itself: a real table (caption, column and row headers) that
 * keeps its header and first column in view and becomes one card per space
 * on a narrow screen (design.md §9). Rows are kept light on purpose: a
 * thousand of them render within the page budget (docs/adr/0003).
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
  /** "Bring into policy" for one violating space (design.md §10). */
  onBring?: (space: SpaceRef) => void;
}) {
  return (
    <div className="max-h-[75vh] overflow-auto rounded border border-base-lighter">
      <table className="w-full border-separate border-spacing-0 text-left text-sm max-md:block">
        <caption className="sr-only">
          Egress of the spaces in {context.orgName}: profiles, posture, what each destination allows, and
          isolation segment
        </caption>
        <thead className="max-md:hidden">
          <tr>
            <Th scope="col" className="matrix-head left-0 z-20">
              Space
            </Th>
            <Th scope="col" className="matrix-head">
              Posture
            </Th>
            {context.policyActive && (
              <Th scope="col" className="matrix-head">
                Policy
              </Th>
            )}
            {context.profiles.map((p) => (
              <Th key={p.id} scope="col" className="matrix-head">
                {p.label}
              </Th>
            ))}
            {context.destinations.map((d) => (
              <Th key={d.id} scope="col" className="matrix-head">
                {d.label}
              </Th>
            ))}
            <Th scope="col" className="matrix-head">
              Isolation segment
            </Th>
            <Th scope="col" className="matrix-head">
              Last change
            </Th>
          </tr>
        </thead>
        <tbody className="max-md:block">
          {rows.map((space) => (
            <tr key={space.guid} className="matrix-row">
              <Th scope="row" className="matrix-rowhead">
                <span className="flex items-center gap-3">
                  {context.canManageOrg && (
                    <input
                      type="checkbox"
                      aria-label={`Select ${space.name}`}
                      checked={selected.has(space.guid)}
                      onChange={(e) => onSelect(space.guid, e.target.checked)}
                      className="size-5 shrink-0"
                    />
                  )}
                  {/* No prefetch: a thousand links would each render a space page, costing CF requests. */}
                  <Link href={`/orgs/${context.orgGuid}/spaces/${space.guid}`} prefetch={false}>
                    {space.name}
                  </Link>
                </span>
              </Th>
              <td data-label="Posture" className="matrix-cell">
                <PostureBadge posture={space.posture} />
              </td>
              {context.policyActive && (
                <td data-label="Policy" className="matrix-cell">
                  <PolicyVerdict space={space} onBring={space.manage ? onBring : undefined} />
                </td>
              )}
              {context.profiles.map((profile) => {
                const block = switchBlock(
                  { ...profile, global: profile.globalRunning },
                  { can_manage: space.manage },
                  context,
                  context,
                );
                const pending = isPending(changeKey({ space, profile }));
                const checked = space.profiles[profile.id] ?? false;
                return (
                  <td key={profile.id} data-label={profile.label} className="matrix-cell">
                    <label className="matrix-switch">
                      <input
                        type="checkbox"
                        role="switch"
                        aria-label={`${profile.label} for ${space.name}`}
                        aria-describedby={block ? reasonId(profile.id, block.short) : undefined}
                        checked={checked}
                        disabled={!!block || pending}
                        onChange={(e) => onAsk({ space, profile, enabled: e.target.checked })}
                      />
                      <span aria-hidden="true">{pending ? "Saving…" : checked ? "On" : "Off"}</span>
                    </label>
                    {block && (
                      <span aria-hidden="true" className="matrix-switch-why">
                        {block.short}
                      </span>
                    )}
                  </td>
                );
              })}
              {context.destinations.map((d, index) => {
                const status = statusAt(space, index);
                return (
                  <td key={d.id} data-label={d.label} className="matrix-cell">
                    {status ? <CompactStatus status={status} /> : "—"}
                  </td>
                );
              })}
              <td data-label="Isolation segment" className="matrix-cell">
                {space.segment ?? SHARED_HOSTS}
              </td>
              <td data-label="Last change" className="matrix-cell">
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
    </div>
  );
}
