import "server-only";
import { sql } from "kysely";
import { ALERT_KINDS, type AlertKind } from "@/lib/alert-format/payload";
import type { AlertStore } from "./alert-types";
import type { StoreContext } from "./context";
import { outboxStore } from "./alert-outbox";

/**
 * Alert destinations, subscriptions and the outbox's claims (migration
 * 007_alerts, docs/adr/0011-alert-delivery.md). The outbox (enqueue, claims,
 * attempts) is ./alert-outbox.ts.
 */

const isKind = (kind: string): kind is AlertKind => (ALERT_KINDS as readonly string[]).includes(kind);

export function alertStore(ctx: StoreContext): AlertStore {
  const { db } = ctx;
  return {
    async addDestination(d) {
      const row = await db
        .insertInto("alert_destinations")
        .values({
          org_guid: d.orgGuid,
          org_name: d.orgName,
          channel: d.channel,
          target: d.target,
          secret: d.secret,
          created_at: ctx.now(),
          created_by: d.createdBy,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async removeDestination(orgGuid, id) {
      return db.transaction().execute(async (trx) => {
        const removed = await trx
          .deleteFrom("alert_destinations")
          .where("org_guid", "=", orgGuid)
          .where("id", "=", id)
          .executeTakeFirst();
        if (removed.numDeletedRows === BigInt(0)) return false;
        await trx.deleteFrom("alert_deliveries").where("destination_id", "=", id).execute();
        return true;
      });
    },

    async destinations(orgGuid) {
      const rows = await db
        .selectFrom("alert_destinations as d")
        .leftJoin("alert_deliveries as a", "a.destination_id", "d.id")
        .select([
          "d.id",
          "d.channel",
          "d.target",
          "d.created_at",
          "d.created_by",
          sql<number>`count(case when a.state = 'pending' then 1 end)`.as("pending"),
          sql<number>`count(case when a.state = 'delivered' then 1 end)`.as("delivered"),
          sql<number>`count(case when a.state = 'failed' then 1 end)`.as("failed"),
        ])
        .where("d.org_guid", "=", orgGuid)
        .groupBy(["d.id", "d.channel", "d.target", "d.created_at", "d.created_by"])
        .orderBy("d.id")
        .execute();
      return rows.map((row) => ({
        id: row.id,
        channel: row.channel,
        target: row.target,
        createdAt: row.created_at,
        createdBy: row.created_by,
        pending: Number(row.pending),
        delivered: Number(row.delivered),
        failed: Number(row.failed),
      }));
    },

    async destination(orgGuid, id) {
      const row = await db
        .selectFrom("alert_destinations")
        .selectAll()
        .where("org_guid", "=", orgGuid)
        .where("id", "=", id)
        .executeTakeFirst();
      return row === undefined
        ? null
        : {
            id: row.id,
            orgGuid: row.org_guid,
            orgName: row.org_name,
            channel: row.channel,
            target: row.target,
            secret: row.secret,
          };
    },

    async subscriptions(orgGuid) {
      const rows = await db
        .selectFrom("alert_subscriptions")
        .select("kind")
        .where("org_guid", "=", orgGuid)
        .execute();
      const kinds = new Set(rows.map((row) => row.kind));
      return ALERT_KINDS.filter((kind) => kinds.has(kind));
    },

    async setSubscriptions(orgGuid, orgName, kinds) {
      const now = ctx.now();
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("alert_subscriptions").where("org_guid", "=", orgGuid).execute();
        const rows = [...new Set(kinds)]
          .filter(isKind)
          .map((kind) => ({ org_guid: orgGuid, kind, created_at: now }));
        if (rows.length > 0) await trx.insertInto("alert_subscriptions").values(rows).execute();
        await trx
          .updateTable("alert_destinations")
          .set({ org_name: orgName })
          .where("org_guid", "=", orgGuid)
          .execute();
      });
    },

    async deliveries(orgGuid, limit) {
      const rows = await db
        .selectFrom("alert_deliveries as a")
        .innerJoin("alert_destinations as d", "d.id", "a.destination_id")
        .select([
          "a.id",
          "a.destination_id",
          "d.channel",
          "d.target",
          "a.kind",
          "a.idempotency_key",
          "a.state",
          "a.attempts",
          "a.next_attempt_at",
          "a.last_error",
          "a.last_status",
          "a.created_at",
          "a.delivered_at",
        ])
        .where("a.org_guid", "=", orgGuid)
        .orderBy("a.created_at", "desc")
        .orderBy("a.id", "desc")
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        destinationId: row.destination_id,
        channel: row.channel,
        target: row.target,
        kind: row.kind,
        idempotencyKey: row.idempotency_key,
        state: row.state,
        attempts: row.attempts,
        nextAttemptAt: row.next_attempt_at,
        lastError: row.last_error,
        lastStatus: row.last_status,
        createdAt: row.created_at,
        deliveredAt: row.delivered_at,
      }));
    },

    ...outboxStore(ctx),
  };
}
