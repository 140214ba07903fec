"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import type { NoticeValue } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/actions/result";
import { MESSAGES } from "@/lib/failures/messages";
import { afterPaint, focusOpener, returnFocus, type FocusTarget } from "./focus-return";

/**
 * The one flow of every egress change in the UI: ask (a dialog shows the
 * preview), confirm, run the server action, re-read CF's state, say what
 * happened. The control stays "saving" until the re-read state is shown, so
 * it never shows a state CF has not confirmed, and it always leaves
 * "saving": on success, on a refusal, on an exception or a lost connection.
 * Keyboard focus goes back to the control that asked, after Cancel or Esc
 * at once, after Confirm once the control is enabled again (focus-return.ts).
 */

export type ChangeFlow<C> = {
  /** The change waiting for confirmation in the dialog. */
  asking: C | undefined;
  ask: (change: C) => void;
  cancel: () => void;
  confirm: () => void;
  isPending: (key: string) => boolean;
  notice: NoticeValue | undefined;
};

export function useChangeFlow<C>({
  keyOf,
  run,
  refresh,
}: {
  keyOf: (change: C) => string;
  run: (change: C) => Promise<ActionResult>;
  /**
   * Re-reads CF's state (e.g. SWR's mutate), awaited. Without it the page is
   * refreshed from the server, in one transition with the end of the pending
   * state, so the new state and the released control show up together.
   */
  refresh?: () => Promise<unknown>;
}): ChangeFlow<C> {
  const router = useRouter();
  const [asking, setAsking] = useState<C>();
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<NoticeValue>();
  const [, startTransition] = useTransition();
  // The control that opened the dialog, and those of changes still saving, to give focus back to.
  const opener = useRef<FocusTarget | null>(null);
  const returning = useRef(new Map<string, FocusTarget | null>());

  // A change has left "saving" (its control is enabled again): focus goes back to it.
  useEffect(() => {
    for (const [key, target] of returning.current) {
      if (pending.has(key)) continue;
      returning.current.delete(key);
      afterPaint(() => returnFocus(target));
    }
  }, [pending]);

  const done = (key: string) =>
    setPending((current) => {
      const next = new Set(current);
      next.delete(key);
      return next;
    });

  async function runAndRefresh(change: C, key: string) {
    let result: { ok: boolean; message: string };
    try {
      result = await run(change);
    } catch {
      // The action itself never throws (lib/actions): this is the network or the server going away.
      result = { ok: false, message: MESSAGES.offline };
    }
    setNotice({ ok: result.ok, text: result.message });
    if (!refresh) {
      startTransition(() => {
        router.refresh();
        done(key);
      });
      return;
    }
    try {
      await refresh();
    } catch {
      // The page keeps the last state it loaded; the notice says what happened.
    } finally {
      done(key);
    }
  }

  return {
    asking,
    ask: (change) => {
      opener.current = focusOpener();
      setAsking(change);
    },
    cancel: () => {
      const target = opener.current;
      setAsking(undefined);
      afterPaint(() => returnFocus(target));
    },
    confirm: () => {
      const change = asking;
      if (change === undefined) return;
      const key = keyOf(change);
      returning.current.set(key, opener.current);
      setAsking(undefined);
      setPending((current) => new Set(current).add(key));
      startTransition(() => runAndRefresh(change, key));
    },
    isPending: (key) => pending.has(key),
    notice,
  };
}
