"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { GroupEditPreview, type PreviewWords } from "@/components/egress/group-edit/group-edit-preview";
import {
  PlatformWideFlagsFieldset,
  type PlatformWideFlags,
} from "@/components/egress/group-edit/platform-wide-flags";
import { RulesEditor } from "@/components/egress/group-edit/rules-editor";
import { usePreviewedAction } from "@/components/egress/group-edit/use-previewed-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { Action } from "@/lib/actions/result";
import type { GroupCreateInput } from "@/lib/changes/group-create-inputs";
import { openingDraft, type RulesDraft } from "@/lib/changes/rule-rows";
import type { GroupCreateView } from "@/lib/view-models/group-create";

/** Messages under a field, referenced by the field's aria-describedby. */
function FieldErrors({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="list-disc pl-6 text-error-dark">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

/**
 * "New security group", for platform admins (docs/design.md §13): a name, the rules as rows or as the JSON
 * `cf create-security-group NAME FILE` reads (./../group-edit/rules-editor.tsx), and the platform-wide flags. "Preview" shows what
 * the group would open across the foundation; only a previewed group can be created, and any change
 * to the form discards the preview, so what is created is what was previewed.
 */
export function GroupCreateForm({
  preview,
  apply,
}: {
  preview: Action<GroupCreateInput, { view: GroupCreateView }>;
  apply: Action<GroupCreateInput, { guid: string | null }>;
}) {
  const id = useId();
  const [name, setName] = useState("");
  const [draft, setDraft] = useState<RulesDraft>(() => openingDraft("[]"));
  const [flags, setFlags] = useState<PlatformWideFlags>({ running: false, staging: false });
  const [created, setCreated] = useState<{ guid: string; name: string } | null>(null);
  const action = usePreviewedAction({
    draft,
    input: (rules): GroupCreateInput => ({ name, rules, globallyEnabled: flags }),
    preview,
    apply,
    onApplied: (result) => {
      if (result.guid) setCreated({ guid: result.guid, name });
    },
  });
  const { view, notice, fieldErrors, pending, onPreview, onApply } = action;
  const edited = () => {
    action.edited();
    setCreated(null);
  };

  const nameErrors = fieldErrors.name ?? [];
  const flagErrors = Object.entries(fieldErrors)
    .filter(([key]) => key.startsWith("globallyEnabled"))
    .flatMap(([, messages]) => messages);
  const words: PreviewWords = {
    title: "Preview: what creating this group opens across the foundation",
    nothing: view?.nothing ?? "",
    lint: "Group lint of the new group",
  };
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        onPreview();
      }}
    >
      <div className="space-y-1">
        <label htmlFor={`${id}-name`} className="block font-semibold">
          Name
        </label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            edited();
          }}
          maxLength={250}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={nameErrors.length > 0 ? `${id}-name-errors` : undefined}
          aria-invalid={nameErrors.length > 0 || undefined}
          className="w-full max-w-xl rounded border border-base-dark p-2 font-mono"
        />
        <FieldErrors id={`${id}-name-errors`} messages={nameErrors} />
      </div>
      <RulesEditor
        draft={draft}
        onChange={(next, how) => {
          setDraft(next);
          // A switch of view keeps the array, so the preview still holds.
          if (how === "edit") edited();
        }}
        fieldErrors={fieldErrors}
        problems={view?.problems ?? []}
        command="cf create-security-group"
        hint="An array of rules, each with a protocol and a destination (and ports for tcp and udp); [] for none."
      />
      <PlatformWideFlagsFieldset
        flags={flags}
        onChange={(next) => {
          setFlags(next);
          edited();
        }}
        errors={flagErrors}
      />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          Preview
        </Button>
        {view && (
          <Button type="button" onClick={onApply} disabled={pending}>
            Create {name}
          </Button>
        )}
      </div>
      <Notice notice={notice} />
      {created && (
        <p>
          <Link href={`/security-groups/${created.guid}`}>Open {created.name}</Link>
        </p>
      )}
      {view && <GroupEditPreview view={view} group={name} words={words} />}
    </form>
  );
}
