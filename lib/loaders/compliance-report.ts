import "server-only";
import type { SignedInUser } from "@/lib/auth/session";
import type { CfClient } from "@/lib/cf/client";
import { getDatabase } from "@/lib/db";
import type { PolicyEntry } from "@/lib/db/types";
import { describeError, log } from "@/lib/log";
import { buildComplianceReport, type ComplianceReport } from "@/lib/view-models/compliance-report";
import type { ReportPeriod } from "@/lib/view-models/report-period";
import { loadAllActivity } from "./activity";

/**
 * An org's compliance report over a period (lib/view-models/compliance-report.ts): whoever may see
 * the org's activity may have it, for the spaces CF shows them (the activity's own loader decides,
 * so the two cannot differ), plus the watcher's events and standings and the chain's records.
 * Private-egress requests are not in it: they change nothing, and their addresses are not everyone's
 * to read (lib/permissions' "read-network-details").
 */

/** Entries one report holds; beyond that it says it is incomplete. */
const REPORT_CAP = 50_000;

export type ReportResult = { report: ComplianceReport } | { unavailable: string } | null;

export async function loadComplianceReport(
  client: CfClient,
  user: SignedInUser,
  orgGuid: string,
  period: ReportPeriod,
): Promise<ReportResult> {
  const activity = await loadAllActivity(
    client,
    user,
    orgGuid,
    { kind: [], from: period.from, to: period.to },
    REPORT_CAP,
  );
  if (!activity) return null;
  if (activity.unavailable) return { unavailable: activity.unavailable };
  const generatedAt = Date.now();
  try {
    const db = await getDatabase();
    const entries = activity.entries.filter((entry) => entry.kind !== "request");
    const [policyBefore, events, standings, head] = await Promise.all([
      db.list({ orgGuid, spaceGuids: [], kinds: ["policy"], to: period.fromMs - 1, limit: 1 }),
      db.chain.eventsAround(orgGuid, period.fromMs, generatedAt),
      db.watch.standings(orgGuid),
      db.chain.head(),
    ]);
    const [entryRefs, eventRefs] = await Promise.all([
      db.chain.refs(
        "entry",
        entries.map((entry) => entry.id),
      ),
      db.chain.refs(
        "event",
        events.within.map((event) => event.id),
      ),
    ]);
    const first = policyBefore.ok ? policyBefore.entries[0] : undefined;
    return {
      report: buildComplianceReport({
        generatedAt,
        org: activity.org,
        period,
        spaces: [...activity.spaces].sort((a, b) => a.name.localeCompare(b.name)),
        entries,
        complete: activity.nextCursor === null,
        policyAtStart: first?.kind === "policy" ? (first satisfies PolicyEntry) : null,
        events: { before: events.before, since: events.within },
        standings,
        chain: { head, entries: entryRefs, events: eventRefs },
      }),
    };
  } catch (error) {
    log.warn({ err: describeError(error), orgGuid }, "history: compliance report unavailable");
    return { unavailable: "The change history could not be read just now." };
  }
}
