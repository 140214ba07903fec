import type { AlertFacts } from "@/lib/alert-format/payload";
import { ruleChangesWords } from "./rule-drift-words";
import type { DriftChange, EventCause, GroupRef, Lifecycle, NewWatchEvent, RuleDriftChanges } from "./types";

/**
 * The alerts' facts of the events the database records (docs/design.md §12):
 * a drift, a change made through the dashboard, a policy violation beginning
 * or ending, and public egress opened by either of the first two. Pure.
 * Each id is stable and unique per event: it is the idempotency key.
 */

type Space = { guid: string; name: string };

const words = (changes: readonly DriftChange[]) =>
  changes.map((c) => `${c.groupName} ${c.change} (${c.lifecycle})`).join(", ");

const opensPublic = (
  publicGroups: ReadonlySet<string>,
  group: string,
  lifecycle: Lifecycle,
  bound: boolean,
) => bound && lifecycle === "running" && publicGroups.has(group);

export function driftFacts(
  entry: {
    id: number;
    orgGuid: string;
    space: Space;
    changes: readonly DriftChange[];
    from: number;
    to: number;
  },
  publicGroups: ReadonlySet<string>,
): AlertFacts[] {
  const base = { orgGuid: entry.orgGuid, space: entry.space, occurredAt: entry.to };
  const window = { from: entry.from, to: entry.to };
  const facts: AlertFacts[] = [
    {
      ...base,
      id: `drift-${entry.id}`,
      kind: "drift",
      window,
      cause: "changed outside the dashboard",
      summary: words(entry.changes),
    },
  ];
  const opened = entry.changes.find((c) =>
    opensPublic(publicGroups, c.groupName, c.lifecycle, c.change === "bound"),
  );
  if (opened) {
    facts.push({
      ...base,
      id: `public-egress-opened-drift-${entry.id}`,
      kind: "public-egress-opened",
      window,
      cause: "changed outside the dashboard",
      summary: `${opened.groupName} bound for running apps`,
    });
  }
  return facts;
}

/**
 * A group's rules or flags changed outside the dashboard, as one org's entry: a `drift` alert of the
 * whole org (no space), and public egress opened when the platform's public group was turned on
 * platform-wide for running apps.
 */
export function ruleDriftFacts(
  entry: {
    id: number;
    orgGuid: string;
    group: GroupRef;
    changes: RuleDriftChanges;
    from: number;
    to: number;
  },
  publicGroups: ReadonlySet<string>,
): AlertFacts[] {
  const base = {
    orgGuid: entry.orgGuid,
    space: null,
    group: { guid: entry.group.guid, name: entry.group.name },
    occurredAt: entry.to,
    window: { from: entry.from, to: entry.to },
    cause: "changed outside the dashboard",
  };
  const facts: AlertFacts[] = [
    {
      ...base,
      id: `rule-drift-${entry.id}`,
      kind: "drift",
      summary: `the rules of security group ${entry.group.name} changed: ${ruleChangesWords(entry.changes)}`,
    },
  ];
  const opened = entry.changes.flags.some((f) =>
    opensPublic(publicGroups, entry.group.name, f.lifecycle, f.on),
  );
  if (opened) {
    facts.push({
      ...base,
      id: `public-egress-opened-rule-drift-${entry.id}`,
      kind: "public-egress-opened",
      summary: `${entry.group.name} enabled platform-wide for running apps`,
    });
  }
  return facts;
}

export function changeFacts(
  change: {
    id: number;
    orgGuid: string;
    space: Space;
    user: string;
    group: string;
    lifecycle: Lifecycle;
    action: "bind" | "unbind";
    occurredAt: number;
  },
  publicGroups: ReadonlySet<string>,
): AlertFacts[] {
  const base = { orgGuid: change.orgGuid, space: change.space, occurredAt: change.occurredAt, window: null };
  const verb = change.action === "bind" ? "bound" : "unbound";
  const facts: AlertFacts[] = [
    {
      ...base,
      id: `change-${change.id}`,
      kind: "change",
      cause: null,
      summary: `${change.user} ${verb} ${change.group} (${change.lifecycle}) through the dashboard`,
    },
  ];
  if (opensPublic(publicGroups, change.group, change.lifecycle, change.action === "bind")) {
    facts.push({
      ...base,
      id: `public-egress-opened-change-${change.id}`,
      kind: "public-egress-opened",
      cause: `${change.user} through the dashboard`,
      summary: `${change.group} bound for running apps`,
    });
  }
  return facts;
}

/** An edit of the org's policy made through the dashboard (the page or the API): a change too. */
export function policyFacts(edit: {
  id: number;
  orgGuid: string;
  user: string;
  version: number;
  occurredAt: number;
}): AlertFacts {
  return {
    id: `policy-${edit.id}`,
    kind: "change",
    orgGuid: edit.orgGuid,
    space: null,
    occurredAt: edit.occurredAt,
    window: null,
    cause: null,
    summary: `${edit.user} saved the org's egress policy (revision ${edit.version}) through the dashboard`,
  };
}

function causeWords(cause: EventCause): string | null {
  switch (cause.kind) {
    case "new-space":
      return "a new space";
    case "policy":
      return `the org's policy changed (revision ${cause.version})`;
    case "change":
    case "drift":
    case "segment":
      return cause.summary;
    case "unknown":
      return null;
  }
}

export function watchEventFacts(id: number, event: NewWatchEvent, occurredAt: number): AlertFacts {
  const rule =
    event.rule === null ? "the policy" : event.rule === "default" ? "the default rule" : `rule ${event.rule}`;
  const reasons = event.reasons.join("; ");
  return {
    id: `${event.kind}-${id}`,
    kind: event.kind,
    orgGuid: event.orgGuid,
    space: { guid: event.spaceGuid, name: event.spaceName },
    occurredAt,
    window: { from: event.windowFrom, to: event.windowTo },
    cause: causeWords(event.cause),
    summary:
      event.kind === "violation-began"
        ? `violates ${rule}${reasons ? `: ${reasons}` : ""}`
        : `complies again with ${rule}${reasons ? ` (it had: ${reasons})` : ""}`,
  };
}
