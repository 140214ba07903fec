import type { PolicyNote } from "@/lib/changes/change-preview";
import type { RuleRef } from "@/lib/policy/at-change";

/**
 * What the org's policy says of a change, in its dialog (docs/design.md §10):
 * a warning when the space would violate it (the rule by its number and its
 * words, as the policy page lists them, and the facts), a word when the
 * change brings the space into line. It never blocks: a person with the right
 * may still confirm.
 */

/** "Rule 1: sandbox* must be closed", or "Default: other spaces must be closed", as the policy page lists them. */
export function ruleHead(rule: RuleRef): string {
  return `${rule.rule === "default" ? "Default" : `Rule ${rule.rule}`}: ${rule.words}`;
}

/** The rule with its note: "Rule 1: sandbox* must be closed (sandboxes stay inside)". */
export function ruleWords(rule: RuleRef): string {
  return `${ruleHead(rule)}${rule.note ? ` (${rule.note})` : ""}`;
}

/** The rule as the policy page shows it: its words in bold, its note beside them. */
export function RuleText({ rule }: { rule: RuleRef }) {
  return (
    <>
      <span className="font-semibold">{ruleHead(rule)}</span>
      {rule.note && <span> ({rule.note})</span>}
    </>
  );
}

/** The note in one line, for a list of many spaces (the bulk dialog); null when there is nothing to say. */
export function policyLine(note: PolicyNote): string | null {
  switch (note.verdict) {
    case "violates":
      return `would violate the org's egress policy. ${ruleWords(note.rule)}. After the change: ${note.reasons.join("; ")}.`;
    case "still-violates":
      return `violates the org's egress policy, and still would. ${ruleWords(note.rule)}. After the change: ${note.reasons.join("; ")}.`;
    case "fixes":
      return `would comply with the org's egress policy again. ${ruleWords(note.rule)}.`;
    case "unknown":
      return note.message;
    case "complies":
    case "unjudged":
      return null;
  }
}

export function PolicyNoteView({ note, id }: { note: PolicyNote; id: string }) {
  switch (note.verdict) {
    case "violates":
    case "still-violates":
      return (
        <div id={id} className="space-y-1 border-l-8 border-warning bg-warning-lighter px-4 py-3">
          <h3 className="font-bold">
            {note.verdict === "violates"
              ? "This change would make the space violate the org's egress policy"
              : "The space violates the org's egress policy, and would still after this change"}
          </h3>
          <p>
            <RuleText rule={note.rule} />
          </p>
          <ul className="list-disc pl-6">
            {note.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          <p>You can still confirm it: the org page will show the space as violating the policy.</p>
        </div>
      );
    case "fixes":
      return (
        <p id={id} className="border-l-8 border-success bg-success-lighter px-4 py-3">
          This change brings the space into line with the org&apos;s egress policy:{" "}
          <RuleText rule={note.rule} />.
        </p>
      );
    case "unknown":
      return (
        <p id={id} className="border-l-8 border-info bg-info-lighter px-4 py-3">
          {note.message}
        </p>
      );
    case "complies":
    case "unjudged":
      return null;
  }
}
