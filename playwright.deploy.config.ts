import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * The deployment suite (e2e/deploy): the production build (dist/) as Cloud
 * Foundry runs it, two instances behind one route over one PostgreSQL, with
 * one stand-in. `npm run test:deploy` (scripts/test-deploy.sh) starts a
 * throwaway PostgreSQL and sets DATABASE_URL; `npm test` and CI run it.
 *
 *   127.0.0.1:3600   the "router" (e2e/deploy/support/balancer.mts): a, b or round robin
 *   127.0.0.1:3601   instance a          127.0.0.1:3602   instance b
 *   127.0.0.1:3603   instance c, on platforms/cf-deployment.json (the posture test)
 *   127.0.0.1:3610+  servers the process and production tests start and stop themselves
 *   free ports       the watcher test's two instances (e2e/deploy/watch.spec.ts), which the system picks
 *   127.0.0.1:9622   the stand-in's CF API, 9623 its UAA
 *
 * Ports apart from the main suite's (3100, 9122, 9123) and the other suites'.
 */

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) {
  throw new Error("the deployment suite needs DATABASE_URL: run it with npm run test:deploy");
}

function systemChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((path): path is string => !!path && existsSync(path));
}
const runningAsRoot = typeof process.getuid === "function" && process.getuid() === 0;

const ROUTE_PORT = 3600;
const INSTANCES = { a: 3601, b: 3602, c: 3603 } as const;
const CF_PORT = 9622;
const UAA_PORT = 9623;
const SIM_URL = `http://127.0.0.1:${CF_PORT}`;
const CF_TIMEOUT_MS = 4000;

/** Shared by every instance, as docs/deploy.md's deployment requires. */
const AUTH_SECRET = "deploy-e2e-auth-secret-never-logged-0123456789";
const NEXT_SERVER_ACTIONS_ENCRYPTION_KEY = Buffer.alloc(32, 42).toString("base64");
const CLIENT_SECRET = "deploy-e2e-client-secret";

const logOf = (port: number) => `test-results/deploy-app-${port}.log`;

/** What the specs read from the environment (e2e/deploy/support/deploy.ts). */
Object.assign(process.env, {
  E2E_SIM_URL: SIM_URL,
  E2E_ROUTE_URL: `http://127.0.0.1:${ROUTE_PORT}`,
  E2E_INSTANCE_A: `http://127.0.0.1:${INSTANCES.a}`,
  E2E_INSTANCE_B: `http://127.0.0.1:${INSTANCES.b}`,
  E2E_INSTANCE_C: `http://127.0.0.1:${INSTANCES.c}`,
  E2E_APP_LOGS: [INSTANCES.a, INSTANCES.b, INSTANCES.c].map(logOf).join(","),
  E2E_SECRETS: [AUTH_SECRET, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, CLIENT_SECRET].join(","),
  E2E_AUTH_SECRET: AUTH_SECRET,
  E2E_ACTIONS_KEY: NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
  E2E_CLIENT_SECRET: CLIENT_SECRET,
  E2E_CF_TIMEOUT_MS: String(CF_TIMEOUT_MS),
});

const origins = [ROUTE_PORT, INSTANCES.a, INSTANCES.b, INSTANCES.c, 3611, 3612].flatMap((port) => [
  `http://127.0.0.1:${port}`,
  `http://localhost:${port}`,
]);

function instance(name: keyof typeof INSTANCES, build: boolean, extra: Record<string, string> = {}) {
  const port = INSTANCES[name];
  return {
    command: `${build ? "npm run build && " : ""}mkdir -p test-results && exec node dist/start.cjs > ${logOf(port)} 2>&1`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: build ? 300_000 : 60_000,
    reuseExistingServer: false,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 10_000 },
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      CF_API_URL: SIM_URL,
      CF_REQUEST_TIMEOUT_MS: String(CF_TIMEOUT_MS),
      UAA_CLIENT_SECRET: CLIENT_SECRET,
      AUTH_SECRET,
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
      DATABASE_URL: DATABASE_URL as string,
      NEXT_TELEMETRY_DISABLED: "1",
      ...extra,
    },
  };
}

export default defineConfig({
  testDir: "./e2e/deploy",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${ROUTE_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "deploy",
      testIgnore: ["log-hygiene.spec.ts"],
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: systemChromium(),
          args: [
            ...(runningAsRoot ? ["--no-sandbox"] : []),
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
    { name: "logs", testMatch: "log-hygiene.spec.ts", dependencies: ["deploy"] },
  ],
  webServer: [
    {
      command: [
        `npx tsx sim/main.mts --quiet --cf-port ${CF_PORT} --uaa-port ${UAA_PORT}`,
        ...origins.map((o) => `--app-origin ${o}`),
      ].join(" "),
      url: `${SIM_URL}/v3/info`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: { UAA_CLIENT_SECRET: CLIENT_SECRET },
    },
    // Started one after the other: the first builds dist/ unless `npm test` has just built it.
    instance("a", !process.env.E2E_REUSE_BUILD),
    instance("b", false),
    instance("c", false, { EGRESS_CATALOG_FILE: "platforms/cf-deployment.json" }),
    {
      command: `npx tsx e2e/deploy/support/balancer.mts --port ${ROUTE_PORT} --target a=${INSTANCES.a} --target b=${INSTANCES.b}`,
      url: `http://127.0.0.1:${ROUTE_PORT}/__balancer`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
