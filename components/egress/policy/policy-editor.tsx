"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/actions/define-action";
import type { PolicyWarning } from "@/lib/policy";
import { pathWords, problemsOf, type SavedPolicy } from "@/lib/view-models/policy-editor";
import { RuleBuilder, type RequirementOption } from "./rule-builder";

/**
 * The org manager's policy editor (docs/design.md §10): the policy as JSON in a
 * textarea, posted with the revision the page showed. A plain `<form action>`
 * with useActionState, so it works without JavaScript: the server answers
 * with the field errors next to the text the user typed, kept. With
 * JavaScript the submission goes through onSubmit, so React does not reset
 * the textarea after the action. Warnings (a rule that matches no space yet)
 * never refuse a policy: they are shown after it is saved.
 */

export type PolicyFormState = FormState<SavedPolicy>;

const FIELD = "policy-json";

export function PolicyEditor({
  action,
  orgGuid,
  revision,
  text,
  warnings,
  options,
}: {
  action: (previous: PolicyFormState, data: FormData) => Promise<PolicyFormState>;
  orgGuid: string;
  /** The revision the page shows; 0 when the org has no policy yet. */
  revision: number;
  /** The stored policy as JSON text. */
  text: string;
  /** What is questionable in the stored policy now (a rule that matches no current space). */
  warnings: PolicyWarning[];
  /** The requirements this platform can express, in words, for the rule builder. */
  options: RequirementOption[];
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const resultRef = useRef<HTMLDivElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }

  useEffect(() => {
    if (state.status === "done") resultRef.current?.focus();
  }, [state]);

  const done = state.status === "done" ? state : null;
  const saved = done?.ok ? done : null;
  const failed = done && !done.ok ? done : null;
  const problems = problemsOf(failed?.fieldErrors);
  const typed = typeof failed?.values.policy === "string" ? failed.values.policy : undefined;
  const currentRevision = saved?.revision ?? revision;
  const shownWarnings = saved?.warnings ?? warnings;
  const described = ["policy-json-hint", problems.length > 0 ? "policy-json-errors" : ""].filter(Boolean);

  return (
    <div className="space-y-4">
      <div ref={resultRef} tabIndex={-1} className="space-y-3 focus:outline-none">
        {saved && (
          <div role="status" className="border-l-8 border-success bg-success-lighter px-4 py-3">
            <p className="font-bold">Policy saved</p>
            <p>{saved.message}</p>
          </div>
        )}
        {failed && (
          <div role="alert" className="border-l-8 border-error bg-error-lighter px-4 py-3">
            <p className="font-bold">The policy was not saved</p>
            <p>{failed.message}</p>
            {problems.length > 0 && <p>Everything you typed is still in the editor.</p>}
          </div>
        )}
      </div>

      {shownWarnings.length > 0 && (
        <div className="border-l-8 border-warning bg-warning-lighter px-4 py-3">
          <p className="font-bold">
            {shownWarnings.length === 1 ? "A warning" : `${shownWarnings.length} warnings`} (the policy is
            saved as it is)
          </p>
          <ul className="mt-1 list-disc pl-6">
            {shownWarnings.map((w) => (
              <li key={`${w.path}:${w.message}`}>
                {pathWords(w.path)}: {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}

      <form action={formAction} onSubmit={submit} noValidate className="space-y-3">
        <input type="hidden" name="orgGuid" value={orgGuid} />
        <input type="hidden" name="revision" value={currentRevision} />
        <label htmlFor={FIELD} className="block text-lg font-bold">
          Policy (JSON)
        </label>
        <p id="policy-json-hint" className="max-w-3xl text-base-dark">
          An ordered list of <code>rules</code>, each naming the spaces it covers by a pattern (<code>*</code>{" "}
          any characters, <code>?</code> one, <code>[abc]</code>, <code>{"{a,b}"}</code>; case does not
          matter) and what they <code>require</code>: a <code>posture</code> (closed, trusted-local, public,
          both), a <code>profile</code> that must be <code>present</code> or not, or a{" "}
          <code>destination</code> that must be <code>reachable</code> or not. The first rule that matches a
          space decides; <code>default</code> (or null) decides for the others. Saving writes revision{" "}
          {currentRevision + 1}; if someone saves first, yours is refused rather than overwriting theirs.
        </p>
        {problems.length > 0 && (
          <ul id="policy-json-errors" className="list-disc space-y-1 pl-6 font-semibold text-error-dark">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <textarea
          // A save brings the stored text back (normalised); a refusal keeps what was typed.
          key={`text-${currentRevision}`}
          ref={textareaRef}
          id={FIELD}
          name="policy"
          rows={18}
          spellCheck={false}
          autoComplete="off"
          defaultValue={typed ?? saved?.document ?? text}
          aria-invalid={problems.length > 0 || undefined}
          aria-describedby={described.join(" ")}
          className="block w-full max-w-3xl rounded border-2 border-base-dark p-3 font-mono text-sm aria-invalid:border-error-dark"
        />
        <RuleBuilder
          // A save starts it afresh: its "Save the policy to keep it." is stale once the policy is saved.
          // Its key differs from the textarea's: siblings with one key are duplicated by React, and the
          // form then posted every textarea ever shown.
          key={`builder-${currentRevision}`}
          read={() => textareaRef.current?.value ?? ""}
          write={(value) => {
            if (textareaRef.current) textareaRef.current.value = value;
          }}
          options={options}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save policy"}
        </Button>
      </form>
    </div>
  );
}
