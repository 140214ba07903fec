"use client";

import dynamic from "next/dynamic";
import type { ReactNode } from "react";

export type ChangeDialogProps = {
  title: string;
  /** Where to fetch the preview; absent for changes without one (bulk changes describe themselves). */
  previewUrl?: string;
  isOpen: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  children?: ReactNode;
};

const load = () => import("./change-dialog-modal");

/**
 * Its code, with React Aria's overlay, is fetched when the dialog first opens
 * (or earlier, on `preloadChangeDialog`), not with the page: the matrix and
 * the space page paint and hydrate without it (first-load JS, docs/design.md §8).
 */
const ChangeDialogModal = dynamic(() => load().then((m) => m.ChangeDialogModal), {
  // A loading component gives the dialog its own Suspense boundary. Without one, its first load
  // suspends the page's boundary: the page would flash its loading note, and the switch would
  // lose focus before the dialog could note where to give it back.
  loading: () => null,
});

/** Confirms a change before it is made; nothing while closed (change-dialog-modal.tsx). */
export function ChangeDialog({ isOpen, ...props }: ChangeDialogProps) {
  return isOpen ? <ChangeDialogModal {...props} /> : null;
}

/** Fetches the dialog's code ahead of a likely first use, e.g. when a pointer nears a switch. */
export function preloadChangeDialog(): void {
  // A failed fetch here is retried when the dialog opens, and shown there if it fails again.
  load().catch(() => undefined);
}
