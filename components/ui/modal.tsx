"use client";

import type { ReactNode } from "react";
import { Dialog, Heading, Modal as AriaModal, ModalOverlay } from "react-aria-components";

/**
 * The app's dialog (React Aria: focus trap, Esc, return of focus, role
 * dialog named by its heading). `dismissable` false keeps it open while work
 * is under way, so a result cannot be lost by a stray click.
 */
export function Modal({
  isOpen,
  title,
  onClose,
  dismissable = true,
  children,
}: {
  isOpen: boolean;
  title: string;
  onClose: () => void;
  dismissable?: boolean;
  children: ReactNode;
}) {
  return (
    <ModalOverlay
      isOpen={isOpen}
      onOpenChange={(open) => !open && dismissable && onClose()}
      isDismissable={dismissable}
      isKeyboardDismissDisabled={!dismissable}
      className="fixed inset-0 z-50 flex items-center justify-center bg-black/50 p-4"
    >
      <AriaModal className="max-h-[90vh] w-full max-w-xl overflow-auto rounded bg-white p-6 shadow-xl">
        <Dialog className="space-y-4 outline-none">
          <Heading slot="title" className="text-2xl font-bold">
            {title}
          </Heading>
          {children}
        </Dialog>
      </AriaModal>
    </ModalOverlay>
  );
}
