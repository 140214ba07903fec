import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/fixtures";

test("the landing page explains the product and has a skip link", async ({ page }) => {
  const cspViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });

  await page.goto("/");
  await expect(page).toHaveTitle("Egress dashboard");
  await expect(page.getByRole("banner").getByRole("link", { name: "Egress dashboard" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    "what your Cloud Foundry apps can reach",
  );
  await expect(page.getByRole("contentinfo")).toBeVisible();

  // The skip link is the first thing a keyboard user reaches, and it moves focus to the content.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main-content")).toBeFocused();

  // The app's own scripts ran under the CSP (hydration), and nothing was refused.
  expect(cspViolations).toEqual([]);
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
});

test("pages carry a strict, per-request Content-Security-Policy and the other security headers", async ({
  request,
}) => {
  const first = await request.get("/");
  const second = await request.get("/");
  expect(first.status()).toBe(200);

  const csp = first.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, "script-src carries a nonce").toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(second.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);

  // Every inline script in the HTML carries this response's nonce.
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(first.headers()["x-frame-options"]).toBe("DENY");
  // HSTS only in production (VCAP_APPLICATION or DEPLOY_ENV), and the tests run the demo configuration.
  expect(first.headers()["strict-transport-security"]).toBeUndefined();
});

test("the health route answers ok, with the version and whether the CF API and the database answer", async ({
  request,
}) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({
    status: "ok",
    version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    build: expect.stringMatching(/^\d+\.\d+\.\d+/),
    instance: null,
    checks: {
      cf_api: { ok: true, ms: expect.any(Number) },
      database: { ok: true, ms: expect.any(Number), backend: "sqlite" },
    },
    // Verified a bounded step per answer (e2e/evidence.spec.ts tampers with it).
    history_chain: expect.objectContaining({
      state: "intact",
      summary: expect.stringMatching(/^intact through record \d+/),
    }),
    // The alert deliveries waiting and failed (e2e/alerts.spec.ts checks their delivery).
    alerts: { pending: expect.any(Number), failed: expect.any(Number) },
    // The test server has no watcher credential (e2e/watch.spec.ts starts one that has).
    watcher: { state: "off" },
  });
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["cache-control"]).toBe("no-store");
});
