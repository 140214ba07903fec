import type { ChainRefs, HistoryEntry, PolicyEntry, UserRef, WatchEvent } from "@/lib/db/types";
import { ruleChangesWords } from "@/lib/db/rule-drift-words";
import { complianceOver } from "./compliance-timeline";
import {
  REPORT_SCHEMA,
  type Actor,
  type Cited,
  type ComplianceReport,
  type ReportInput,
} from "./compliance-report-types";

export { REPORT_SCHEMA, type ComplianceReport, type ReportInput };

/**
 * The compliance report of an org over a period (docs/design.md §12, "Evidence"), as JSON; the CSV
 * is written from the same object (./compliance-report-csv.ts), so the two cannot disagree. Pure.
 *
 * Its schema is `egress-dashboard/compliance-report@1`; fields are only ever added under that
 * name, and a change to a field's meaning gets @2. Times are ISO 8601 UTC. Every entry and event
 * cites its record in the history's hash chain (`chain`: the record's number and hash, and its
 * latest outcome's), and `chain` at the top names the chain's last record when the report was made
 * and the first and last records cited, so an auditor can tie the report to `npm run history:verify`.
 */

const iso = (ms: number) => new Date(ms).toISOString();
const actor = (user: UserRef): Actor => ({ guid: user.guid, name: user.name });

function cite(refs: ChainRefs | undefined): Cited {
  if (!refs) return null;
  const own = { record: refs.record.seq, hash: refs.record.hash };
  return refs.outcome ? { ...own, outcome_record: refs.outcome.seq, outcome_hash: refs.outcome.hash } : own;
}

export function whatChanged(entry: HistoryEntry): string {
  switch (entry.kind) {
    case "change":
      return `${entry.action === "bind" ? "bound" : "unbound"} ${entry.group.name} (${entry.lifecycle})`;
    case "segment":
      return `moved to ${entry.to?.name ?? "the org's default segment"} from ${entry.from?.name ?? "the org's default segment"}`;
    case "drift":
      return entry.changes.map((c) => `${c.groupName} ${c.change} (${c.lifecycle})`).join(", ");
    case "group":
      return `${entry.details.created ? "created" : "edited"} security group ${entry.group.name}`;
    case "rule-drift":
      return `the rules of security group ${entry.group.name} changed outside the dashboard: ${ruleChangesWords(entry.changes)}`;
    case "policy":
    case "request":
      return entry.message ?? entry.kind;
  }
}

function causeOf(event: WatchEvent): string {
  const cause = event.cause;
  if (cause.kind === "policy") return `policy version ${cause.version}`;
  if (cause.kind === "new-space") return "a new space";
  if (cause.kind === "unknown") return "unknown";
  return `${cause.kind} ${cause.entryId}: ${cause.summary}`;
}

export function buildComplianceReport(input: ReportInput): ComplianceReport {
  const { period, generatedAt, chain } = input;
  const nameOf = new Map(input.spaces.map((s) => [s.guid, s.name]));
  const space = (guid: string, fallback: string) => ({ guid, name: nameOf.get(guid) ?? fallback });
  const readable = (e: { spaceGuid: string }) => nameOf.has(e.spaceGuid);
  const inPeriod = (t: number) => t >= period.fromMs && t <= period.toMs;
  const entries = [...input.entries].sort((a, b) => a.occurredAt - b.occurredAt || a.id - b.id);
  const events = [...input.events.before, ...input.events.since]
    .filter(readable)
    .sort((a, b) => a.occurredAt - b.occurredAt || a.id - b.id);
  const periodEvents = events.filter((e) => inPeriod(e.occurredAt));
  const citeEntry = (id: number) => cite(chain.entries.get(id));

  const changes = entries.flatMap((e): ComplianceReport["changes"] =>
    e.kind === "change" || e.kind === "segment"
      ? [
          {
            entry_id: e.id,
            time: iso(e.occurredAt),
            kind: e.kind,
            space: space(e.spaceGuid, e.spaceName),
            actor: actor(e.user),
            what: whatChanged(e),
            outcome: e.outcome,
            settled_by: e.kind === "change" ? (e.settled?.by ?? null) : null,
            message: e.message,
            chain: citeEntry(e.id),
          },
        ]
      : e.kind === "group"
        ? [
            {
              entry_id: e.id,
              time: iso(e.occurredAt),
              kind: e.kind,
              // A group edit is the whole org's (design §13): no one space.
              space: null,
              actor: actor(e.user),
              what: whatChanged(e),
              outcome: e.outcome,
              settled_by: null,
              message: e.message,
              chain: citeEntry(e.id),
            },
          ]
        : [],
  );
  const drifts = entries.flatMap((e): ComplianceReport["drifts"] => {
    const base = { entry_id: e.id, detected_at: iso(e.occurredAt) };
    if (e.kind === "drift")
      return [
        {
          ...base,
          space: space(e.spaceGuid, e.spaceName),
          window: { from: iso(e.from), to: iso(e.to) },
          changes: e.changes.map((c) => ({ group: c.groupName, lifecycle: c.lifecycle, change: c.change })),
          chain: citeEntry(e.id),
        },
      ];
    // A group's rules changed outside the dashboard: the whole org's drift, as a group edit is its change.
    if (e.kind === "rule-drift")
      return [
        {
          ...base,
          space: null,
          window: { from: iso(e.from), to: iso(e.to) },
          changes: [],
          group: { guid: e.group.guid, name: e.group.name },
          rules: e.changes,
          chain: citeEntry(e.id),
        },
      ];
    return [];
  });
  const policyOf = (e: PolicyEntry) => ({
    entry_id: e.id,
    time: iso(e.occurredAt),
    actor: actor(e.user),
    message: e.message,
    chain: citeEntry(e.id),
  });

  const spaces = input.spaces.map((s) => {
    const own = events.filter((e) => e.spaceGuid === s.guid);
    const standing = input.standings.get(s.guid);
    const compliance = complianceOver(own, standing, period, generatedAt);
    const timeline = [
      ...entries
        .filter(
          (e) =>
            e.kind !== "policy" &&
            e.kind !== "request" &&
            e.kind !== "group" &&
            e.kind !== "rule-drift" &&
            e.spaceGuid === s.guid,
        )
        .map((e) => ({ at: e.occurredAt, kind: e.kind, summary: whatChanged(e), entry_id: e.id })),
      ...periodEvents
        .filter((e) => e.spaceGuid === s.guid)
        .map((e) => ({ at: e.occurredAt, kind: e.kind, summary: e.reasons.join("; "), event_id: e.id })),
    ].sort((a, b) => a.at - b.at);
    return {
      guid: s.guid,
      name: s.name,
      compliance: {
        at_start: compliance.atStart,
        at_end: compliance.atEnd,
        time_in_violation_ms: compliance.violatingMs,
        violations: compliance.violations.map((v) => ({
          began: v.began === null ? null : iso(v.began),
          ended: v.ended === null ? null : iso(v.ended),
          rule: v.rule,
          reasons: v.reasons,
        })),
      },
      standing_now: standing
        ? {
            verdict: standing.verdict,
            rule: standing.rule,
            reasons: standing.reasons,
            judged_at: iso(standing.judgedAt),
          }
        : null,
      timeline: timeline.map(({ at, ...rest }) => ({ time: iso(at), ...rest })),
    };
  });

  const reportEvents = periodEvents.map((e) => ({
    event_id: e.id,
    time: iso(e.occurredAt),
    kind: e.kind,
    space: space(e.spaceGuid, e.spaceName),
    rule: e.rule,
    reasons: e.reasons,
    cause: causeOf(e),
    window: { from: e.windowFrom === null ? null : iso(e.windowFrom), to: iso(e.windowTo) },
    chain: cite(chain.events.get(e.id)),
  }));
  const policyEdits = entries.filter((e): e is PolicyEntry => e.kind === "policy").map(policyOf);
  const cited = [...changes, ...drifts, ...policyEdits, ...reportEvents]
    .flatMap((item) => (item.chain ? [item.chain] : []))
    .flatMap((c) => [
      { record: c.record, hash: c.hash },
      ...(c.outcome_record !== undefined && c.outcome_hash
        ? [{ record: c.outcome_record, hash: c.outcome_hash }]
        : []),
    ])
    .sort((a, b) => a.record - b.record);

  return {
    schema: REPORT_SCHEMA,
    generated_at: iso(generatedAt),
    org: input.org,
    period: { from: period.from, to: period.to, from_time: iso(period.fromMs), to_time: iso(period.toMs) },
    complete: input.complete,
    chain: {
      head: { record: chain.head.seq, hash: chain.head.hash },
      first_cited: cited[0] ?? null,
      last_cited: cited.at(-1) ?? null,
      records_cited: cited.length,
    },
    policy: {
      in_force_at_start: input.policyAtStart ? policyOf(input.policyAtStart) : null,
      edits: policyEdits,
    },
    spaces,
    changes,
    drifts,
    events: reportEvents,
  };
}
