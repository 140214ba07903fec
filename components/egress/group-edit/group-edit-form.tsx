"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { Action } from "@/lib/actions/result";
import type { GroupEditInput } from "@/lib/changes/group-edit-inputs";
import { openingDraft, type RulesDraft } from "@/lib/changes/rule-rows";
import type { GroupEditView } from "@/lib/view-models/group-edit";
import { GroupEditPreview } from "./group-edit-preview";
import { PlatformWideFlagsFieldset, type PlatformWideFlags } from "./platform-wide-flags";
import { RulesEditor } from "./rules-editor";
import { usePreviewedAction } from "./use-previewed-action";

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
  const { view, notice, fieldErrors, pending, edited, onPreview, onApply } = usePreviewedAction({
    draft,
    input: (rules): GroupEditInput => ({
      groupGuid,
      rules,
      globallyEnabled: { running: flags.running, staging: flags.staging },
    }),
    preview,
    apply,
  });

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
