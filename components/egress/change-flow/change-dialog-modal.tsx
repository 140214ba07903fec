"use client";

import { useEffect, useId, useState } from "react";
import { Button } from "react-aria-components";
import { Modal } from "@/components/ui/modal";
import { buttonClass } from "@/components/ui/button";
import { previewAnswerSchema, type ChangePreview } from "@/lib/changes/change-preview";
import { fetchJson } from "@/lib/http/fetch-json";
import type { ChangeDialogProps } from "./change-dialog";
import { CliCommands, StatusChanges } from "./change-summary";
import { PolicyNoteView } from "./policy-note";

const UNAVAILABLE = "Without its preview, the change cannot be confirmed.";

/**
 * Confirms a change before it is made: what opens and closes (the engine's
 * preview, from the server), what the org's policy says of it, the
 * equivalent cf command, and when it takes effect. React Aria provides the
 * focus trap and Esc; the change flow gives focus back to the control that
 * asked (focus-return.ts). Loaded through change-dialog.tsx, and mounted
 * only while open.
 */
export function ChangeDialogModal({
  title,
  previewUrl,
  onCancel,
  onConfirm,
  children,
}: Omit<ChangeDialogProps, "isOpen">) {
  const [preview, setPreview] = useState<{ url: string; data?: ChangePreview; error?: string }>();
  const policyId = useId();

  useEffect(() => {
    if (!previewUrl) return;
    const controller = new AbortController();
    void fetchJson(previewUrl, previewAnswerSchema, { signal: controller.signal }).then((result) => {
      if (controller.signal.aborted) return;
      setPreview(
        result.ok
          ? { url: previewUrl, data: result.value.preview }
          : { url: previewUrl, error: `${result.failure.message} ${UNAVAILABLE}` },
      );
    });
    return () => controller.abort();
  }, [previewUrl]);

  const current = preview?.url === previewUrl ? preview : undefined;
  const ready = !previewUrl || !!current?.data;
  const verdict = current?.data?.policy.verdict;
  const warns = verdict === "violates" || verdict === "still-violates";

  return (
    <Modal isOpen title={title} onClose={onCancel}>
      {previewUrl && !current && <p role="status">Working out what this changes…</p>}
      {current?.error && (
        <p role="alert" className="text-error-dark">
          {current.error}
        </p>
      )}
      {current?.data && <PreviewDetails preview={current.data} policyId={policyId} />}
      {children}
      <div className="flex flex-wrap gap-3 pt-2">
        {/*
          Until the preview is there, Confirm says it is unavailable (aria-disabled) and refuses the
          press, but stays in the tab order: a keyboard user who tabs before it loads still finds it.
        */}
        <button
          type="button"
          aria-disabled={ready ? undefined : true}
          aria-describedby={warns ? policyId : undefined}
          onClick={() => {
            if (ready) onConfirm();
          }}
          className={buttonClass("primary", "aria-disabled:cursor-not-allowed aria-disabled:opacity-60")}
        >
          Confirm
        </button>
        <Button onPress={onCancel} className={buttonClass("secondary")}>
          Cancel
        </Button>
      </div>
    </Modal>
  );
}

function PreviewDetails({ preview, policyId }: { preview: ChangePreview; policyId: string }) {
  return (
    <div className="space-y-3">
      {preview.already ? (
        <p className="font-semibold">This space is already in that state: confirming changes nothing.</p>
      ) : preview.opens.length === 0 && preview.closes.length === 0 ? (
        <p>No destination in the catalog changes.</p>
      ) : (
        <>
          <StatusChanges title="Opens" items={preview.opens} />
          <StatusChanges title="Closes" items={preview.closes} />
        </>
      )}
      {!preview.already && <PolicyNoteView note={preview.policy} id={policyId} />}
      {!preview.already && <CliCommands commands={preview.command} />}
      {!preview.already && <p>{preview.takesEffect}</p>}
    </div>
  );
}
