"use client";

import dynamic from "next/dynamic";
import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { Action } from "@/lib/actions/result";
import type { ChangeProfileInput } from "@/lib/changes/inputs";
import { violates, type MatrixRowsJson } from "@/lib/view-models/matrix-rows";
import { ChangeDialog, preloadChangeDialog } from "../change-flow/change-dialog";
import { useChangeFlow } from "../change-flow/use-change-flow";
import type { BringAction, BringTarget } from "../policy/bring-into-policy";
import { BulkApply, type BulkActions } from "./bulk-apply";
import { applyFilter, MatrixFilters, parsePosture, type MatrixFilter } from "./matrix-filters";
import { MatrixTable } from "./matrix-table";
import { MatrixKey } from "./matrix-key";
import { switchReasons } from "./switch-reasons";
import { changeKey, type MatrixChange, type MatrixContext } from "./types";
import { useMatrixRows } from "./use-matrix-rows";

export type { MatrixContext };

/** Loaded when first opened: most visits to the matrix never bring a space into policy (first-load JS, docs/design.md §8). */
const BringIntoPolicyDialog = dynamic(
  () => import("../policy/bring-into-policy").then((m) => m.BringIntoPolicyDialog),
  { loading: () => null }, // its own Suspense boundary: see change-dialog.tsx
);

/**
 * The org's egress matrix: the filters, the table, the org manager's bulk
 * changes, and the one change flow (confirm with a preview, act, re-read,
 * say what happened). Server actions arrive as props from the page.
 */
export function OrgMatrix({
  context,
  initial,
  actions,
}: {
  context: MatrixContext;
  initial: MatrixRowsJson;
  actions: { changeProfile: Action<ChangeProfileInput>; bringIntoPolicy?: BringAction } & BulkActions;
}) {
  const params = useSearchParams();
  const profileIds = useMemo(() => context.profiles.map((p) => p.id), [context.profiles]);
  const { rows, error, revalidate } = useMatrixRows(context.orgGuid, initial, profileIds);
  const [filter, setFilter] = useState<MatrixFilter>(() => ({
    query: params.get("q") ?? "",
    posture: parsePosture(params.get("posture")),
    violations: params.get("violations") === "1",
  }));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bringing, setBringing] = useState<BringTarget | null>(null);

  const flow = useChangeFlow<MatrixChange>({
    keyOf: changeKey,
    run: ({ space, profile, enabled }) =>
      actions.changeProfile({
        orgGuid: context.orgGuid,
        spaceGuid: space.guid,
        profileId: profile.id,
        lifecycle: "running",
        enabled,
      }),
    refresh: revalidate,
  });

  const shown = applyFilter(rows, filter);
  const asking = flow.asking;
  const bring = context.policyActive ? actions.bringIntoPolicy : undefined;
  const bringable = rows.filter((r) => r.manage && violates(r)).length;
  const reasons = switchReasons(context.profiles, shown, context);

  return (
    // The first pointer or focus in the matrix fetches the change dialog, so a switch's click finds it ready.
    <div className="space-y-4" onPointerEnter={preloadChangeDialog} onFocusCapture={preloadChangeDialog}>
      <MatrixFilters
        filter={filter}
        onChange={setFilter}
        shown={shown.length}
        total={rows.length}
        policyActive={context.policyActive}
      />
      <Notice notice={flow.notice} />

      {context.canManageOrg && (
        <BulkApply
          orgGuid={context.orgGuid}
          orgName={context.orgName}
          profiles={context.profiles}
          selected={rows.filter((s) => selected.has(s.guid))}
          all={rows}
          actions={actions}
          onDone={async () => {
            await revalidate();
            setSelected(new Set());
          }}
        />
      )}

      {bring && bringable > 0 && (
        <Button variant="secondary" onClick={() => setBringing("all")}>
          Bring into policy ({bringable} {bringable === 1 ? "space" : "spaces"})
        </Button>
      )}

      {error && (
        <p role="alert" className="text-error-dark">
          Could not refresh the matrix; showing what was loaded before. {error.message}
        </p>
      )}

      <MatrixKey reasons={reasons.reasons} drift={shown.some((r) => r.last?.drift)} />
      <MatrixTable
        rows={shown}
        context={context}
        reasons={reasons}
        selected={selected}
        onSelect={(guid, checked) =>
          setSelected((current) => {
            const next = new Set(current);
            if (checked) next.add(guid);
            else next.delete(guid);
            return next;
          })
        }
        isPending={flow.isPending}
        onAsk={flow.ask}
        onBring={bring ? setBringing : undefined}
      />

      {bring && bringing !== null && (
        <BringIntoPolicyDialog
          orgGuid={context.orgGuid}
          target={bringing}
          action={bring}
          onClose={() => setBringing(null)}
          onApplied={revalidate}
        />
      )}

      <ChangeDialog
        isOpen={!!asking}
        title={
          asking
            ? `Turn ${asking.enabled ? "on" : "off"} ${asking.profile.label} for ${asking.space.name}?`
            : ""
        }
        previewUrl={
          asking
            ? `/api/orgs/${context.orgGuid}/spaces/${asking.space.guid}/preview?${new URLSearchParams({
                lifecycle: "running",
                action: asking.enabled ? "bind" : "unbind",
                profile: asking.profile.id,
              }).toString()}`
            : undefined
        }
        onCancel={flow.cancel}
        onConfirm={flow.confirm}
      />
    </div>
  );
}
