import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * Uses a system Chromium when one is present (CI machines and this project's
 * sandbox cannot download Playwright's own browser), and Playwright's browser
 * otherwise, so the suite also runs on an ordinary laptop.
 */
function systemChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

const executablePath = systemChromium();
const runningAsRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Test ports differ from the demo's (3000, 9022, 9023), so a running demo does not get in the way. */
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const CF_PORT = Number(process.env.E2E_CF_PORT ?? 9122);
const UAA_PORT = Number(process.env.E2E_UAA_PORT ?? 9123);
/** The stand-in's DNS server (sim/dns.ts), beside its CF port unless named, so parallel runs differ too. */
const DNS_PORT = Number(process.env.E2E_DNS_PORT ?? CF_PORT + 31);
const baseURL = `http://localhost:${APP_PORT}`;
/** A fresh change history per run (SQLite), so runs do not see each other's entries. */
const DATA_DIR = (process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "egress-e2e-")));
/** Short, so the fault suite can make CF slower than the dashboard waits within a test's time. */
const CF_TIMEOUT_MS = 4000;
process.env.E2E_CF_TIMEOUT_MS = String(CF_TIMEOUT_MS);
export const SIM_URL = `http://127.0.0.1:${CF_PORT}`;
process.env.E2E_SIM_URL = SIM_URL;
/**
 * The servers run with the demo's AUTH_SECRET and client secret (lib/env/), like a second server a
 * spec starts itself; the log check (e2e/log-hygiene.spec.ts) makes sure no log line ever holds them.
 */
const AUTH_SECRET = "demo-only-secret-do-not-use-in-production-0123456789";
/** The app server's output, JSON lines (pino); Playwright empties test-results before starting servers. */
const APP_LOG = `test-results/app-${APP_PORT}.log`;
process.env.E2E_APP_LOGS = APP_LOG;
process.env.E2E_SECRETS = [AUTH_SECRET, "demo-client-secret"].join(",");

/** The system's Chromium (or Playwright's), as a desktop Chrome. */
const browser = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath,
    args: [
      ...(runningAsRoot ? ["--no-sandbox"] : []),
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  },
};

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      testIgnore: ["deploy/**", "log-hygiene.spec.ts", "tour.spec.ts"],
      use: browser,
    },
    {
      // The tour of every page as every user (no console error), after the other browser tests: alone
      // it runs alone (no dependency), and in a whole run it comes after them (one worker, in order).
      name: "tour",
      testMatch: "tour.spec.ts",
      testIgnore: "deploy/**",
      use: { ...browser, viewport: { width: 1280, height: 800 } },
    },
    {
      // After every browser test: the server's logs of the whole run hold no token, cookie or secret.
      name: "logs",
      testMatch: "log-hygiene.spec.ts",
      testIgnore: "deploy/**",
      dependencies: ["chromium", "tour"],
    },
  ],
  webServer: [
    {
      // The local Cloud Foundry stand-in; the dashboard's redirect URIs cover both test origins.
      command: `npx tsx sim/main.mts --quiet --cf-port ${CF_PORT} --uaa-port ${UAA_PORT} --dns-port ${DNS_PORT} --app-origin http://localhost:${APP_PORT} --app-origin http://127.0.0.1:${APP_PORT}`,
      url: `${SIM_URL}/v3/info`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // What is deployed: dist/, built by `npm run build` (skipped when the caller built it just before).
      command: `${process.env.E2E_REUSE_BUILD ? "" : "npm run build && "}mkdir -p test-results && exec node dist/start.cjs > ${APP_LOG} 2>&1`,
      url: `http://127.0.0.1:${APP_PORT}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      // The server's own graceful shutdown (scripts/dist/start.cjs), as Cloud Foundry stops it.
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      env: {
        PORT: String(APP_PORT),
        HOST: "127.0.0.1",
        CF_API_URL: SIM_URL,
        // "Can my app reach …?" resolves the stand-in's invented hosts with its DNS server.
        DNS_SERVER: `127.0.0.1:${DNS_PORT}`,
        CF_REQUEST_TIMEOUT_MS: String(CF_TIMEOUT_MS),
        DATA_DIR,
        // A few of the e2e app's CF timeouts: what was in flight in one test is settled by the next.
        CHANGE_IN_FLIGHT_MS: String(3 * CF_TIMEOUT_MS),
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});
