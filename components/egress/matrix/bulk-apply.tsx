"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { Action } from "@/lib/actions/result";
import type { BindProfileToSpacesInput, ChangeProfileInput } from "@/lib/changes/inputs";
import type { MatrixProfile } from "@/lib/view-models/org-matrix";
import type { SpaceRef } from "./types";

/**
 * An org manager applies a profile on or off to many spaces, after a
 * preview per space. On: one CF request binds all that need it (CF binds
 * all or none). Off: CF unbinds one space per request, so the dialog shows
 * progress ("n of m spaces") and each space's result. A space already so is
 * left alone and said to be. Spaces created later are not covered: new
 * spaces start closed. Whatever happens (a refusal, an exception, a lost
 * connection), the dialog ends on its results and can be closed.
 */

/** Each answers which of its spaces were already so (nothing sent or recorded for them). */
export type BulkActions = {
  changeProfile: Action<ChangeProfileInput, { already: string[] }>;
  bindProfileToSpaces: Action<BindProfileToSpacesInput, { already: string[] }>;
};

/** Loaded when first opened, with React Aria's overlay: the matrix paints and hydrates without them. */
const BulkApplyDialog = dynamic(() => import("./bulk-apply-dialog").then((m) => m.BulkApplyDialog), {
  loading: () => null, // its own Suspense boundary: see change-dialog.tsx
});

export function BulkApply({
  orgGuid,
  orgName,
  profiles,
  selected,
  all,
  actions,
  onDone,
}: {
  orgGuid: string;
  orgName: string;
  profiles: MatrixProfile[];
  selected: SpaceRef[];
  all: SpaceRef[];
  actions: BulkActions;
  onDone: () => Promise<void>;
}) {
  const usable = profiles.filter((p) => p.groupGuid && !p.globalRunning);
  const [target, setTarget] = useState<SpaceRef[] | null>(null);
  if (usable.length === 0) return null;
  const none = selected.length === 0;

  return (
    <div className="flex flex-wrap items-center gap-3">
      {/*
        aria-disabled rather than disabled while nothing is selected: a bulk change of the selection
        empties it, and focus must find this button again when its dialog closes.
      */}
      <Button
        variant="secondary"
        aria-disabled={none ? true : undefined}
        className="aria-disabled:cursor-not-allowed aria-disabled:opacity-60"
        onClick={() => {
          if (!none) setTarget(selected);
        }}
      >
        Change selected spaces ({selected.length})
      </Button>
      <Button variant="secondary" onClick={() => setTarget(all)}>
        Apply to all spaces
      </Button>
      {target && (
        <BulkApplyDialog
          orgGuid={orgGuid}
          orgName={orgName}
          usable={usable}
          target={target}
          actions={actions}
          onDone={onDone}
          onClose={() => setTarget(null)}
        />
      )}
    </div>
  );
}
