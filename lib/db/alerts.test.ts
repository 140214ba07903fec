import { describe, expect, it } from "vitest";
import { alertPayloadSchema } from "@/lib/alert-format/payload";
import { openDatabase } from "./store";
import { testBackends } from "./test-support/backends";
import {
  intent,
  observation,
  OLIVIA,
  ORG,
  OTHER_ORG,
  PUBLIC,
  space,
  T0,
  TRUSTED,
  useHistory,
} from "./test-support/fixtures";
import type { AppDatabase } from "./types";

/**
 * The alerts' outbox (docs/adr/0011-alert-delivery.md) on both databases:
 * events enqueue their deliveries in the transaction that records them, once
 * per subscribed destination and idempotency key; the delivery loop's claims
 * never hand one row to two senders; attempts end delivered, retried or failed.
 */

describe.each(testBackends())("alerts on $name", (backend) => {
  const h = useHistory(backend);
  /** A store whose platform names the public egress group (the app's does, from the platform file). */
  const open = () =>
    openDatabase({
      ...h.database.config,
      now: () => h.clock,
      publicEgressGroups: () => [PUBLIC.name],
    });

  async function subscribe(
    store: AppDatabase,
    kinds: ("drift" | "violation" | "public-egress" | "change")[],
  ) {
    const hook = await store.alerts.addDestination({
      orgGuid: ORG,
      orgName: "agency-alpha",
      channel: "webhook",
      target: "http://127.0.0.1:9/hook",
      secret: "sealed",
      createdBy: "olivia",
    });
    const mail = await store.alerts.addDestination({
      orgGuid: ORG,
      orgName: "agency-alpha",
      channel: "email",
      target: "team@example.org",
      secret: null,
      createdBy: "olivia",
    });
    await store.alerts.setSubscriptions(ORG, "agency-alpha", kinds);
    return { hook, mail };
  }

  it("a drift enqueues one delivery per destination, with the same key, and public egress opened with it", async () => {
    const store = await open();
    try {
      const { hook, mail } = await subscribe(store, ["drift", "public-egress"]);
      await store.observe(observation(T0, [space("s-dev")]));
      expect(await store.alerts.deliveries(ORG, 10)).toEqual([]); // a baseline is no drift
      h.clock = T0 + 60_000;
      await store.observe(observation(T0 + 50_000, [space("s-dev", [PUBLIC])]));
      // Seen again by another observer: the same drift is not recorded, nor alerted, twice.
      await store.observe(observation(T0 + 50_000, [space("s-dev", [PUBLIC])]));

      const rows = await store.alerts.deliveries(ORG, 10);
      expect(rows.map((r) => [r.kind, r.destinationId]).sort()).toEqual(
        [
          ["drift", hook],
          ["drift", mail],
          ["public-egress-opened", hook],
          ["public-egress-opened", mail],
        ].sort(),
      );
      expect(rows.every((r) => r.state === "pending" && r.attempts === 0)).toBe(true);
      const claimed = await store.alerts.claimDue(10, 30_000);
      const drift = claimed.filter((c) => c.kind === "drift");
      expect(new Set(drift.map((c) => c.idempotencyKey)).size).toBe(1);
      const payload = alertPayloadSchema.parse(JSON.parse(drift[0]?.payload ?? "{}"));
      expect(payload).toMatchObject({
        kind: "drift",
        org: { guid: ORG, name: "agency-alpha" },
        space: { guid: "s-dev", name: "dev" },
        window: { from: new Date(T0).toISOString(), to: new Date(T0 + 60_000).toISOString() },
        summary: "public_networks_egress bound (running)",
      });
      expect(payload.text).toMatch(/^Drift in agency-alpha\/dev: public_networks_egress bound \(running\)/);
    } finally {
      await store.close();
    }
  });

  it("enqueues nothing for an org without subscriptions, nor for kinds it did not choose", async () => {
    const store = await open();
    try {
      await subscribe(store, ["change"]);
      await store.observe(observation(T0, [space("s-dev")]));
      h.clock = T0 + 60_000;
      await store.observe(observation(T0 + 50_000, [space("s-dev", [TRUSTED])]));
      await store.observe({ ...observation(T0, [space("s-x")]), orgGuid: OTHER_ORG });
      expect(await store.alerts.deliveries(ORG, 10)).toEqual([]);
      expect(await store.alerts.deliveries(OTHER_ORG, 10)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it("a change enqueues its alert when it succeeds, not when it fails", async () => {
    const store = await open();
    try {
      await subscribe(store, ["change"]);
      const [failed] = await store.recordIntents([intent("s-dev", TRUSTED)]);
      await store.recordOutcomes([failed ?? 0], { outcome: "failed", message: "refused" });
      expect(await store.alerts.deliveries(ORG, 10)).toEqual([]);
      const [ok] = await store.recordIntents([intent("s-dev", PUBLIC)]);
      await store.recordOutcomes([ok ?? 0], { outcome: "succeeded" });
      const rows = await store.alerts.deliveries(ORG, 10);
      expect(rows.map((r) => [r.kind, r.idempotencyKey])).toEqual([
        ["change", `change-${ok}`],
        ["change", `change-${ok}`],
      ]);
      // A policy edit is a change made through the dashboard too; a refused one (stale version) is not.
      const written = await store.writePolicy({
        user: OLIVIA,
        orgGuid: ORG,
        document: { version: 1 },
        expectedVersion: 0,
      });
      await store.writePolicy({ user: OLIVIA, orgGuid: ORG, document: { version: 1 }, expectedVersion: 0 });
      const policy = (await store.alerts.deliveries(ORG, 10)).filter((r) =>
        r.idempotencyKey.startsWith("policy-"),
      );
      expect(policy.map((r) => r.idempotencyKey)).toEqual([
        `policy-${written.ok ? written.entryId : 0}`,
        `policy-${written.ok ? written.entryId : 0}`,
      ]);
    } finally {
      await store.close();
    }
  });

  it("a violation beginning is enqueued with the event, under the event's id", async () => {
    const store = await open();
    try {
      await subscribe(store, ["violation"]);
      const [id] = await store.watch.recordJudgements(
        [],
        [
          {
            kind: "violation-began",
            orgGuid: ORG,
            spaceGuid: "s-prod",
            spaceName: "prod",
            rule: "1",
            reasons: ["Public egress is on"],
            cause: { kind: "new-space" },
            windowFrom: T0 - 300_000,
            windowTo: T0,
          },
        ],
      );
      const [claimed] = await store.alerts.claimDue(1, 30_000);
      expect(claimed?.idempotencyKey).toBe(`violation-began-${id}`);
      expect(JSON.parse(claimed?.payload ?? "{}")).toMatchObject({
        summary: "violates rule 1: Public egress is on",
        cause: "a new space",
      });
    } finally {
      await store.close();
    }
  });

  it("claims: two instances claiming at once take different rows, and a claim is not taken again before it ends", async () => {
    const store = await open();
    const other = await h.another();
    try {
      await subscribe(store, ["drift"]);
      for (let i = 0; i < 6; i++) await store.observe(observation(T0, [space(`s-${i}`)]));
      h.clock = T0 + 1000;
      await store.observe(
        observation(
          T0 + 500,
          [0, 1, 2, 3, 4, 5].map((i) => space(`s-${i}`, [TRUSTED])),
        ),
      );
      const [a, b] = await Promise.all([store.alerts.claimDue(7, 30_000), other.alerts.claimDue(7, 30_000)]);
      const ids = [...(a ?? []), ...(b ?? [])].map((c) => c.id);
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
      expect(await store.alerts.claimDue(10, 30_000)).toEqual([]);
      // The claim ran out (its sender died): the rows are due again, at least once.
      h.clock = T0 + 1000 + 30_001;
      expect(await other.alerts.claimDue(20, 30_000)).toHaveLength(12);
    } finally {
      await store.close();
    }
  });

  it("an attempt's result: delivered, tried again later, or failed with its error; a lapsed claim records nothing", async () => {
    const store = await open();
    try {
      await subscribe(store, ["drift"]);
      await store.observe(observation(T0, [space("s-dev")]));
      h.clock = T0 + 1000;
      await store.observe(observation(T0 + 500, [space("s-dev", [TRUSTED])]));
      const [first, second] = await store.alerts.claimDue(10, 30_000);
      if (!first || !second) throw new Error("two deliveries expected");
      await store.alerts.recordAttempt(first, { ok: true, status: 204 });
      await store.alerts.recordAttempt(second, {
        ok: false,
        status: 500,
        error: "The webhook answered HTTP 500",
        retryAt: T0 + 5000,
      });
      // Not due before its retry time.
      expect(await store.alerts.claimDue(10, 30_000)).toEqual([]);
      h.clock = T0 + 5000;
      const [again] = await store.alerts.claimDue(10, 30_000);
      expect(again).toMatchObject({ id: second.id, attempts: 1 });
      // A stale claim (the first one) cannot overwrite the new claim's result.
      await store.alerts.recordAttempt(second, { ok: true, status: 200 });
      await store.alerts.recordAttempt(again ?? second, {
        ok: false,
        status: null,
        error: "Could not reach the webhook: ECONNREFUSED",
        retryAt: null,
      });
      const rows = await store.alerts.deliveries(ORG, 10);
      expect(rows.find((r) => r.id === first.id)).toMatchObject({
        state: "delivered",
        attempts: 1,
        lastStatus: 204,
      });
      expect(rows.find((r) => r.id === second.id)).toMatchObject({
        state: "failed",
        attempts: 2,
        lastError: "Could not reach the webhook: ECONNREFUSED",
      });
      expect(await store.alerts.deliveryCounts()).toEqual({ pending: 0, delivered: 1, failed: 1 });
      const summary = await store.alerts.destinations(ORG);
      const counts = (id: number) => summary.find((d) => d.id === id);
      expect(counts(first.destination.id)).toMatchObject({ delivered: 1, failed: 0, pending: 0 });
      expect(counts(second.destination.id)).toMatchObject({ delivered: 0, failed: 1, pending: 0 });
    } finally {
      await store.close();
    }
  });

  it("a destination is removed with its deliveries, and only within its own org", async () => {
    const store = await open();
    try {
      const { hook } = await subscribe(store, ["drift"]);
      await store.observe(observation(T0, [space("s-dev")]));
      h.clock = T0 + 1000;
      await store.observe(observation(T0 + 500, [space("s-dev", [TRUSTED])]));
      expect(await store.alerts.removeDestination(OTHER_ORG, hook)).toBe(false);
      expect(await store.alerts.removeDestination(ORG, hook)).toBe(true);
      expect((await store.alerts.deliveries(ORG, 10)).map((r) => r.channel)).toEqual(["email"]);
      expect(await store.alerts.destination(ORG, hook)).toBeNull();
      expect(await store.alerts.subscriptions(ORG)).toEqual(["drift"]);
    } finally {
      await store.close();
    }
  });
});
