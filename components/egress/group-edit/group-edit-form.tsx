"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice, type NoticeValue } from "@/components/ui/notice";
import type { Action } from "@/lib/actions/result";
import type { GroupEditInput } from "@/lib/changes/group-edit-inputs";
import { openingDraft, textOfDraft, type RulesDraft } from "@/lib/changes/rule-rows";
import type { GroupEditView } from "@/lib/view-models/group-edit";
import { GroupEditPreview } from "./group-edit-preview";
import {
  incompleteRulesMessage,
  PlatformWideFlagsFieldset,
  type PlatformWideFlags,
} from "./platform-wide-flags";
import { RulesEditor } from "./rules-editor";

/**
 * "Edit rules" on a group's page, for platform admins (docs/design.md §13): the rules, one per row
 * or as the JSON `cf update-security-group` takes (`RulesEditor`), and the platform-wide flags; "Preview" shows what opens and
 * closes across the foundation, and only a previewed edit can be saved. Any change to the form
 * discards the preview, so what is saved is always what was previewed.
 */
export function GroupEditForm({
  groupGuid,
  groupName,
  rules,
  global,
  preview,
  apply,
}: {
  groupGuid: string;
  groupName: string;
  rules: string;
  global: PlatformWideFlags;
  preview: Action<GroupEditInput, { view: GroupEditView }>;
  apply: Action<GroupEditInput>;
}) {
  const [draft, setDraft] = useState<RulesDraft>(() => openingDraft(rules));
  const [flags, setFlags] = useState<PlatformWideFlags>(global);
  const [view, setView] = useState<GroupEditView | null>(null);
  const [notice, setNotice] = useState<NoticeValue>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();

  /** The actions' argument, or, when a row is incomplete, its problems shown under it and nothing sent. */
  const input = (): GroupEditInput | null => {
    const text = textOfDraft(draft);
    if (!text.ok) {
      setFieldErrors(text.fieldErrors);
      setView(null);
      setNotice({ ok: false, text: incompleteRulesMessage(text.fieldErrors) });
      return null;
    }
    return {
      groupGuid,
      rules: text.text,
      globallyEnabled: { running: flags.running, staging: flags.staging },
    };
  };
  const edited = () => {
    setView(null);
    setNotice(undefined);
    setFieldErrors({});
  };

  const onPreview = () => {
    const args = input();
    if (!args) return;
    startTransition(async () => {
      const result = await preview(args);
      setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
      setView(result.ok ? result.view : null);
      setNotice(result.ok ? { ok: true, text: result.message } : { ok: false, text: result.message });
    });
  };
  const onApply = () => {
    const args = input();
    if (!args) return;
    startTransition(async () => {
      const result = await apply(args);
      setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
      if (result.ok) setView(null);
      setNotice({ ok: result.ok, text: result.message });
    });
  };

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        onPreview();
      }}
    >
      <RulesEditor
        draft={draft}
        onChange={(next, how) => {
          setDraft(next);
          // A switch of view keeps the array, so the preview (and CF's refusal) still holds.
          if (how === "edit") edited();
        }}
        fieldErrors={fieldErrors}
        problems={view?.problems ?? []}
      />
      <PlatformWideFlagsFieldset
        flags={flags}
        onChange={(next) => {
          setFlags(next);
          edited();
        }}
      />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          Preview
        </Button>
        {view?.changed && (
          <Button type="button" onClick={onApply} disabled={pending}>
            Save {groupName}
          </Button>
        )}
      </div>
      <Notice notice={notice} />
      {view && <GroupEditPreview view={view} group={groupName} />}
    </form>
  );
}
