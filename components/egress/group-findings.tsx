import { CircleAlert, Info, TriangleAlert } from "lucide-react";
import { countBySeverity, type Finding, type Severity } from "@/lib/egress/lint";

/**
 * Group lint's findings (docs/design.md §13), each with its severity in words
 * (never by colour alone), its sentence and its fix.
 */

const LOOK: Record<Severity, { label: string; Icon: typeof Info; className: string }> = {
  error: { label: "Error", Icon: CircleAlert, className: "border-error bg-error-lighter" },
  warning: { label: "Warning", Icon: TriangleAlert, className: "border-warning bg-warning-lighter" },
  info: { label: "Info", Icon: Info, className: "border-info bg-info-lighter" },
};

export function FindingsList({ findings, label }: { findings: readonly Finding[]; label: string }) {
  return (
    <ul aria-label={label} className="space-y-2">
      {findings.map((finding, index) => {
        const { label: severity, Icon, className } = LOOK[finding.severity];
        return (
          <li
            key={`${finding.kind}-${finding.ruleIndex ?? "group"}-${index}`}
            className={`flex gap-3 border-l-8 px-4 py-2 ${className}`}
          >
            <Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
            <div>
              <p>
                <strong>{severity}:</strong> {finding.sentence}
              </p>
              <p className="text-sm">
                <strong>Fix:</strong> {finding.fix}
              </p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

const NOUN: Record<Severity, [string, string]> = {
  error: ["error", "errors"],
  warning: ["warning", "warnings"],
  info: ["info", "info"],
};

/** "1 error, 2 info": the count beside a group in the list. */
export function findingsSummary(findings: readonly Finding[]): string {
  if (findings.length === 0) return "None";
  const counts = countBySeverity(findings);
  return (Object.keys(counts) as Severity[])
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${NOUN[s][counts[s] === 1 ? 0 : 1]}`)
    .join(", ");
}
