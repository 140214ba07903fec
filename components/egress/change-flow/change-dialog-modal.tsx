"use client";

import { useEffect, useState } from "react";
import { Button } from "react-aria-components";
import { Modal } from "@/components/ui/modal";
import { buttonClass } from "@/components/ui/button";
import { previewAnswerSchema, type ChangePreview } from "@/lib/changes/change-preview";
import { fetchJson } from "@/lib/http/fetch-json";
import type { ChangeDialogProps } from "./change-dialog";
import { CliCommands, StatusChanges } from "./change-summary";

const UNAVAILABLE = "Without its preview, the change cannot be confirmed.";

/**
 * Confirms a change before it is made: what opens and closes (the engine's
 * preview, from the server), the equivalent cf command, and when it takes
 * effect. React Aria provides the focus trap, Esc and the return of focus.
 * Loaded through change-dialog.tsx, and mounted only while open.
 */
export function ChangeDialogModal({
  title,
  previewUrl,
  onCancel,
  onConfirm,
  children,
}: Omit<ChangeDialogProps, "isOpen">) {
  const [preview, setPreview] = useState<{ url: string; data?: ChangePreview; error?: string }>();

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

  return (
    <Modal isOpen title={title} onClose={onCancel}>
      {previewUrl && !current && <p role="status">Working out what this changes…</p>}
      {current?.error && (
        <p role="alert" className="text-error-dark">
          {current.error}
        </p>
      )}
      {current?.data && <PreviewDetails preview={current.data} />}
      {children}
      <div className="flex flex-wrap gap-3 pt-2">
        <Button
          onPress={onConfirm}
          isDisabled={!!previewUrl && !current?.data}
          className={buttonClass("primary")}
        >
          Confirm
        </Button>
        <Button onPress={onCancel} className={buttonClass("secondary")}>
          Cancel
        </Button>
      </div>
    </Modal>
  );
}

function PreviewDetails({ preview }: { preview: ChangePreview }) {
  return (
    <div className="space-y-3">
      {preview.opens.length === 0 && preview.closes.length === 0 ? (
        <p>No destination in the catalog changes.</p>
      ) : (
        <>
          <StatusChanges title="Opens" items={preview.opens} />
          <StatusChanges title="Closes" items={preview.closes} />
        </>
      )}
      <CliCommands commands={preview.command} />
      <p>{preview.takesEffect}</p>
    </div>
  );
}
