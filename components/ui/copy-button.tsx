"use client";

import { Check, Copy } from "lucide-react";
import { useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

const subscribe = () => () => {};

/**
 * Copies a text to the clipboard: progressive enhancement. Without
 * JavaScript it is not drawn at all (the text beside it stays selectable);
 * where the clipboard API is unavailable (plain http off localhost) it
 * selects the text (a field's value, or an element's text such as a code
 * block) and says how to copy it. Used by the private-egress request and by
 * every cf command of the change dialogs.
 */
export function CopyButton({ text, targetId, label }: { text: string; targetId: string; label: string }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const [status, setStatus] = useState("");
  if (!hydrated) return null;

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      setStatus("Copied.");
    } catch {
      const target = document.getElementById(targetId);
      if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) {
        target.focus();
        target.select();
      } else if (target) {
        window.getSelection()?.selectAllChildren(target);
      }
      setStatus("Selected: press Ctrl+C (⌘C on a Mac) to copy.");
    }
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-3">
      <Button variant="secondary" size="compact" onClick={() => void copy()}>
        {status === "Copied." ? (
          <Check aria-hidden="true" className="size-4" />
        ) : (
          <Copy aria-hidden="true" className="size-4" />
        )}
        {label}
      </Button>
      <span role="status" className="text-sm text-base-darker">
        {status}
      </span>
    </span>
  );
}
