import "server-only";
import type { Selectable } from "kysely";
import { z } from "zod";
import { watchEventFacts } from "./alert-events";
import { enqueueAlerts } from "./alert-outbox";
import { appendToChain, recordsOf } from "./chain-append";
import type { StoreContext } from "./context";
import { toEntry } from "./rows";
import { ruleChangesWords } from "./rule-drift-words";
import type { SpaceStandingsTable, WatchEventsTable } from "./schema";
import { batches, inList } from "./sql-dialect";
import type { HistoryEntry } from "./types";
import type { LatestEntry, Standing, WatchEvent, WatchStore } from "./watch-types";

/**
 * Each space's standing under its org's policy as the watcher last judged
 * it, and the events of its compliance turning (docs/design.md §12). The
 * standings that changed and their events are written in one transaction, so
 * an event is never lost nor raised twice for one turn by one cycle.
 */

type StandingOps = Pick<
  WatchStore,
  "hasStandings" | "standings" | "pruneStandings" | "recordJudgements" | "causes" | "events"
>;

const STANDING_COLUMNS = 8;
const EVENT_COLUMNS = 11;
const reasonsSchema = z.array(z.string());
const causeSchema = z.union([
  z.object({ kind: z.literal("new-space") }),
  z.object({ kind: z.literal("policy"), entryId: z.number().nullable(), version: z.number() }),
  z.object({ kind: z.enum(["change", "drift", "segment"]), entryId: z.number(), summary: z.string() }),
  z.object({ kind: z.literal("unknown") }),
]);

function toStanding(row: Selectable<SpaceStandingsTable>): Standing {
  return {
    spaceGuid: row.space_guid,
    orgGuid: row.org_guid,
    spaceName: row.space_name,
    verdict: row.verdict,
    rule: row.rule,
    reasons: reasonsSchema.parse(JSON.parse(row.reasons)),
    policyVersion: row.policy_version,
    judgedAt: row.judged_at,
  };
}

export function toEvent(row: Selectable<WatchEventsTable>): WatchEvent {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    kind: row.kind,
    orgGuid: row.org_guid,
    spaceGuid: row.space_guid,
    spaceName: row.space_name,
    rule: row.rule,
    reasons: reasonsSchema.parse(JSON.parse(row.reasons)),
    cause: causeSchema.parse(JSON.parse(row.cause)),
    windowFrom: row.window_from,
    windowTo: row.window_to,
  };
}

/** A history entry in a line, for an event's cause ("olivia bound public_networks_egress (running)"). */
export function summaryOf(entry: HistoryEntry): string {
  switch (entry.kind) {
    case "change":
      return `${entry.user.name} ${entry.action === "bind" ? "bound" : "unbound"} ${entry.group.name} (${entry.lifecycle})`;
    case "drift":
      return `changed outside the dashboard: ${entry.changes
        .map((c) => `${c.groupName} ${c.change} (${c.lifecycle})`)
        .join(", ")}`;
    case "rule-drift":
      return `the rules of security group ${entry.group.name} changed outside the dashboard: ${ruleChangesWords(entry.changes)}`;
    case "segment":
      return `${entry.user.name} moved the space to ${entry.to?.name ?? "the org's default segment"}`;
    case "group":
      return `${entry.user.name} edited security group ${entry.group.name}`;
    case "policy":
    case "request":
      return entry.message ?? entry.kind;
  }
}

export function standingStore(ctx: StoreContext): StandingOps {
  const { db, backend } = ctx;
  return {
    async standings(orgGuid) {
      const rows = await db
        .selectFrom("space_standings")
        .selectAll()
        .where("org_guid", "=", orgGuid)
        .execute();
      return new Map(rows.map((row) => [row.space_guid, toStanding(row)]));
    },

    async hasStandings() {
      const row = await db.selectFrom("space_standings").select("space_guid").limit(1).executeTakeFirst();
      return row !== undefined;
    },

    async pruneStandings(spaceGuids) {
      const result = await db
        .deleteFrom("space_standings")
        .where((eb) => eb.not(inList(backend, "space_guid", spaceGuids)))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async recordJudgements(standings, events) {
      if (standings.length === 0 && events.length === 0) return [];
      const now = ctx.now();
      return db.transaction().execute(async (trx) => {
        const rows = standings.map((s) => ({
          space_guid: s.spaceGuid,
          org_guid: s.orgGuid,
          space_name: s.spaceName,
          verdict: s.verdict,
          rule: s.rule,
          reasons: JSON.stringify(s.reasons),
          policy_version: s.policyVersion,
          judged_at: s.judgedAt,
        }));
        for (const batch of batches(rows, STANDING_COLUMNS)) {
          await trx
            .insertInto("space_standings")
            .values(batch)
            .onConflict((oc) =>
              oc.column("space_guid").doUpdateSet((eb) => ({
                org_guid: eb.ref("excluded.org_guid"),
                space_name: eb.ref("excluded.space_name"),
                verdict: eb.ref("excluded.verdict"),
                rule: eb.ref("excluded.rule"),
                reasons: eb.ref("excluded.reasons"),
                policy_version: eb.ref("excluded.policy_version"),
                judged_at: eb.ref("excluded.judged_at"),
              })),
            )
            .execute();
        }
        // A policy edit can turn thousands of spaces at once: the events go in batches, like the standings.
        const eventRows = events.map((event) => ({
          occurred_at: now,
          kind: event.kind,
          org_guid: event.orgGuid,
          space_guid: event.spaceGuid,
          space_name: event.spaceName,
          rule: event.rule,
          reasons: JSON.stringify(event.reasons),
          cause: JSON.stringify(event.cause),
          cause_entry_id: "entryId" in event.cause ? event.cause.entryId : null,
          window_from: event.windowFrom,
          window_to: event.windowTo,
        }));
        const inserted = [];
        for (const batch of batches(eventRows, EVENT_COLUMNS)) {
          inserted.push(...(await trx.insertInto("watch_events").values(batch).returningAll().execute()));
        }
        const ids = inserted.map((row) => row.id);
        // In this transaction: an event and its alerts commit together (docs/adr/0011-alert-delivery.md).
        await enqueueAlerts(
          trx,
          backend,
          now,
          events.map((event, i) => watchEventFacts(ids[i] ?? 0, event, now)),
        );
        // Events are evidence of compliance (the report), so they are chained like the entries; last, so
        // the chain's lock is held only to the commit (./chain-append.ts).
        await appendToChain(trx, backend, now, recordsOf("event", inserted));
        return ids;
      });
    },

    async causes(orgGuid, spaceGuids, since) {
      const [rows, policy, ruleDrift] = await Promise.all([
        spaceGuids.length === 0
          ? Promise.resolve([])
          : db
              .selectFrom("history_entries")
              .selectAll()
              .where("org_guid", "=", orgGuid)
              .where(inList(backend, "space_guid", spaceGuids))
              .where("occurred_at", ">", since)
              .where((eb) =>
                eb.or([
                  eb("kind", "=", "drift"),
                  eb.and([eb("kind", "in", ["change", "segment"]), eb("outcome", "=", "succeeded")]),
                ]),
              )
              .orderBy("occurred_at", "desc")
              .orderBy("id", "desc")
              .execute(),
        db
          .selectFrom("history_entries")
          .select("id")
          .where("org_guid", "=", orgGuid)
          .where("kind", "=", "policy")
          .orderBy("id", "desc")
          .limit(1)
          .executeTakeFirst(),
        // A drift without a space: a group's rules changed outside the dashboard (migration 009).
        db
          .selectFrom("history_entries")
          .selectAll()
          .where("org_guid", "=", orgGuid)
          .where("kind", "=", "drift")
          .where("space_guid", "is", null)
          .where("occurred_at", ">", since)
          .orderBy("occurred_at", "desc")
          .orderBy("id", "desc")
          .limit(1)
          .executeTakeFirst(),
      ]);
      const entries = new Map<string, LatestEntry>();
      for (const row of rows) {
        if (row.space_guid === null || entries.has(row.space_guid)) continue;
        const entry = toEntry(row);
        if (entry.kind !== "change" && entry.kind !== "drift" && entry.kind !== "segment") continue;
        entries.set(row.space_guid, { id: entry.id, kind: entry.kind, summary: summaryOf(entry) });
      }
      const wholeOrg = ruleDrift ? toEntry(ruleDrift) : null;
      return {
        entries,
        policyEntryId: policy?.id ?? null,
        wholeOrg: wholeOrg ? { id: wholeOrg.id, kind: "drift" as const, summary: summaryOf(wholeOrg) } : null,
      };
    },

    async events(orgGuid, limit) {
      const rows = await db
        .selectFrom("watch_events")
        .selectAll()
        .where("org_guid", "=", orgGuid)
        .orderBy("occurred_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map(toEvent);
    },
  };
}
