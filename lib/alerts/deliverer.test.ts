import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/store";
import type { AppDatabase } from "@/lib/db/types";
import { Deliverer } from "./deliverer";
import type { Resolver } from "./outbound-guard";
import { sealSecret } from "./secret-box";
import { verifySignature } from "./signature";
import { startReceiver } from "./test-support/receiver";
import { startSmtpSink } from "./test-support/smtp-sink";

/**
 * The delivery loop over a real store (SQLite), a real webhook receiver and a
 * real SMTP server, all on 127.0.0.1: a drift reaches both, signed; a
 * receiver that fails is tried again on the backoff schedule and, after the
 * last attempt, the delivery is failed with its error.
 */

const AUTH = "a-test-auth-secret-of-at-least-32-characters";
const SECRET = "whsec_deliverer";
const ORG = "org-alpha";
const T0 = 1_800_000_000_000;
const loopback: Resolver = () => Promise.resolve([{ address: "127.0.0.1", family: 4 }]);
const quiet = { info: () => {}, warn: () => {} };

describe("the delivery loop", () => {
  let dataDir: string;
  let store: AppDatabase;
  let clock: number;
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    clock = T0;
    dataDir = mkdtempSync(path.join(tmpdir(), "egress-alerts-"));
    store = await openDatabase({ dataDir, now: () => clock });
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function driftWith(hookUrl: string, email?: string) {
    await store.alerts.addDestination({
      orgGuid: ORG,
      orgName: "agency-alpha",
      channel: "webhook",
      target: hookUrl,
      secret: sealSecret(SECRET, AUTH),
      createdBy: "olivia",
    });
    if (email) {
      await store.alerts.addDestination({
        orgGuid: ORG,
        orgName: "agency-alpha",
        channel: "email",
        target: email,
        secret: null,
        createdBy: "olivia",
      });
    }
    await store.alerts.setSubscriptions(ORG, "agency-alpha", ["drift"]);
    const observe = (at: number, running: { guid: string; name: string }[]) =>
      store.observe({
        orgGuid: ORG,
        observedAt: at,
        spaces: [{ guid: "s-dev", name: "dev", running, staging: [] }],
        visibleGroupGuids: ["g-public"],
        pendingStaleAfterMs: 120_000,
      });
    await observe(T0, []);
    clock = T0 + 1000;
    await observe(T0 + 500, [{ guid: "g-public", name: "public_networks_egress" }]);
  }

  const deliverer = (smtpUrl?: string, maxAttempts = 3) =>
    new Deliverer({
      store: () => Promise.resolve(store),
      settings: {
        rule: "development",
        resolve: loopback,
        timeoutMs: 2000,
        authSecret: AUTH,
        smtpUrl,
        smtpFrom: "alerts@example.org",
      },
      retry: { baseMs: 1000, maxAttempts },
      pollMs: 1000,
      log: quiet,
      now: () => clock,
    });

  it("delivers a drift to a webhook, signed, and by email, once each", async () => {
    const receiver = await startReceiver();
    const smtp = await startSmtpSink();
    cleanups.push(receiver.close, smtp.close);
    await driftWith(`http://127.0.0.1:${receiver.port}/hook`, "team@example.org");

    expect(await deliverer(smtp.url).tick()).toBe(2);
    expect(await deliverer(smtp.url).tick()).toBe(0);

    const [hit] = receiver.received;
    expect(receiver.received).toHaveLength(1);
    const body = JSON.parse(hit?.body ?? "{}") as { id: string; kind: string; text: string };
    expect(body.kind).toBe("drift");
    expect(hit?.headers["idempotency-key"]).toBe(body.id);
    expect(
      verifySignature({
        secret: SECRET,
        body: hit?.body ?? "",
        timestamp: String(hit?.headers["x-egress-timestamp"]),
        signature: String(hit?.headers["x-egress-signature"]),
      }),
    ).toBe(true);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.to).toEqual(["team@example.org"]);
    expect(smtp.mails[0]?.raw).toContain("Subject: [Egress dashboard] Drift: agency-alpha/dev");
    expect(smtp.mails[0]?.raw).toContain(body.text.slice(0, 40));
    expect((await store.alerts.deliveries(ORG, 10)).map((d) => d.state)).toEqual(["delivered", "delivered"]);
  });

  it("retries a failing receiver with backoff, and fails the delivery after the last attempt with its error", async () => {
    let up = false;
    const receiver = await startReceiver((_, res) => res.writeHead(up ? 200 : 503).end());
    cleanups.push(receiver.close);
    await driftWith(`http://127.0.0.1:${receiver.port}/hook`, "team@example.org");
    const loop = deliverer(undefined, 3); // no SMTP_URL: the email delivery fails with the reason

    expect(await loop.tick()).toBe(2);
    let [email, hook] = await store.alerts.deliveries(ORG, 10);
    expect(hook).toMatchObject({
      state: "pending",
      attempts: 1,
      lastStatus: 503,
      nextAttemptAt: clock + 1000,
    });
    expect(hook?.lastError).toBe("The webhook answered HTTP 503");
    expect(email?.lastError).toBe("Email is not configured on this dashboard (SMTP_URL is unset)");

    expect(await loop.tick()).toBe(0); // not due yet
    clock += 1000;
    expect(await loop.tick()).toBe(2);
    [email, hook] = await store.alerts.deliveries(ORG, 10);
    expect(hook).toMatchObject({ state: "pending", attempts: 2, nextAttemptAt: clock + 2000 });
    clock += 2000;
    up = true;
    expect(await loop.tick()).toBe(2);
    [email, hook] = await store.alerts.deliveries(ORG, 10);
    expect(hook).toMatchObject({ state: "delivered", attempts: 3, lastError: null, lastStatus: 200 });
    expect(email).toMatchObject({ state: "failed", attempts: 3 });
    clock += 60_000;
    expect(await loop.tick()).toBe(0);
    // Every attempt carried the same body and key: the receiver can tell it is one event.
    expect(new Set(receiver.received.map((r) => r.headers["idempotency-key"])).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(receiver.received).toHaveLength(3);
  });
});
