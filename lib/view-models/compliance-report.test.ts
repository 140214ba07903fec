import { describe, expect, it } from "vitest";
import type { ChangeEntry, DriftEntry, PolicyEntry, RuleDriftEntry, WatchEvent } from "@/lib/db/types";
import { buildComplianceReport, REPORT_SCHEMA, type ReportInput } from "./compliance-report";
import { complianceReportCsvRows, REPORT_CSV_COLUMNS } from "./compliance-report-csv";
import { complianceOver } from "./compliance-timeline";
import { csvText } from "./csv";
import { parseReportPeriod } from "./report-period";

const DAY = 86_400_000;
const NOW = Date.parse("2026-12-07T12:00:00.000Z");
const period = (search: string) => parseReportPeriod(new URLSearchParams(search), NOW);

describe("a compliance report's period", () => {
  it("defaults to the last 30 days, today included, and takes from and to as UTC days", () => {
    expect(period("")).toEqual({
      ok: true,
      period: {
        from: "2026-11-08",
        to: "2026-12-07",
        fromMs: Date.parse("2026-11-08T00:00:00.000Z"),
        toMs: Date.parse("2026-12-07T23:59:59.999Z"),
      },
    });
    expect(period("to=2026-01-31")).toMatchObject({
      ok: true,
      period: { from: "2026-01-02", to: "2026-01-31" },
    });
    expect(period("from=2026-12-01&to=2026-12-01")).toMatchObject({
      ok: true,
      period: { from: "2026-12-01" },
    });
  });

  it("refuses a period that is not one, saying why", () => {
    expect(period("from=2026-12-02&to=2026-12-01")).toEqual({
      ok: false,
      message: "from (2026-12-02) is after to (2026-12-01): the period is empty.",
    });
    expect(period("from=2024-01-01&to=2026-01-01")).toEqual({
      ok: false,
      message: "The period is 732 days; a report covers at most 366.",
    });
    expect(period("from=2026-02-31")).toEqual({ ok: false, message: "from: is not a real date" });
    expect(period("from=yesterday")).toEqual({
      ok: false,
      message: "from: must be a date such as 2026-11-30",
    });
    expect(period("from=2026-12-01&format=xml")).toMatchObject({ ok: false });
  });
});

const ORG = { guid: "o", name: "acme" };
const FROM = Date.parse("2026-12-01T00:00:00.000Z");
const P = { from: "2026-12-01", to: "2026-12-03", fromMs: FROM, toMs: FROM + 3 * DAY - 1 };

function event(id: number, kind: WatchEvent["kind"], at: number, spaceGuid = "s-dev"): WatchEvent {
  return {
    id,
    occurredAt: at,
    kind,
    orgGuid: "o",
    spaceGuid,
    spaceName: spaceGuid.slice(2),
    rule: "1",
    reasons: ["Public egress is on"],
    cause: { kind: "unknown" },
    windowFrom: at - 300_000,
    windowTo: at,
  };
}

describe("a space's compliance over a period", () => {
  it("starts from the last turn before the period and adds the time in violation within it", () => {
    const events = [
      event(1, "violation-began", FROM - DAY),
      event(2, "violation-ended", FROM + 2 * 3_600_000),
    ];
    expect(complianceOver(events, undefined, P, NOW)).toMatchObject({
      atStart: "violates",
      atEnd: "complies",
      violatingMs: 2 * 3_600_000,
      violations: [{ began: FROM - DAY, ended: FROM + 2 * 3_600_000, rule: "1" }],
    });
  });

  it("without turns, holds the standing now; never judged, unknown", () => {
    const standing = {
      spaceGuid: "s-dev",
      orgGuid: "o",
      spaceName: "dev",
      verdict: "complies" as const,
      rule: null,
      reasons: [],
      policyVersion: 1,
      judgedAt: NOW,
    };
    expect(complianceOver([], standing, P, NOW)).toMatchObject({
      atStart: "complies",
      atEnd: "complies",
      violatingMs: 0,
    });
    expect(complianceOver([], undefined, P, NOW)).toMatchObject({ atStart: "unknown", violatingMs: null });
    // A violation that began within the period and runs on past it.
    const open = complianceOver([event(3, "violation-began", P.toMs - 3_600_000)], undefined, P, NOW);
    expect(open).toMatchObject({ atStart: "complies", atEnd: "violates", violatingMs: 3_600_000 });
  });
});

const olivia = { guid: "u-olivia", name: "olivia" };
const change: ChangeEntry = {
  kind: "change",
  id: 11,
  occurredAt: FROM + 1_000,
  orgGuid: "o",
  requestId: null,
  outcome: "succeeded",
  user: olivia,
  spaceGuid: "s-dev",
  spaceName: "dev",
  group: { guid: "g", name: "public_networks_egress" },
  lifecycle: "running",
  action: "bind",
  cfError: null,
  message: null,
  settled: null,
};
const drift: DriftEntry = {
  kind: "drift",
  id: 12,
  occurredAt: FROM + 5_000,
  orgGuid: "o",
  requestId: null,
  spaceGuid: "s-dev",
  spaceName: "dev",
  changes: [{ groupGuid: "g2", groupName: "=cmd", lifecycle: "staging", change: "unbound" }],
  from: FROM + 2_000,
  to: FROM + 5_000,
};
const policy: PolicyEntry = {
  kind: "policy",
  id: 3,
  occurredAt: FROM - DAY,
  orgGuid: "o",
  requestId: null,
  user: olivia,
  message: "Policy set",
  before: null,
  after: {},
};
const point = (seq: number) => ({ seq, hash: String(seq).repeat(64).slice(0, 64) });

function input(): ReportInput {
  return {
    generatedAt: NOW,
    org: ORG,
    period: P,
    spaces: [{ guid: "s-dev", name: "dev" }],
    entries: [drift, change],
    complete: true,
    policyAtStart: policy,
    // s-hidden is a space the reader cannot see: its events stay out.
    events: {
      before: [],
      since: [event(7, "violation-began", FROM + 1_500), event(8, "violation-began", FROM, "s-hidden")],
    },
    standings: new Map(),
    chain: {
      head: point(40),
      entries: new Map([
        [11, { record: point(20), outcome: point(21) }],
        [12, { record: point(25), outcome: null }],
        [3, { record: point(5), outcome: null }],
      ]),
      events: new Map([[7, { record: point(22), outcome: null }]]),
    },
  };
}

describe("the compliance report", () => {
  it("holds every change with its actor and outcome, every drift with its window, each citing the chain", () => {
    const report = buildComplianceReport(input());
    expect(report).toMatchObject({
      schema: REPORT_SCHEMA,
      org: ORG,
      period: { from: "2026-12-01", to: "2026-12-03", from_time: "2026-12-01T00:00:00.000Z" },
      chain: {
        head: { record: 40 },
        first_cited: { record: 20 },
        last_cited: { record: 25 },
        records_cited: 4,
      },
      policy: { in_force_at_start: { entry_id: 3, actor: olivia, chain: { record: 5 } }, edits: [] },
      changes: [
        {
          entry_id: 11,
          actor: olivia,
          what: "bound public_networks_egress (running)",
          outcome: "succeeded",
          chain: { record: 20, outcome_record: 21 },
        },
      ],
      drifts: [
        { entry_id: 12, window: { from: "2026-12-01T00:00:02.000Z", to: "2026-12-01T00:00:05.000Z" } },
      ],
      events: [{ event_id: 7, kind: "violation-began", chain: { record: 22 } }],
    });
    const [dev] = report.spaces;
    expect(dev?.name).toBe("dev");
    expect(dev?.compliance).toMatchObject({ at_start: "complies", at_end: "violates" });
    expect(dev?.timeline.map((t) => [t.kind, t.entry_id ?? t.event_id])).toEqual([
      ["change", 11],
      ["violation-began", 7],
      ["drift", 12],
    ]);
  });

  it("lists a group's rules changed outside the dashboard as the whole org's drift, citing its record", () => {
    const ruleDrift: RuleDriftEntry = {
      kind: "rule-drift",
      id: 13,
      occurredAt: FROM + 6_000,
      orgGuid: "o",
      requestId: null,
      group: { guid: "g3", name: "trusted_local_networks_egress" },
      changes: { added: [], removed: [{ protocol: "all", destination: "10.0.0.0/8" }], flags: [] },
      from: FROM + 2_000,
      to: FROM + 6_000,
    };
    const base = input();
    const report = buildComplianceReport({
      ...base,
      entries: [...base.entries, ruleDrift],
      chain: {
        ...base.chain,
        entries: new Map([...base.chain.entries, [13, { record: point(26), outcome: null }]]),
      },
    });
    expect(report.drifts[1]).toEqual({
      entry_id: 13,
      detected_at: "2026-12-01T00:00:06.000Z",
      space: null,
      window: { from: "2026-12-01T00:00:02.000Z", to: "2026-12-01T00:00:06.000Z" },
      changes: [],
      group: { guid: "g3", name: "trusted_local_networks_egress" },
      rules: ruleDrift.changes,
      chain: { record: 26, hash: point(26).hash },
    });
    // No space's timeline holds it: it is the whole org's.
    expect(report.spaces[0]?.timeline.map((t) => t.entry_id)).not.toContain(13);
    const row = complianceReportCsvRows(report).find((r) => r[0] === "drift" && r[8] === "13");
    expect(row?.slice(2, 5)).toEqual([
      "(whole org)",
      "actor unknown (outside the dashboard)",
      "the rules of security group trusted_local_networks_egress changed: rule removed: all 10.0.0.0/8",
    ]);
  });

  it("as CSV: one header, a row per fact, the same words, formulas defused", () => {
    const rows = complianceReportCsvRows(buildComplianceReport(input()));
    expect(rows[0]).toEqual([...REPORT_CSV_COLUMNS]);
    expect(rows.map((r) => r[0])).toEqual([
      "record",
      "report",
      "policy-at-start",
      "space",
      "violation",
      "change",
      "drift",
      "event",
    ]);
    expect(rows.find((r) => r[0] === "change")).toEqual([
      "change",
      "2026-12-01T00:00:01.000Z",
      "dev",
      "olivia",
      "bound public_networks_egress (running)",
      "succeeded",
      "",
      "",
      "11",
      "20",
      point(20).hash,
    ]);
    expect(rows.find((r) => r[0] === "report")?.[9]).toBe("40");
    // A group named like a formula is defused as in every CSV of the app.
    expect(csvText(rows)).toContain(",'=cmd unbound (staging),");
  });
});
