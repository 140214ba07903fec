import { z } from "zod";

/**
 * What an alert says (docs/design.md §12), one stable versioned JSON shape for
 * every webhook and the same words for email. Pure and client-safe: the
 * database layer builds an event's payload when it enqueues it (in the
 * transaction that records the event), and the payload is then sent byte for
 * byte at every attempt, so its signature and idempotency key never change.
 *
 * The schema is versioned in its name (`egress-dashboard/alert@1`): fields
 * may be added within a version, never renamed or removed.
 */

export const ALERT_SCHEMA = "egress-dashboard/alert@1";

/** What an org subscribes to. */
export const ALERT_KINDS = ["drift", "violation", "public-egress", "change"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What one alert is about; a subscription's kind covers one or two of these. */
export type AlertEventKind =
  "drift" | "violation-began" | "violation-ended" | "public-egress-opened" | "change" | "test";

export const ALERT_KIND_LABELS: Record<AlertKind, { label: string; hint: string }> = {
  drift: {
    label: "Drift",
    hint: "A space's security groups, or a group's rules, changed outside the dashboard (e.g. with the cf CLI).",
  },
  violation: {
    label: "Policy violations",
    hint: "A space begins or stops violating the org's egress policy (found by the watcher).",
  },
  "public-egress": {
    label: "Public egress opened",
    hint: "The platform's public egress group was bound for running apps in any space of the org.",
  },
  change: {
    label: "Every change",
    hint: "Each bind or unbind made through the dashboard, and each edit of the org's policy.",
  },
};

const EVENT_WORDS: Record<AlertEventKind, string> = {
  drift: "Drift",
  "violation-began": "Policy violation began",
  "violation-ended": "Policy violation ended",
  "public-egress-opened": "Public egress opened",
  change: "Change",
  test: "Test alert",
};

/** The facts of one event, as the database layer knows them. Times are epoch milliseconds. */
export type AlertFacts = {
  /** Unique per event and stable: the idempotency key ("drift-12", "violation-began-7"). */
  id: string;
  kind: AlertEventKind;
  orgGuid: string;
  space: { guid: string; name: string } | null;
  occurredAt: number;
  /** When it happened, as closely as known (a drift: between two observations). */
  window: { from: number | null; to: number } | null;
  /** What made it so, in words, when known. */
  cause: string | null;
  /** What happened, in words. */
  summary: string;
  /** The security group whose rules changed outside the dashboard (a rule drift: the whole org's, no space). */
  group?: { guid: string; name: string };
};

const iso = z.iso.datetime();
export const alertPayloadSchema = z.strictObject({
  schema: z.literal(ALERT_SCHEMA),
  id: z.string().min(1),
  idempotency_key: z.string().min(1),
  kind: z.enum(["drift", "violation-began", "violation-ended", "public-egress-opened", "change", "test"]),
  org: z.strictObject({ guid: z.string(), name: z.string() }),
  space: z.strictObject({ guid: z.string(), name: z.string() }).nullable(),
  occurred_at: iso,
  window: z.strictObject({ from: iso.nullable(), to: iso }).nullable(),
  cause: z.string().nullable(),
  summary: z.string(),
  text: z.string(),
  /** Added within @1: present only on a drift of a group's rules (no space; docs/design.md §13). */
  group: z.strictObject({ guid: z.string(), name: z.string() }).optional(),
});
export type AlertPayload = z.infer<typeof alertPayloadSchema>;

/** The subscription an event kind belongs to (a test goes to a destination whatever its kinds). */
export function subscriptionOf(kind: AlertEventKind): AlertKind | null {
  switch (kind) {
    case "violation-began":
    case "violation-ended":
      return "violation";
    case "public-egress-opened":
      return "public-egress";
    case "drift":
    case "change":
      return kind;
    case "test":
      return null;
  }
}

const isoOf = (ms: number) => new Date(ms).toISOString();
/** "2026-12-07 14:02:00 UTC": the time of day readers of a chat channel want. */
const shortTime = (ms: number) => `${isoOf(ms).slice(0, 19).replace("T", " ")} UTC`;

/** Slack's mrkdwn treats &, < and > as control characters; everything else is plain text. */
function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** One line for a chat channel: what, where, when, why. */
export function alertText(facts: AlertFacts, orgName: string): string {
  const where = facts.space ? `${orgName}/${facts.space.name}` : orgName;
  const when = facts.window
    ? facts.window.from === null
      ? ` (by ${shortTime(facts.window.to)})`
      : ` (between ${shortTime(facts.window.from)} and ${shortTime(facts.window.to)})`
    : ` (${shortTime(facts.occurredAt)})`;
  const cause = facts.cause ? `; cause: ${facts.cause}` : "";
  return slackEscape(`${EVENT_WORDS[facts.kind]} in ${where}: ${facts.summary}${when}${cause}`);
}

/** The email's subject: the org and the kind. */
export function alertSubject(payload: Pick<AlertPayload, "kind" | "org" | "space">): string {
  const where = payload.space ? `${payload.org.name}/${payload.space.name}` : payload.org.name;
  return `[Egress dashboard] ${EVENT_WORDS[payload.kind]}: ${where}`;
}

export function alertPayload(facts: AlertFacts, orgName: string): AlertPayload {
  return {
    schema: ALERT_SCHEMA,
    id: facts.id,
    idempotency_key: facts.id,
    kind: facts.kind,
    org: { guid: facts.orgGuid, name: orgName },
    // Only these two fields, whatever else the caller's space object holds.
    space: facts.space ? { guid: facts.space.guid, name: facts.space.name } : null,
    occurred_at: isoOf(facts.occurredAt),
    window: facts.window
      ? { from: facts.window.from === null ? null : isoOf(facts.window.from), to: isoOf(facts.window.to) }
      : null,
    cause: facts.cause,
    summary: facts.summary,
    text: alertText(facts, orgName),
    ...(facts.group ? { group: { guid: facts.group.guid, name: facts.group.name } } : {}),
  };
}

/** The body as sent: the exact bytes that are signed. */
export function alertBody(facts: AlertFacts, orgName: string): string {
  return JSON.stringify(alertPayload(facts, orgName));
}
