"use client";

import { useId } from "react";
import { Switch } from "react-aria-components";
import type { SwitchBlock } from "@/lib/view-models/switch-blocks";

export type { SwitchBlock };

/**
 * One egress profile's switch on the space page (React Aria's Switch). A
 * switch the user may not use is present but disabled, and says why: a short
 * word in view, the whole reason as its accessible description (docs/design.md §1).
 * The org matrix draws its thousand switches lighter, in org-matrix.tsx.
 * Enter toggles it as Space does (a native checkbox answers Space only), so
 * that whichever key a keyboard user tries, the switch answers.
 */
export function ProfileSwitch({
  label,
  checked,
  block,
  pending = false,
  onChange,
  reasonId,
}: {
  /** The accessible name, e.g. "Public egress" or "Public egress (staging)". */
  label: string;
  checked: boolean;
  block?: SwitchBlock;
  pending?: boolean;
  onChange?: (next: boolean) => void;
  /** The id of the reason the caller shows in words beside the switch: the switch is described by it, and draws none of its own. */
  reasonId?: string;
}) {
  const ownReasonId = useId();
  const describedBy = reasonId ?? ownReasonId;
  return (
    <div className="flex flex-col items-start gap-1">
      <Switch
        aria-describedby={block ? describedBy : undefined}
        isSelected={checked}
        isDisabled={!!block || pending}
        onChange={onChange}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !block && !pending) {
            e.preventDefault();
            onChange?.(!checked);
          } else {
            e.continuePropagation();
          }
        }}
        className="group flex min-h-11 cursor-pointer items-center gap-2 data-[disabled]:cursor-not-allowed"
      >
        <span
          aria-hidden="true"
          className="relative inline-flex h-6 w-11 shrink-0 items-center rounded-full bg-base-light transition-colors group-data-[disabled]:opacity-60 group-data-[focus-visible]:outline-4 group-data-[focus-visible]:outline-focus group-data-[selected]:bg-primary"
        >
          <span className="inline-block size-5 translate-x-0.5 rounded-full bg-white shadow transition-transform group-data-[selected]:translate-x-[1.375rem]" />
        </span>
        <span className="font-semibold">
          {label}
          {pending && <span className="font-normal text-base-dark"> (saving…)</span>}
        </span>
      </Switch>
      {block && !reasonId && (
        <span id={ownReasonId} className="max-w-64 text-xs text-base-dark">
          <span aria-hidden="true">{block.short}</span>
          <span className="sr-only">{block.full}</span>
        </span>
      )}
    </div>
  );
}
