"use client";

import { useEffect, useRef } from "react";
import { buttonClass } from "@/components/ui/button";
import { emptyRow, type RuleRow as Row } from "@/lib/changes/rule-rows";
import { RuleRow } from "./rule-row";

/**
 * The rules as rows (docs/design.md §13): one fieldset per rule, a button to add one and one per
 * rule to remove it. Focus follows the keyboard user: to a new rule's protocol when it is added,
 * and on removal to the rule that took its place, else the one before, else "Add a rule".
 */
export function RuleRows({
  rows,
  idPrefix,
  errorsOf,
  onChange,
}: {
  rows: readonly Row[];
  idPrefix: string;
  /** What to show under the rule at this index (from 0). */
  errorsOf: (index: number) => string[];
  onChange: (rows: Row[]) => void;
}) {
  const added = useRef(0);
  // The id to focus once the rows it names are rendered: set with the change, used after the commit.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (focusNext.current === null) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const addId = `${idPrefix}-add`;
  const add = () => {
    added.current += 1;
    const row = emptyRow(`new-${added.current}`);
    focusNext.current = `${idPrefix}-${row.key}-protocol`;
    onChange([...rows, row]);
  };
  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    const neighbour = next[index] ?? next[index - 1];
    focusNext.current = neighbour ? `${idPrefix}-${neighbour.key}-protocol` : addId;
    onChange(next);
  };

  return (
    <div className="space-y-3">
      {rows.length === 0 ? (
        <p className="text-base-darker">
          No rules: saved so, the group allows no traffic. Add a rule, or save it empty.
        </p>
      ) : (
        <ol className="space-y-3" aria-label="Rules, one per row">
          {rows.map((row, index) => (
            <li key={row.key}>
              <RuleRow
                row={row}
                number={index + 1}
                idPrefix={idPrefix}
                errors={errorsOf(index)}
                onChange={(changed) => onChange(rows.map((r, i) => (i === index ? changed : r)))}
                onRemove={() => remove(index)}
              />
            </li>
          ))}
        </ol>
      )}
      <button id={addId} type="button" onClick={add} className={buttonClass("secondary", "", "compact")}>
        Add a rule
      </button>
    </div>
  );
}
