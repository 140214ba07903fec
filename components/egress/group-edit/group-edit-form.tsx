"use client";

import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice, type NoticeValue } from "@/components/ui/notice";
import type { Action } from "@/lib/actions/result";
import type { GroupEditInput } from "@/lib/changes/group-edit-inputs";
import type { GroupEditView } from "@/lib/view-models/group-edit";
import { GroupEditPreview } from "./group-edit-preview";
import { RuleRefusals } from "./rule-refusals";
import { typedRules } from "./typed-rules";

type Flags = { running: boolean; staging: boolean };

/**
 * "Edit rules" on a group's page, for platform admins (docs/design.md §13): the rules as JSON, as
 * `cf update-security-group` takes them, and the platform-wide flags; "Preview" shows what opens and
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
  global: Flags;
  preview: Action<GroupEditInput, { view: GroupEditView }>;
  apply: Action<GroupEditInput>;
}) {
  const id = useId();
  const [text, setText] = useState(rules);
  const [flags, setFlags] = useState<Flags>(global);
  const [view, setView] = useState<GroupEditView | null>(null);
  const [notice, setNotice] = useState<NoticeValue>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();

  const input = (): GroupEditInput => ({
    groupGuid,
    rules: text,
    globallyEnabled: { running: flags.running, staging: flags.staging },
  });
  const edited = () => {
    setView(null);
    setNotice(undefined);
    setFieldErrors({});
  };

  const onPreview = () =>
    startTransition(async () => {
      const result = await preview(input());
      setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
      setView(result.ok ? result.view : null);
      setNotice(result.ok ? { ok: true, text: result.message } : { ok: false, text: result.message });
    });
  const onApply = () =>
    startTransition(async () => {
      const result = await apply(input());
      setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
      if (result.ok) setView(null);
      setNotice({ ok: result.ok, text: result.message });
    });

  const rulesErrors = fieldErrors.rules ?? [];
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        onPreview();
      }}
    >
      <div className="space-y-1">
        <label htmlFor={`${id}-rules`} className="block font-semibold">
          Rules (JSON, as cf update-security-group takes them)
        </label>
        <p id={`${id}-rules-hint`} className="text-sm text-base-darker">
          An array of rules: add, change or remove one, then preview. The rules are replaced as a whole.
        </p>
        <textarea
          id={`${id}-rules`}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            edited();
          }}
          rows={Math.min(24, Math.max(6, text.split("\n").length + 1))}
          spellCheck={false}
          aria-describedby={`${id}-rules-hint${rulesErrors.length > 0 ? ` ${id}-rules-errors` : ""}`}
          aria-invalid={rulesErrors.length > 0 || undefined}
          className="w-full max-w-4xl rounded border border-base-dark p-2 font-mono text-sm"
        />
        {rulesErrors.length > 0 && (
          <ul id={`${id}-rules-errors`} className="list-disc pl-6 text-error-dark">
            {rulesErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
        <RuleRefusals rules={typedRules(text)} fieldErrors={fieldErrors} />
      </div>
      <fieldset className="space-y-1">
        <legend className="font-semibold">Platform-wide (every space of the foundation)</legend>
        {(["running", "staging"] as const).map((lifecycle) => (
          <label key={lifecycle} className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={flags[lifecycle]}
              onChange={(event) => {
                setFlags({ ...flags, [lifecycle]: event.target.checked });
                edited();
              }}
            />
            Enabled for {lifecycle}
          </label>
        ))}
      </fieldset>
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
