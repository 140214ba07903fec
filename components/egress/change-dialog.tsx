"use client";

import { useEffect, useState, type ReactNode } from "react";
import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import type { ChangePreview } from "@/lib/changes/preview";
import { DestinationStatusBadge } from "./destination-status";

/**
 * Confirms a change before it is made: what opens and closes (the engine's
 * preview, from the server), the equivalent cf command, and when it takes
 * effect. React Aria provides the focus trap, Esc and the return of focus.
 */
export function ChangeDialog({
  title,
  previewUrl,
  isOpen,
  onCancel,
  onConfirm,
  children,
}: {
  title: string;
  /** Where to fetch the preview; absent for changes without one (bulk changes describe themselves). */
  previewUrl?: string;
  isOpen: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  children?: ReactNode;
}) {
  const [preview, setPreview] = useState<{ url: string; data?: ChangePreview; error?: string }>();

  useEffect(() => {
    if (!isOpen || !previewUrl) return;
    let live = true;
    fetch(previewUrl, { cache: "no-store" })
      .then(async (response) => {
        const body = (await response.json()) as { ok: boolean; preview?: ChangePreview; message?: string };
        if (!live) return;
        setPreview(
          body.ok && body.preview
            ? { url: previewUrl, data: body.preview }
            : { url: previewUrl, error: body.message ?? "The preview is not available." },
        );
      })
      .catch(() => live && setPreview({ url: previewUrl, error: "The preview is not available." }));
    return () => {
      live = false;
    };
  }, [isOpen, previewUrl]);

  const current = preview?.url === previewUrl ? preview : undefined;

  return (
    <ModalOverlay
      isOpen={isOpen}
      onOpenChange={(open) => !open && onCancel()}
      isDismissable
      className="fixed inset-0 z-50 flex items-center justify-center bg-black/50 p-4"
    >
      <Modal className="max-h-[90vh] w-full max-w-xl overflow-auto rounded bg-white p-6 shadow-xl">
        <Dialog className="space-y-4 outline-none">
          <Heading slot="title" className="text-2xl font-bold">
            {title}
          </Heading>
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
              className="min-h-11 rounded bg-primary px-5 font-bold text-white data-[disabled]:opacity-50 data-[hovered]:bg-primary-dark"
            >
              Confirm
            </Button>
            <Button
              onPress={onCancel}
              className="min-h-11 rounded border-2 border-primary px-5 font-semibold text-primary data-[hovered]:bg-primary-lighter"
            >
              Cancel
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function PreviewDetails({ preview }: { preview: ChangePreview }) {
  return (
    <div className="space-y-3">
      {preview.opens.length === 0 && preview.closes.length === 0 ? (
        <p>No destination in the catalog changes.</p>
      ) : (
        <>
          <ChangeList title="Opens" items={preview.opens} />
          <ChangeList title="Closes" items={preview.closes} />
        </>
      )}
      <div>
        <p className="font-semibold">The same change with the cf CLI:</p>
        <pre className="mt-1 rounded bg-base-lightest p-2 text-sm break-all whitespace-pre-wrap">
          <code>{preview.command}</code>
        </pre>
      </div>
      <p>{preview.takesEffect}</p>
    </div>
  );
}

function ChangeList({ title, items }: { title: string; items: ChangePreview["opens"] }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h3 className="font-bold">{title}</h3>
      <ul className="mt-1 space-y-1">
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center gap-2">
            <span className="font-semibold">{item.label}:</span>
            <DestinationStatusBadge status={item.before} />
            <span aria-hidden="true">→</span>
            <span className="sr-only">becomes</span>
            <DestinationStatusBadge status={item.after} />
          </li>
        ))}
      </ul>
    </div>
  );
}
