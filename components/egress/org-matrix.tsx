"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import useSWR from "swr";
import { changeProfile } from "@/app/orgs/[orgGuid]/actions";
import type { Posture } from "@/lib/egress";
import { matrixRows, statusAt, type MatrixRowView } from "@/lib/views/matrix-rows";
import type { MatrixProfile, PostureJson } from "@/lib/views/org-matrix";
import { POSTURE_LABELS, POSTURES } from "@/lib/views/labels";
import { switchBlock } from "@/lib/views/switch-blocks";
import { BulkApply } from "./bulk-apply";
import { ChangeDialog } from "./change-dialog";
import { PostureBadge } from "./posture-badge";
import { CompactStatus, StatusIconSprite } from "./status-icons";

/**
 * The org's egress matrix. Server-rendered data first; then SWR keeps it
 * fresh from the JSON export, at most once a minute and never while the tab
 * is hidden (CF rate-limits per user, design.md §8). Filters live in the URL.
 */

export type MatrixContext = {
  orgGuid: string;
  orgName: string;
  suspended: boolean;
  isAdmin: boolean;
  canManageOrg: boolean;
  destinations: { id: string; label: string; governed: boolean }[];
  profiles: MatrixProfile[];
};

const REFRESH_MS = 60_000;

class SignInNeeded extends Error {}

async function fetchRows(url: string): Promise<MatrixRowView[]> {
  const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
  if (response.status === 401) throw new SignInNeeded();
  if (!response.ok) throw new Error(`The refresh failed (${response.status}).`);
  return matrixRows((await response.json()) as PostureJson);
}

export function OrgMatrix({ context, initial }: { context: MatrixContext; initial: MatrixRowView[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const swr = useSWR<MatrixRowView[], Error>(`/api/orgs/${context.orgGuid}/posture`, fetchRows, {
    fallbackData: initial,
    revalidateOnMount: false,
    refreshInterval: REFRESH_MS,
    refreshWhenHidden: false,
    focusThrottleInterval: REFRESH_MS,
    dedupingInterval: 2_000,
    // An expired session: sign in again and come back (the sign-in route redirects to the UAA).
    onError: (e) => {
      if (e instanceof SignInNeeded) router.push(`/signin?callbackUrl=${encodeURIComponent(pathname)}`);
    },
  });

  const { error, mutate } = swr;
  // fallbackData guarantees data; SWR's types do not know it.
  const data = swr.data ?? initial;

  // A change waiting for confirmation, changes under way, and what the last change did.
  const [asking, setAsking] = useState<{
    space: { guid: string; name: string };
    profile: MatrixProfile;
    enabled: boolean;
  }>();
  const [pending, setPending] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const [selected, setSelected] = useState<Set<string>>(new Set());

  async function confirmChange() {
    if (!asking) return;
    const { space, profile, enabled } = asking;
    const key = `${space.guid}:${profile.id}`;
    setAsking(undefined);
    setPending((p) => new Set(p).add(key));
    const result = await changeProfile({
      orgGuid: context.orgGuid,
      spaceGuid: space.guid,
      profileId: profile.id,
      lifecycle: "running",
      enabled,
    });
    // Show the state CF now reports, whatever happened: on failure the switch is back where it was.
    await mutate();
    setPending((p) => {
      const next = new Set(p);
      next.delete(key);
      return next;
    });
    setNotice({ ok: result.ok, text: result.message });
  }

  // The filters live in state, and the address bar follows synchronously (history.replaceState, which
  // Next's router observes): quick changes in a row cannot land out of order, as navigations could.
  const [query, setQuery] = useState(params.get("q") ?? "");
  const [postureFilter, setPostureFilter] = useState<Posture | undefined>(() => {
    const value = params.get("posture") ?? "";
    return (POSTURES as readonly string[]).includes(value) ? (value as Posture) : undefined;
  });

  function setParam(key: string, value: string) {
    const next = new URLSearchParams(window.location.search);
    if (value) next.set(key, value);
    else next.delete(key);
    const search = next.toString();
    window.history.replaceState(null, "", search ? `${pathname}?${search}` : pathname);
  }

  const spaces = data.filter(
    (s) =>
      (!query || s.name.toLowerCase().includes(query.toLowerCase())) &&
      (!postureFilter || s.posture === postureFilter),
  );

  return (
    <div className="space-y-4">
      <form role="search" className="flex flex-wrap items-end gap-4" onSubmit={(e) => e.preventDefault()}>
        <div className="flex flex-col">
          <label htmlFor="space-filter" className="font-semibold">
            Filter spaces by name
          </label>
          <input
            id="space-filter"
            type="search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setParam("q", e.target.value);
            }}
            className="min-h-11 w-64 rounded border border-base-dark px-3"
          />
        </div>
        <div className="flex flex-col">
          <label htmlFor="posture-filter" className="font-semibold">
            Posture
          </label>
          <select
            id="posture-filter"
            value={postureFilter ?? ""}
            onChange={(e) => {
              const value = e.target.value;
              setPostureFilter(
                (POSTURES as readonly string[]).includes(value) ? (value as Posture) : undefined,
              );
              setParam("posture", value);
            }}
            className="min-h-11 rounded border border-base-dark bg-white px-3"
          >
            <option value="">All postures</option>
            {POSTURES.map((p) => (
              <option key={p} value={p}>
                {POSTURE_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        <p role="status" className="pb-2 text-base-dark">
          Showing {spaces.length} of {data.length} spaces
        </p>
      </form>

      <div aria-live="polite" className="min-h-6">
        {notice && (
          <p
            role={notice.ok ? "status" : "alert"}
            className={notice.ok ? "font-semibold text-success-darker" : "font-semibold text-error-dark"}
          >
            {notice.text}
          </p>
        )}
      </div>

      {context.canManageOrg && (
        <BulkApply
          orgGuid={context.orgGuid}
          orgName={context.orgName}
          profiles={context.profiles}
          selected={data.filter((s) => selected.has(s.guid))}
          all={data}
          onDone={async () => {
            await mutate();
            setSelected(new Set());
          }}
        />
      )}

      {error && !(error instanceof SignInNeeded) && (
        <p role="alert" className="text-error-dark">
          Could not refresh the matrix; showing what was loaded before. {error.message}
        </p>
      )}

      <StatusIconSprite />
      <ReasonTexts profiles={context.profiles} context={context} />
      <div className="max-h-[75vh] overflow-auto rounded border border-base-lighter">
        <table className="w-full border-separate border-spacing-0 text-left text-sm max-md:block">
          <caption className="sr-only">
            Egress of the spaces in {context.orgName}: profiles, posture, what each destination allows, and
            isolation segment
          </caption>
          <thead className="max-md:hidden">
            <tr>
              <th scope="col" className="matrix-head left-0 z-20">
                Space
              </th>
              <th scope="col" className="matrix-head">
                Posture
              </th>
              {context.profiles.map((p) => (
                <th key={p.id} scope="col" className="matrix-head">
                  {p.label}
                </th>
              ))}
              {context.destinations.map((d) => (
                <th key={d.id} scope="col" className="matrix-head">
                  {d.label}
                </th>
              ))}
              <th scope="col" className="matrix-head">
                Isolation segment
              </th>
            </tr>
          </thead>
          <tbody className="max-md:block">
            {spaces.map((space) => (
              <tr key={space.guid} className="matrix-row">
                <th scope="row" className="matrix-rowhead">
                  <span className="flex items-center gap-3">
                    {context.canManageOrg && (
                      <input
                        type="checkbox"
                        aria-label={`Select ${space.name}`}
                        checked={selected.has(space.guid)}
                        onChange={(e) => {
                          const checked = e.target.checked;
                          setSelected((current) => {
                            const next = new Set(current);
                            if (checked) next.add(space.guid);
                            else next.delete(space.guid);
                            return next;
                          });
                        }}
                        className="size-5 shrink-0"
                      />
                    )}
                    {/* No prefetch: a thousand links would each render a space page, costing CF requests. */}
                    <Link href={`/orgs/${context.orgGuid}/spaces/${space.guid}`} prefetch={false}>
                      {space.name}
                    </Link>
                  </span>
                </th>
                <td data-label="Posture" className="matrix-cell">
                  <PostureBadge posture={space.posture} />
                </td>
                {context.profiles.map((profile) => {
                  const block = switchBlock(
                    { ...profile, global: profile.globalRunning },
                    { can_manage: space.manage },
                    context,
                    context,
                  );
                  const key = `${space.guid}:${profile.id}`;
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
                          disabled={!!block || pending.has(key)}
                          onChange={(e) => setAsking({ space, profile, enabled: e.target.checked })}
                        />
                        <span aria-hidden="true">
                          {pending.has(key) ? "Saving…" : checked ? "On" : "Off"}
                        </span>
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
                  {space.segment ?? "Shared"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {spaces.length === 0 && <p className="p-4">No space matches the filters.</p>}
      </div>

      <ChangeDialog
        isOpen={!!asking}
        title={
          asking
            ? `Turn ${asking.enabled ? "on" : "off"} ${asking.profile.label} for ${asking.space.name}?`
            : ""
        }
        previewUrl={
          asking
            ? `/api/orgs/${context.orgGuid}/spaces/${asking.space.guid}/preview?lifecycle=running&action=${
                asking.enabled ? "bind" : "unbind"
              }&profile=${asking.profile.id}`
            : undefined
        }
        onCancel={() => setAsking(undefined)}
        onConfirm={() => void confirmChange()}
      />
    </div>
  );
}

/** Each reason a switch may be blocked for, written once and referred to by every switch it concerns. */
function reasonId(profileId: string, short: string): string {
  return `why-${profileId}-${short.toLowerCase().replace(/[^a-z]+/g, "-")}`;
}

function ReasonTexts({ profiles, context }: { profiles: MatrixProfile[]; context: MatrixContext }) {
  const reasons = new Map<string, string>();
  for (const profile of profiles) {
    for (const canManage of [true, false]) {
      const block = switchBlock(
        { ...profile, global: profile.globalRunning },
        { can_manage: canManage },
        context,
        context,
      );
      if (block) reasons.set(reasonId(profile.id, block.short), block.full);
    }
  }
  return (
    <div hidden>
      {[...reasons].map(([id, text]) => (
        <span key={id} id={id}>
          {text}
        </span>
      ))}
    </div>
  );
}
