"use client";

import { useState, useTransition } from "react";
import type { NoticeValue } from "@/components/ui/notice";
import { textOfDraft, type RulesDraft } from "@/lib/changes/rule-rows";
import type { Action } from "@/lib/actions/result";
import { incompleteRulesMessage } from "./platform-wide-flags";

/**
 * The state of a group form whose write follows a preview (docs/design.md §13): the preview's view,
 * the notice, field errors (the actions' and incomplete rows') and the pending flag. `input` builds
 * the actions' argument from the rules' JSON, or nothing is sent while a row is incomplete; `edited`
 * discards the preview, so what is written is what was previewed. Shared by the edit and create forms.
 */
export function usePreviewedAction<I, V, A extends object>({
  draft,
  input,
  preview,
  apply,
  onApplied,
}: {
  draft: RulesDraft;
  input: (rulesJson: string) => I;
  preview: Action<I, { view: V }>;
  apply: Action<I, A>;
  onApplied?: (result: A) => void;
}) {
  const [view, setView] = useState<V | null>(null);
  const [notice, setNotice] = useState<NoticeValue>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();

  const args = (): I | null => {
    const text = textOfDraft(draft);
    if (text.ok) return input(text.text);
    setFieldErrors(text.fieldErrors);
    setView(null);
    setNotice({ ok: false, text: incompleteRulesMessage(text.fieldErrors) });
    return null;
  };

  return {
    view,
    notice,
    fieldErrors,
    pending,
    edited: () => {
      setView(null);
      setNotice(undefined);
      setFieldErrors({});
    },
    onPreview: () => {
      const sent = args();
      if (sent === null) return;
      startTransition(async () => {
        const result = await preview(sent);
        setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
        setView(result.ok ? result.view : null);
        setNotice({ ok: result.ok, text: result.message });
      });
    },
    onApply: () => {
      const sent = args();
      if (sent === null) return;
      startTransition(async () => {
        const result = await apply(sent);
        setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
        if (result.ok) {
          setView(null);
          onApplied?.(result);
        }
        setNotice({ ok: result.ok, text: result.message });
      });
    },
  };
}
