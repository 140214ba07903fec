"use client";

import { useId, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { rowsOfText, textOfRows, type RulesDraft } from "@/lib/changes/rule-rows";
import { RuleRefusals } from "./rule-refusals";
import { RuleRows } from "./rule-rows";
import { typedRules } from "./typed-rules";

/** A rule the engine cannot read, numbered from 1 (the preview's `problems`). */
export type RuleProblemView = { rule: number; field: string; reason: string };

/**
 * A group's rules, as rows or as the JSON `cf update-security-group` reads (docs/design.md §13):
 * both edit the same array (`lib/changes/rule-rows.ts`), and the draft says which view is open.
 * Controlled: `onChange` gets every edit (the owner discards its preview) and every switch of view.
 * `fieldErrors` are the actions' (`rules`, and `rules.<index from 0>` under that rule, CF's 422
 * or the rows' own check); `problems` the rules the engine cannot read, also under their rule.
 * A JSON that cannot be shown as rows keeps the JSON open and says why.
 */
export function RulesEditor({
  draft,
  onChange,
  fieldErrors,
  problems = [],
  command = "cf update-security-group",
  hint = "An array of rules: add, change or remove one, then preview. The rules are replaced as a whole.",
}: {
  draft: RulesDraft;
  /** "switch" when only the view changed: the same rules, shown the other way. */
  onChange: (draft: RulesDraft, how: "edit" | "switch") => void;
  fieldErrors: Record<string, string[]>;
  problems?: readonly RuleProblemView[];
  /** The cf command whose file the JSON is, named in the JSON's label. */
  command?: string;
  /** The sentence under the JSON's label. */
  hint?: string;
}) {
  const id = useId();
  const [switchErrors, setSwitchErrors] = useState<string[]>([]);
  const general = [...switchErrors, ...(fieldErrors.rules ?? [])];
  const generalId = `${id}-rules-errors`;

  const toRows = () => {
    if (draft.mode !== "json") return;
    const rows = rowsOfText(draft.text);
    setSwitchErrors(rows.ok ? [] : rows.errors);
    if (rows.ok) onChange({ mode: "rows", rows: rows.rows }, "switch");
  };
  const toJson = () => {
    if (draft.mode === "rows") onChange({ mode: "json", text: textOfRows(draft.rows) }, "switch");
  };
  const errorsOf = (index: number) => [
    ...(fieldErrors[`rules.${index}`] ?? []),
    ...problems
      .filter((p) => p.rule === index + 1)
      .map((p) => `The dashboard cannot read its ${p.field}: ${p.reason}`),
  ];

  return (
    <div className="max-w-5xl space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <span className="font-semibold">
          {draft.mode === "rows" ? "Rules, one per row" : "Rules as JSON"}
        </span>
        <button
          type="button"
          onClick={draft.mode === "rows" ? toJson : toRows}
          className={buttonClass("secondary", "", "compact")}
        >
          {draft.mode === "rows" ? "Edit as JSON" : "Edit as rows"}
        </button>
      </div>
      {draft.mode === "rows" ? (
        <RuleRows
          rows={draft.rows}
          idPrefix={id}
          errorsOf={errorsOf}
          onChange={(rows) => onChange({ mode: "rows", rows }, "edit")}
        />
      ) : (
        <div className="space-y-1">
          <label htmlFor={`${id}-rules`} className="block font-semibold">
            Rules (JSON, as {command} takes them)
          </label>
          <p id={`${id}-rules-hint`} className="text-sm text-base-darker">
            {hint}
          </p>
          <textarea
            id={`${id}-rules`}
            value={draft.text}
            onChange={(event) => {
              setSwitchErrors([]);
              onChange({ mode: "json", text: event.target.value }, "edit");
            }}
            rows={Math.min(24, Math.max(6, draft.text.split("\n").length + 1))}
            spellCheck={false}
            aria-describedby={`${id}-rules-hint${general.length > 0 ? ` ${generalId}` : ""}`}
            aria-invalid={general.length > 0 || undefined}
            className="w-full max-w-4xl rounded border border-base-dark p-2 font-mono text-sm"
          />
        </div>
      )}
      {general.length > 0 && (
        // An alert when a switch to rows was refused, so the reason is heard where focus stayed (the button).
        <div id={generalId} role={switchErrors.length > 0 ? "alert" : undefined}>
          <ul className="list-disc pl-6 text-error-dark">
            {general.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      {draft.mode === "json" && <RuleRefusals rules={typedRules(draft.text)} fieldErrors={fieldErrors} />}
    </div>
  );
}
