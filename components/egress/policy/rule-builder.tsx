"use client";

import { useId, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { Requirement } from "@/lib/policy";

/**
 * Adds a rule to the policy's JSON without writing JSON: a pattern, a
 * requirement picked from a list in words, an optional note. It edits the
 * editor's text (which stays the one thing the form posts), so it needs
 * JavaScript and is drawn only once the page runs it.
 */

export type RequirementOption = { label: string; requirement: Requirement };

const subscribe = () => () => undefined;

type Document = { rules?: unknown[]; default?: unknown; [key: string]: unknown };

export function RuleBuilder({
  read,
  write,
  options,
}: {
  /** The editor's current text, and a way to replace it. */
  read: () => string;
  write: (text: string) => void;
  options: RequirementOption[];
}) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const id = useId();
  const [spaces, setSpaces] = useState("");
  const [choice, setChoice] = useState(0);
  const [note, setNote] = useState("");
  const [where, setWhere] = useState<"rule" | "default">("rule");
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  if (!hydrated) return null;

  function add() {
    const option = options[choice];
    if (!option) return;
    if (where === "rule" && spaces.trim() === "") {
      setMessage({ ok: false, text: "Name the spaces the rule covers, e.g. sandbox* or prod." });
      return;
    }
    let document: Document;
    try {
      const parsed = JSON.parse(read() || "{}") as unknown;
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        throw new Error("not an object");
      document = parsed as Document;
    } catch {
      setMessage({
        ok: false,
        text: "The policy above is not valid JSON yet: fix it first, then add the rule.",
      });
      return;
    }
    const rules = Array.isArray(document.rules) ? document.rules : [];
    const next: Document =
      where === "default"
        ? { version: 1, ...document, rules, default: option.requirement }
        : {
            version: 1,
            ...document,
            rules: [
              ...rules,
              {
                spaces: spaces.trim(),
                require: option.requirement,
                ...(note.trim() ? { note: note.trim() } : {}),
              },
            ],
          };
    write(JSON.stringify(next, null, 2));
    setMessage({
      ok: true,
      text:
        where === "default"
          ? `The default is now: other spaces ${option.label}. Save the policy to keep it.`
          : `Added rule ${next.rules?.length ?? 0}: ${spaces.trim()} ${option.label}. Save the policy to keep it.`,
    });
    setSpaces("");
    setNote("");
  }

  const input = "mt-1 block min-h-11 rounded border-2 border-base-dark px-3";
  return (
    <fieldset className="max-w-3xl space-y-3 rounded border border-base-lighter p-4">
      <legend className="px-1 text-lg font-bold">Add a rule without writing JSON</legend>
      <div className="flex flex-wrap items-end gap-4">
        <Select
          label="Add as"
          value={where}
          onChange={(e) => setWhere(e.target.value === "default" ? "default" : "rule")}
          options={[
            { value: "rule", label: "the last rule" },
            { value: "default", label: "the default" },
          ]}
        />
        {where === "rule" && (
          <div>
            <label htmlFor={`${id}-spaces`} className="font-semibold">
              Spaces (pattern)
            </label>
            <input
              id={`${id}-spaces`}
              value={spaces}
              onChange={(e) => setSpaces(e.target.value)}
              spellCheck={false}
              autoComplete="off"
              className={`${input} w-48 font-mono`}
            />
          </div>
        )}
        <Select
          label="Requirement"
          value={String(choice)}
          onChange={(e) => setChoice(Number(e.target.value))}
          options={options.map((option, index) => ({ value: String(index), label: option.label }))}
        />
        {where === "rule" && (
          <div>
            <label htmlFor={`${id}-note`} className="font-semibold">
              Note (optional)
            </label>
            <input
              id={`${id}-note`}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              className={`${input} w-64`}
            />
          </div>
        )}
        <Button variant="secondary" onClick={add}>
          {where === "default" ? "Set the default" : "Add the rule"}
        </Button>
      </div>
      <div aria-live="polite">
        {message && (
          <p
            role={message.ok ? "status" : "alert"}
            className={message.ok ? "text-success-darker" : "text-error-dark"}
          >
            {message.text}
          </p>
        )}
      </div>
    </fieldset>
  );
}
