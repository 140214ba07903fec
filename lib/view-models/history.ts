import { outcomeAsOf } from "@/lib/db/outcome";
import type { ChangeEntry, DriftEntry, HistoryEntry, Outcome, RuleDriftEntry } from "@/lib/db/types";
import { ruleChangesWords } from "@/lib/db/rule-drift-words";
import { createdWords, impactWords, whatChanged } from "./group-edit-words";

const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The change history in words, the same on the activity page, its CSV, the
 * matrix's "Last change" column and the space page. Pure.
 */

/** UTC, to the minute: the same for every reader whatever their time zone, and sortable as text. */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * A drift's window, "between A and B": to the minute, or to the second when both ends fall in one
 * minute (a watcher every few seconds), so the window never reads as "between 19:00 and 19:00".
 */
export function formatWindow(from: number, to: number): string {
  const minute = (ms: number) => Math.floor(ms / 60_000);
  if (minute(from) !== minute(to)) return `between ${formatTime(from)} and ${formatTime(to)}`;
  const seconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
  return `between ${seconds(from)} and ${seconds(to)}`;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

const OUTCOME_WORDS: Record<Outcome, string> = {
  pending: "in progress",
  succeeded: "done",
  failed: "failed",
  unknown: "outcome unknown",
};

function outcomeWords(entry: ChangeEntry, now: number): string {
  const outcome = outcomeAsOf(entry, now);
  const settled = entry.settled ? ` (settled by the ${entry.settled.by})` : "";
  return `${OUTCOME_WORDS[outcome]}${settled}`;
}

const outside = (entry: HistoryEntry): entry is DriftEntry | RuleDriftEntry =>
  entry.kind === "drift" || entry.kind === "rule-drift";

/** Who did it: the user, or "outside the dashboard" for drift. */
export function actorOf(entry: HistoryEntry): string {
  return outside(entry) ? "actor unknown (outside the dashboard)" : entry.user.name;
}

const lifecycleWords = (lifecycle: "running" | "staging") => (lifecycle === "staging" ? " for staging" : "");

/**
 * What a private-egress request is to a reader who may not see its addresses: the fact of it, and
 * who may see more (lib/permissions' "read-network-details").
 */
export const REQUEST_WITHOUT_DETAILS =
  "Prepared a private-egress request; its endpoint and private networks are shown only to the org's managers and auditors and to platform admins.";

/** What each reader may see of an entry: `networkDetails`, a request's addresses (network topology). */
export type EntryReader = { networkDetails: boolean };

/** What happened, in one sentence; a request's addresses only for a reader who may see them. */
export function describeEntry(
  entry: HistoryEntry,
  now: number,
  reader: EntryReader = { networkDetails: false },
): string {
  switch (entry.kind) {
    case "change": {
      const verb = entry.action === "bind" ? "bound" : "unbound";
      const what = `${verb} ${entry.group.name}${lifecycleWords(entry.lifecycle)}`;
      const outcome = outcomeAsOf(entry, now);
      if (outcome === "succeeded") return `${what[0]?.toUpperCase()}${what.slice(1)}.`;
      const reason = entry.message && outcome === "failed" ? `: ${entry.message}` : "";
      return `${entry.action === "bind" ? "Bind" : "Unbind"} ${entry.group.name}${lifecycleWords(entry.lifecycle)}: ${outcomeWords(entry, now)}${reason}`;
    }
    case "drift": {
      const changes = entry.changes
        .map((c) => `${c.groupName} ${c.change}${lifecycleWords(c.lifecycle)}`)
        .join("; ");
      return `Changed outside the dashboard, ${formatWindow(entry.from, entry.to)}, actor unknown: ${changes}.`;
    }
    case "rule-drift":
      return `The rules of security group ${entry.group.name} changed outside the dashboard, ${formatWindow(entry.from, entry.to)}, actor unknown: ${ruleChangesWords(entry.changes)}.`;
    case "segment": {
      const to = entry.to ? `isolation segment ${entry.to.name}` : "the org's default placement";
      const outcome = outcomeAsOf(entry, now);
      if (outcome === "succeeded") return `Moved to ${to}; running apps move when restarted.`;
      const reason = entry.message && outcome === "failed" ? `: ${entry.message}` : "";
      return `Move to ${to}: ${OUTCOME_WORDS[outcome]}${reason}`;
    }
    case "request":
      return reader.networkDetails ? (entry.message ?? "Requested private egress.") : REQUEST_WITHOUT_DETAILS;
    case "policy":
      return entry.message ?? "Changed the org's egress policy.";
    case "group": {
      const outcome = outcomeAsOf(entry, now);
      if (entry.details.created) {
        const made = `security group ${entry.group.name} (${createdWords(entry.details)})`;
        if (outcome === "succeeded")
          return `Created ${made}. ${upperFirst(impactWords(entry.details.spaces))}.`;
        const why = entry.message && outcome === "failed" ? `: ${entry.message}` : "";
        return `Create of ${made}: ${OUTCOME_WORDS[outcome]}${why}`;
      }
      const edit = `${entry.group.name}: ${whatChanged(entry.details)}`;
      if (outcome === "succeeded")
        return `Edited security group ${edit}. ${upperFirst(impactWords(entry.details.spaces))}.`;
      const reason = entry.message && outcome === "failed" ? `: ${entry.message}` : "";
      return `Edit of security group ${edit}: ${OUTCOME_WORDS[outcome]}${reason}`;
    }
  }
}

export type ActivityKind = "change" | "failure" | "drift" | "policy" | "request";

/** The activity page's kinds, as the filter names them: a segment move is a change. */
export function kindOf(entry: HistoryEntry, now: number): ActivityKind {
  if (entry.kind === "change" || entry.kind === "segment" || entry.kind === "group")
    return outcomeAsOf(entry, now) === "failed" ? "failure" : "change";
  // A group's rules changed outside the dashboard: the `drift` filter's (design §13).
  if (entry.kind === "rule-drift") return "drift";
  return entry.kind;
}

/** The latest entry of a space, as the matrix's "Last change" cell shows it. */
export type LastChange = { id: number; at: number; who: string };

export function lastChangeOf(entry: HistoryEntry | undefined): LastChange | null {
  if (!entry) return null;
  return {
    id: entry.id,
    at: entry.occurredAt,
    who: outside(entry) ? "outside the dashboard" : entry.user.name,
  };
}

/** One row of the activity page and of its CSV: the same words in both. */
export type ActivityRow = {
  id: number;
  at: number;
  when: string;
  space: string;
  who: string;
  kind: ActivityKind;
  what: string;
  requestId: string;
};

export function activityRows(
  entries: readonly HistoryEntry[],
  spaceNames: ReadonlyMap<string, string>,
  now: number,
  reader: EntryReader = { networkDetails: false },
): ActivityRow[] {
  return entries.map((entry) => ({
    id: entry.id,
    at: entry.occurredAt,
    when: formatTime(entry.occurredAt),
    space:
      entry.kind === "policy" ||
      entry.kind === "request" ||
      entry.kind === "group" ||
      entry.kind === "rule-drift"
        ? "(whole org)"
        : (spaceNames.get(entry.spaceGuid) ?? entry.spaceName),
    who: actorOf(entry),
    kind: kindOf(entry, now),
    what: describeEntry(entry, now, reader),
    requestId: entry.requestId ?? "",
  }));
}

const ACTIVITY_CSV_HEADER = ["when", "space", "who", "kind", "what", "request id"] as const;

export function activityCsvRows(rows: readonly ActivityRow[]): string[][] {
  return [
    [...ACTIVITY_CSV_HEADER],
    ...rows.map((r) => [r.when, r.space, r.who, r.kind, r.what, r.requestId]),
  ];
}
