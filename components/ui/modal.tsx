"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { Dialog, Heading, Modal as AriaModal, ModalOverlay } from "react-aria-components";

/**
 * The app's dialog (React Aria: focus trap, Esc, return of focus, role
 * dialog named by its heading). `dismissable` false keeps it open while work
 * is under way, so a result cannot be lost by a stray click.
 *
 * It takes focus when it opens, whatever opened it. React Aria makes the page
 * behind inert, which blurs the control that opened it, and after a "virtual"
 * click (a screen reader's, or the click a keyboard makes on a native switch
 * or button) it waits for every CSS transition on the page to end before it
 * focuses the dialog; one that never ends left focus on <body>, where Esc
 * went unheard and Tab started from the top of the page.
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
  const dialog = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!isOpen) return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        const element = dialog.current;
        if (element && !element.contains(document.activeElement)) element.focus();
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [isOpen]);
  return (
    <ModalOverlay
      isOpen={isOpen}
      onOpenChange={(open) => !open && dismissable && onClose()}
      isDismissable={dismissable}
      isKeyboardDismissDisabled={!dismissable}
      className="fixed inset-0 z-50 flex items-center justify-center bg-black/50 p-4"
    >
      <AriaModal className="max-h-[90vh] w-full max-w-xl overflow-auto rounded bg-white p-6 shadow-xl">
        <Dialog ref={dialog} className="space-y-4 outline-none">
          <Heading slot="title" className="text-2xl font-bold">
            {title}
          </Heading>
          {children}
        </Dialog>
      </AriaModal>
    </ModalOverlay>
  );
}
