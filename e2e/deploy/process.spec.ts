import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ids } from "../../sim/seed";
import { exited, startProcess, stopProcess } from "../../scripts/lib/processes";
import { SpacePage } from "../pages/space-page";
import { expect, test } from "../support/fixtures";
import { query, ROUTE, signIn } from "./support/deploy";

/**
 * The production server as a process: it refuses to start with a bad
 * configuration, saying what is wrong, and on SIGTERM it finishes the change
 * in flight (CF's write and the history's entry) before exiting 0.
 */

const { orgs: o, spaces: s, securityGroups: g } = ids;
const SIM_URL = process.env.E2E_SIM_URL ?? "";
const dist = path.resolve("dist");

/** A production configuration that starts (over https it would; here the server never serves). */
const PRODUCTION = {
  DEPLOY_ENV: "production",
  CF_API_URL: "https://api.sys.example.org",
  UAA_CLIENT_ID: "egress-dashboard",
  UAA_CLIENT_SECRET: "a-real-client-secret",
  AUTH_SECRET: "p".repeat(44),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
  DATABASE_URL: "postgres://egress:pw@127.0.0.1:1/egress",
  SUPPORT_EMAIL: "cloud-support@agency.gov",
};

/** Starts dist/ with `env`, waits for it to exit on its own, and answers its code and output. */
async function startExpectingExit(
  port: number,
  env: Record<string, string | undefined>,
): Promise<{ code: number; output: string }> {
  let output = "";
  const child = startProcess("node", [path.join(dist, "start.cjs")], {
    env: { PORT: String(port), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => void stopProcess(child), 30_000);
  const code = await exited(child);
  clearTimeout(timer);
  return { code, output };
}

const badFile = (name: string, content: string) => {
  mkdirSync(test.info().outputDir, { recursive: true });
  const file = path.join(test.info().outputDir, name);
  writeFileSync(file, content);
  return file;
};

test.describe("start-up refusals", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["no AUTH_SECRET", { AUTH_SECRET: "" }, "AUTH_SECRET: is required in production"],
    ["no UAA_CLIENT_ID", { UAA_CLIENT_ID: "" }, "UAA_CLIENT_ID: is required in production"],
    ["no UAA_CLIENT_SECRET", { UAA_CLIENT_SECRET: "" }, "UAA_CLIENT_SECRET: is required in production"],
    ["no CF_API_URL", { CF_API_URL: "" }, "CF_API_URL: is required in production"],
    ["an http CF_API_URL", { CF_API_URL: "http://api.sys.example.org" }, "CF_API_URL: must be an https URL"],
    ["no DATABASE_URL (SQLite)", { DATABASE_URL: "" }, "DATABASE_URL: is required in production"],
    [
      "a DATABASE_URL that is not PostgreSQL",
      { DATABASE_URL: "sqlite:history" },
      "DATABASE_URL: must be a postgres",
    ],
    [
      "no NEXT_SERVER_ACTIONS_ENCRYPTION_KEY",
      { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "" },
      "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: is required in production",
    ],
    [
      "the demo client secret",
      { UAA_CLIENT_SECRET: "demo-client-secret" },
      "UAA_CLIENT_SECRET: the demo secret",
    ],
  ];

  test("each missing or wrong production variable stops the server, named", async () => {
    test.setTimeout(180_000);
    // In parallel, each on its own port: every one listens briefly, then exits.
    const results = await Promise.all(
      cases.map(([, change], i) => startExpectingExit(3612 + i, { ...PRODUCTION, ...change })),
    );
    results.forEach(({ code, output }, i) => {
      const [what, , message] = cases[i] ?? [];
      expect(code, `${what}: exit code`).toBe(1);
      expect(output, what).toContain("egress-dashboard: refusing to start.");
      expect(output, what).toContain(message);
    });
  });

  test("a broken platform file stops the server, naming the variable, the file and the field", async () => {
    test.setTimeout(120_000);
    const notJson = badFile("not-json.json", "{ profiles: ");
    const badField = badFile(
      "bad-field.json",
      JSON.stringify({
        name: "x",
        profiles: [{ id: "public", label: "Public", group: "" }],
        destinations: [{ id: "web", label: "Web", asg_governed: true, endpoints: [] }],
      }),
    );
    const missing = path.join(test.info().outputDir, "missing.json");
    const [a, b, c] = await Promise.all([
      startExpectingExit(3630, { EGRESS_CATALOG_FILE: notJson }),
      startExpectingExit(3631, { EGRESS_CATALOG_FILE: badField }),
      startExpectingExit(3632, { EGRESS_CATALOG_FILE: missing }),
    ]);
    expect([a?.code, b?.code, c?.code]).toEqual([1, 1, 1]);
    expect(a?.output).toContain(`EGRESS_CATALOG_FILE (${notJson}): is not valid JSON`);
    expect(b?.output).toContain(`EGRESS_CATALOG_FILE (${badField}): profiles[0].group: must not be empty`);
    expect(b?.output).toContain(
      `EGRESS_CATALOG_FILE (${badField}): destinations[0].endpoints: a destination governed by ASGs needs at least one endpoint`,
    );
    expect(c?.output).toContain(`EGRESS_CATALOG_FILE (${missing}): cannot be read`);
  });
});

test("SIGTERM during a change: CF's write and its history entry complete, then the process exits 0", async ({
  page,
  sim,
}) => {
  test.setTimeout(120_000);
  const port = 3611;
  const origin = `http://127.0.0.1:${port}`;
  let output = "";
  const server = startProcess("node", [path.join(dist, "start.cjs")], {
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      CF_API_URL: SIM_URL,
      CF_REQUEST_TIMEOUT_MS: "8000",
      UAA_CLIENT_SECRET: process.env.E2E_CLIENT_SECRET,
      AUTH_SECRET: process.env.E2E_AUTH_SECRET,
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: process.env.E2E_ACTIONS_KEY,
      DATABASE_URL: process.env.DATABASE_URL,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    await expect(async () => expect((await fetch(`${origin}/api/health`)).ok).toBe(true)).toPass({
      timeout: 30_000,
    });
    // The session comes from the route: cookies belong to the host, 127.0.0.1, whatever the port.
    await signIn(page, "sam", ROUTE);
    await page.goto(`${origin}/orgs/${o.alpha}/spaces/${s.alphaDev}`);
    const space = new SpacePage(page);
    await expect(space.switch("Public egress")).not.toBeChecked();

    // CF takes 3 s to bind (and does bind): long enough to stop the server in the middle.
    await sim.faults({
      routes: [
        {
          method: "POST",
          path: `/v3/security_groups/${g.public}/relationships/running_spaces`,
          delay_ms: 3_000,
          passthrough: true,
        },
      ],
    });
    // The action's answer, read as it passes: the page cannot show it, since its refresh finds the server gone.
    const answered = new Promise<{ status: number; body: string }>((resolve) => {
      void page.route(`${origin}/**`, async (routed) => {
        if (routed.request().method() !== "POST" || !routed.request().headers()["next-action"])
          return routed.fallback();
        const response = await routed.fetch();
        const body = await response.text();
        resolve({ status: response.status(), body });
        await routed.fulfill({ response, body });
      });
    });
    const dialog = await space.flip("Public egress");
    await dialog.expectPreviewReady();
    await dialog.confirm();
    await page.waitForTimeout(1_000);
    server.kill("SIGTERM");

    const answer = await answered;
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("Public egress is now on for dev.");
    expect(await exited(server)).toBe(0);
    expect(output).toContain("shutting down: no new connections");
    expect(output).toContain('"msg":"stopped"');
    expect(output, "a token in the server's output").not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}/);
    expect(await sim.boundSpaces(g.public)).toContain(s.alphaDev);
    const entries = await query<{ outcome: string; user_name: string }>(
      `select outcome, user_name from history_entries
        where kind = 'change' and space_guid = $1 and group_guid = $2 and action = 'bind'
        order by id desc limit 1`,
      [s.alphaDev, g.public],
    );
    expect(entries).toEqual([{ outcome: "succeeded", user_name: "sam" }]);
  } finally {
    await stopProcess(server);
  }
});

test("/api/health says which dependency is down, and stays 200 so that the platform does not restart the app", async () => {
  const port = 3633;
  const server = startProcess("node", [path.join(dist, "start.cjs")], {
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      // Nothing listens there: the CF API is down.
      CF_API_URL: "http://127.0.0.1:9",
      DATABASE_URL: process.env.DATABASE_URL,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "ignore"],
  });
  try {
    let body: unknown;
    await expect(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(response.status).toBe(200);
      body = await response.json();
    }).toPass({ timeout: 30_000 });
    expect(body).toMatchObject({
      status: "degraded",
      version: expect.any(String),
      checks: {
        cf_api: { ok: false, error: expect.any(String) },
        database: { ok: true, backend: "postgres" },
      },
    });
    expect(JSON.stringify(body)).not.toContain(process.env.DATABASE_URL ?? "-");
  } finally {
    await stopProcess(server);
  }
});
