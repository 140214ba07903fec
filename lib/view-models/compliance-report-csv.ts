import { ruleChangesWords } from "@/lib/db/rule-drift-words";
import type { Cited, ComplianceReport } from "./compliance-report-types";

/**
 * The compliance report as CSV rows, written from the JSON report (./compliance-report.ts) so the
 * two say the same. One table, one row per fact; `record` says what the row is:
 *
 *   report, policy-at-start, policy-edit, space, violation, change, drift, event
 *
 * with the columns below. `chain_record` and `chain_hash` cite the row's record in the history's
 * hash chain (for `report`: the chain's last record when the report was made).
 */

export const REPORT_CSV_COLUMNS = [
  "record",
  "time",
  "space",
  "actor",
  "what",
  "outcome",
  "window_from",
  "window_to",
  "id",
  "chain_record",
  "chain_hash",
] as const;

type Row = Partial<Record<(typeof REPORT_CSV_COLUMNS)[number], string | number | null>>;

/** The chain record a row cites (empty cells when it cites none). */
const cited = (chain: Cited): Row => ({ chain_record: chain?.record, chain_hash: chain?.hash });

const duration = (ms: number) => {
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
};

export function complianceReportCsvRows(report: ComplianceReport): string[][] {
  const rows: Row[] = [
    {
      record: "report",
      time: report.generated_at,
      what: `Compliance report of ${report.org.name} from ${report.period.from} to ${report.period.to} (${report.schema})${report.complete ? "" : "; incomplete: more entries than one report holds"}`,
      chain_record: report.chain.head.record,
      chain_hash: report.chain.head.hash,
    },
  ];
  const policy = report.policy;
  // The policy in force when the period began and each edit within it are one kind of row.
  const policyRow = (record: string, p: NonNullable<typeof policy.in_force_at_start>): Row => ({
    record,
    time: p.time,
    actor: p.actor.name,
    what: p.message,
    id: p.entry_id,
    ...cited(p.chain),
  });
  if (policy.in_force_at_start) rows.push(policyRow("policy-at-start", policy.in_force_at_start));
  for (const p of policy.edits) rows.push(policyRow("policy-edit", p));
  for (const s of report.spaces) {
    const c = s.compliance;
    const violating = c.time_in_violation_ms === null ? "unknown" : duration(c.time_in_violation_ms);
    rows.push({
      record: "space",
      space: s.name,
      what: `at start: ${c.at_start}; at end: ${c.at_end}; in violation: ${violating}`,
    });
    for (const v of c.violations) {
      rows.push({
        record: "violation",
        time: v.began,
        space: s.name,
        what: `rule ${v.rule ?? "?"}: ${v.reasons.join("; ")}`,
        window_from: v.began,
        window_to: v.ended,
      });
    }
  }
  for (const c of report.changes) {
    const outcome = c.settled_by ? `${c.outcome} (settled by the ${c.settled_by})` : c.outcome;
    rows.push({
      record: "change",
      time: c.time,
      space: c.space?.name ?? "(whole org)",
      actor: c.actor.name,
      what: c.message ? `${c.what}: ${c.message}` : c.what,
      outcome,
      id: c.entry_id,
      ...cited(c.chain),
    });
  }
  for (const d of report.drifts) {
    rows.push({
      record: "drift",
      time: d.detected_at,
      space: d.space?.name ?? "(whole org)",
      actor: "actor unknown (outside the dashboard)",
      what:
        d.group && d.rules
          ? `the rules of security group ${d.group.name} changed: ${ruleChangesWords(d.rules)}`
          : d.changes.map((x) => `${x.group} ${x.change} (${x.lifecycle})`).join(", "),
      window_from: d.window.from,
      window_to: d.window.to,
      id: d.entry_id,
      ...cited(d.chain),
    });
  }
  for (const e of report.events) {
    rows.push({
      record: "event",
      time: e.time,
      space: e.space.name,
      what: `${e.kind}: rule ${e.rule ?? "none"}; ${e.reasons.join("; ")} (cause: ${e.cause})`,
      window_from: e.window.from,
      window_to: e.window.to,
      id: e.event_id,
      ...cited(e.chain),
    });
  }
  return [
    [...REPORT_CSV_COLUMNS],
    ...rows.map((row) => REPORT_CSV_COLUMNS.map((column) => String(row[column] ?? ""))),
  ];
}
