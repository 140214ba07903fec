import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { verifySignature } from "../lib/alerts/signature";
import { startReceiver, type Received } from "../lib/alerts/test-support/receiver";
import { startSmtpSink } from "../lib/alerts/test-support/smtp-sink";
import { ids } from "../sim/seed";
import { expect, test } from "./support/fixtures";
import { callFormAction } from "./support/server-actions";
import { SIM_URL } from "./support/sim";
import { watcherApp } from "./support/watcher-app";

/**
 * Alerts (docs/design.md §12) on a server of their own over the same build
 * and stand-in, with the watcher every 2 s, a webhook receiver and an SMTP
 * sink started here on 127.0.0.1, and retries every 1, 2, 4… s (6 attempts):
 * olivia (OrgManager) subscribes agency-alpha, adds a webhook and an email
 * address and sends a test; a bind made straight to CF becomes a drift the
 * watcher finds, delivered to both, signed; a destination that cannot be
 * reached ends "failed" with its error; the receiver down for three cycles
 * and the app restarted meanwhile loses nothing and delivers each event once;
 * audrey (OrgAuditor) reads the page and cannot add a destination, even by a
 * forged action. The history is SQLite, read here behind the server's back.
 */

const { orgs: o, spaces: s, securityGroups: g } = ids;
const INTERVAL_S = 2;
const app = watcherApp("alerts", 70, INTERVAL_S);
const { origin, rows, cycleAfter, signedIn } = app;
const alertsPath = `/orgs/${o.alpha}/alerts`;

let receiverUp = true;
/** Requests the receiver answered 2xx: each delivered alert. */
const accepted: Received[] = [];
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let secret = "";

/** The app with its SMTP sink and retries every 1, 2, 4… s (6 attempts), its first cycle done. */
const startApp = () => app.start({ SMTP_URL: smtp.url, ALERT_RETRY_SECONDS: "1", ALERT_MAX_ATTEMPTS: "6" });

async function axeViolations(page: Page): Promise<string[]> {
  return (await new AxeBuilder({ page }).analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

const payloadOf = (r: Received) =>
  JSON.parse(r.body) as { id: string; kind: string; space: { guid: string } | null; text: string };

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  expect((await fetch(`${SIM_URL}/__sim/reset`, { method: "POST" })).status).toBe(204);
  receiver = await startReceiver((request, res) => {
    if (!receiverUp) return res.writeHead(503).end();
    accepted.push(request);
    res.writeHead(204).end();
  });
  smtp = await startSmtpSink();
  await startApp();
});

test.afterAll(async () => {
  await app.stop();
  await receiver.close();
  await smtp.close();
});

test("olivia subscribes the org, adds a webhook and an email, sends a test; a CLI bind reaches both, signed", async ({
  browser,
  sim,
}) => {
  test.setTimeout(90_000);
  const page = await signedIn(browser, "olivia");
  await page.goto(alertsPath);
  await expect(page.getByRole("heading", { level: 1, name: "Alerts of agency-alpha" })).toBeVisible();
  // Reached from the org's page, beside Activity and Policy.
  await page.goto(`/orgs/${o.alpha}`);
  await page.getByRole("link", { name: "Alerts" }).click();
  await expect(page).toHaveURL(new RegExp(`${alertsPath}$`));

  await page.getByLabel("Drift").check();
  await page.getByLabel("Public egress opened").check();
  await page.getByRole("button", { name: "Save the kinds" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved: 2 kinds" })).toBeVisible();

  // A private address is refused at save, with its reason; nothing is added.
  await page.getByLabel("Webhook URL").fill("http://10.0.0.5/hook");
  await page.getByRole("button", { name: "Add destination" }).click();
  await expect(page.getByText(/10\.0\.0\.5 is a private address \(RFC 1918\)/).first()).toBeVisible();

  await page.getByLabel("Webhook URL").fill(`http://127.0.0.1:${receiver.port}/hook`);
  await page.getByRole("button", { name: "Add destination" }).click();
  await expect(page.getByText("Copy its signing secret now")).toBeVisible();
  secret = (await page.getByTestId("webhook-secret").textContent()) ?? "";
  expect(secret).toMatch(/^whsec_/);

  await page.getByLabel("Email", { exact: true }).check();
  await page.getByLabel("Email address").fill("platform-team@example.org");
  await page.getByRole("button", { name: "Add destination" }).click();
  await expect(page.getByText("Email address added.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0); // shown once, never again

  const hookRow = page.getByRole("row").filter({ hasText: `127.0.0.1:${receiver.port}/hook` });
  await hookRow.getByRole("button", { name: "Send a test" }).click();
  await expect(hookRow.getByText("Test delivered (HTTP 204).")).toBeVisible();
  const mailRow = page.getByRole("row").filter({ hasText: "platform-team@example.org" });
  await mailRow.getByRole("button", { name: "Send a test" }).click();
  await expect(mailRow.getByText("Test delivered.")).toBeVisible();
  expect(accepted.map(payloadOf).map((p) => p.kind)).toEqual(["test"]);
  expect(smtp.mails.map((m) => /Subject: (.*)/.exec(m.raw)?.[1])).toEqual([
    "[Egress dashboard] Test alert: agency-alpha",
  ]);
  expect(await axeViolations(page)).toEqual([]);

  // A bind straight to CF, nobody on a page: the watcher finds the drift, and both destinations get it.
  await cycleAfter(Date.now());
  expect(
    (
      await sim.cfAs("admin", "POST", `/v3/security_groups/${g.public}/relationships/running_spaces`, {
        data: [{ guid: s.alphaDev }],
      })
    ).status,
  ).toBe(200);
  const forDev = (kind: string) =>
    accepted.filter((r) => payloadOf(r).kind === kind && payloadOf(r).space?.guid === s.alphaDev);
  await expect.poll(() => forDev("drift").length, { timeout: (2 * INTERVAL_S + 6) * 1000 }).toBe(1);
  await expect.poll(() => forDev("public-egress-opened").length, { timeout: 5000 }).toBe(1);
  const [drift] = forDev("drift");
  if (!drift) throw new Error("no drift delivered");
  expect(payloadOf(drift).text).toMatch(
    /^Drift in agency-alpha\/dev: public_networks_egress bound \(running\)/,
  );
  expect(drift.headers["idempotency-key"]).toBe(payloadOf(drift).id);
  expect(
    verifySignature({
      secret,
      body: drift.body,
      timestamp: String(drift.headers["x-egress-timestamp"]),
      signature: String(drift.headers["x-egress-signature"]),
    }),
  ).toBe(true);
  expect(
    verifySignature({
      secret: "whsec_wrong",
      body: drift.body,
      timestamp: String(drift.headers["x-egress-timestamp"]),
      signature: String(drift.headers["x-egress-signature"]),
    }),
  ).toBe(false);
  await expect
    .poll(
      () =>
        smtp.mails.filter((m) => m.raw.includes("Subject: [Egress dashboard] Drift: agency-alpha/dev"))
          .length,
    )
    .toBe(1);
  await page.reload();
  await expect(page.getByTestId("delivery").filter({ hasText: "drift" }).first()).toHaveAttribute(
    "data-state",
    "delivered",
  );
});

test("a destination that cannot be reached says why at the test, and its deliveries end failed with their error", async ({
  browser,
  sim,
}) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, "olivia");
  await page.goto(alertsPath);
  // A port nothing listens on (the receiver's, once closed would do; this one was never opened).
  const closed = await startReceiver();
  const deadUrl = `http://127.0.0.1:${closed.port}/gone`;
  await closed.close();
  await page.getByLabel("Webhook URL").fill(deadUrl);
  await page.getByRole("button", { name: "Add destination" }).click();
  await expect(page.getByText("Copy its signing secret now")).toBeVisible();
  await page.reload();
  const deadRow = page.getByRole("row").filter({ hasText: deadUrl });
  await deadRow.getByRole("button", { name: "Send a test" }).click();
  await expect(deadRow.getByRole("alert")).toHaveText(
    "The test was not delivered: Could not reach the webhook: ECONNREFUSED.",
  );

  await cycleAfter(Date.now());
  expect(
    (
      await sim.cfAs("admin", "POST", `/v3/security_groups/${g.trustedLocal}/relationships/running_spaces`, {
        data: [{ guid: s.alphaDev }],
      })
    ).status,
  ).toBe(200);
  // Six attempts, 1 + 2 + 4 + 8 + 16 s apart: failed about half a minute after the drift.
  const failed = page
    .getByTestId("delivery")
    .filter({ hasText: deadUrl })
    .and(page.locator('[data-state="failed"]'));
  await expect(async () => {
    await page.reload();
    await expect(failed.first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000, intervals: [2000] });
  await expect(failed.first()).toContainText("Could not reach the webhook: ECONNREFUSED");
  expect(
    rows<{ attempts: number; last_error: string }>(
      `select d.attempts, d.last_error from alert_deliveries d join alert_destinations t on t.id = d.destination_id
       where t.target = ? and d.state = 'failed'`,
      deadUrl,
    ),
  ).toContainEqual({ attempts: 6, last_error: "Could not reach the webhook: ECONNREFUSED" });
  // Meanwhile the working webhook got the same event, once.
  const key = await failed.first().locator("code").textContent();
  expect(accepted.filter((r) => r.headers["idempotency-key"] === key)).toHaveLength(1);

  await page.reload();
  await deadRow.getByRole("button", { name: "Remove" }).click();
  // The page is rendered again without it (its deliveries gone with it), and says so beside the table.
  await expect(
    page.getByRole("status").filter({ hasText: "Destination removed, with its deliveries." }),
  ).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: deadUrl })).toHaveCount(0);
  await page.reload();
  await expect(page.getByText(deadUrl)).toHaveCount(0);
});

test("the receiver down for three cycles and the app restarted meanwhile: every event delivered, once per key", async ({
  sim,
}) => {
  test.setTimeout(120_000);
  await cycleAfter(Date.now()); // the fixture's reset of the world, seen
  const start = Date.now();
  receiverUp = false;
  const bind = (guid: string, how: "POST" | "DELETE") =>
    sim.cfAs(
      "admin",
      how,
      how === "POST"
        ? `/v3/security_groups/${g.trustedLocal}/relationships/running_spaces`
        : `/v3/security_groups/${g.trustedLocal}/relationships/running_spaces/${guid}`,
      how === "POST" ? { data: [{ guid }] } : undefined,
    );
  // One change a cycle, three cycles: three drifts, each alerted while nothing can receive it.
  for (const how of ["POST", "DELETE", "POST"] as const) {
    const status = (await bind(s.alphaDev, how)).status;
    expect([200, 204]).toContain(status);
    await cycleAfter(Date.now());
  }
  type Key = { idempotency_key: string; state: string; attempts: number };
  const drifts = () =>
    rows<Key>(
      `select d.idempotency_key, d.state, d.attempts from alert_deliveries d
       join alert_destinations t on t.id = d.destination_id
       where t.channel = 'webhook' and d.kind = 'drift' and d.created_at >= ?`,
      start,
    );
  await expect.poll(() => drifts().length).toBeGreaterThanOrEqual(3);
  expect(drifts().every((d) => d.state === "pending")).toBe(true);
  expect(drifts().some((d) => d.attempts > 0)).toBe(true); // tried, refused (503), waiting
  const health = (await (await fetch(`${origin}/api/health`)).json()) as {
    alerts: { pending: number } | null;
  };
  expect(health.alerts?.pending).toBeGreaterThanOrEqual(3);

  await app.stop(); // pending deliveries are in the database, nowhere else
  receiverUp = true;
  await startApp();

  await expect.poll(() => drifts().every((d) => d.state === "delivered"), { timeout: 30_000 }).toBe(true);
  const expected = drifts().map((d) => d.idempotency_key);
  const entries = rows<{ id: number }>(
    "select id from history_entries where kind = 'drift' and space_guid = ? and occurred_at >= ?",
    s.alphaDev,
    start,
  ).map((e) => `drift-${e.id}`);
  expect(expected.sort()).toEqual(entries.sort()); // every drift recorded was enqueued
  for (const key of expected) {
    expect(
      accepted.filter((r) => r.headers["idempotency-key"] === key),
      key,
    ).toHaveLength(1);
  }
});

test("audrey (OrgAuditor) reads the kinds only, and a forged add is refused", async ({ browser }) => {
  test.setTimeout(90_000); // three users sign in through the UAA form
  const manager = await signedIn(browser, "olivia");
  await manager.goto(alertsPath);
  await manager.getByLabel("Drift").check();
  await manager.getByRole("button", { name: "Save the kinds" }).click();
  await expect(manager.getByRole("status").filter({ hasText: "Saved:" })).toBeVisible();
  // The add action's id, as the UI posts it (the POST is let through: it adds a webhook for olivia).
  const posted = manager.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await manager.getByLabel("Webhook URL").fill(`http://127.0.0.1:${receiver.port}/olivia`);
  await manager.getByRole("button", { name: "Add destination" }).click();
  const action = { id: (await posted).headers()["next-action"] ?? "", path: alertsPath };
  await expect(manager.getByText("Copy its signing secret now")).toBeVisible();

  const page = await signedIn(browser, "audrey");
  await page.goto(alertsPath);
  await expect(page.getByRole("heading", { level: 1, name: "Alerts of agency-alpha" })).toBeVisible();
  await expect(
    page.getByText(/Only an OrgManager of agency-alpha or a platform admin can choose its alerts/),
  ).toBeVisible();
  await expect(page.getByText(/^Drift: /)).toBeVisible();
  await expect(page.getByRole("button", { name: "Add destination" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send a test" })).toHaveCount(0);
  await expect(page.getByText(`127.0.0.1:${receiver.port}`)).toHaveCount(0); // targets are the managers'
  expect(await axeViolations(page)).toEqual([]);

  const count = () => rows<{ n: number }>("select count(*) as n from alert_destinations")[0]?.n ?? 0;
  const before = count();
  const forged = await callFormAction(page.request, action, {
    orgGuid: o.alpha,
    channel: "webhook",
    target: `http://127.0.0.1:${receiver.port}/audrey`,
  });
  expect(forged.result).toMatchObject({ ok: false, kind: "forbidden" });
  expect(forged.result?.message).toMatch(/Only an OrgManager of agency-alpha/);
  expect(count()).toBe(before);
  // bruno (OrgManager of another org) does not see agency-alpha at all.
  const bruno = await signedIn(browser, "bruno");
  const response = await bruno.goto(alertsPath);
  expect(response?.status()).toBe(404);
  const refused = await callFormAction(bruno.request, action, {
    orgGuid: o.alpha,
    channel: "webhook",
    target: `http://127.0.0.1:${receiver.port}/bruno`,
  });
  expect(refused.result).toMatchObject({ ok: false, kind: "not-found" });
  expect(count()).toBe(before);
});
