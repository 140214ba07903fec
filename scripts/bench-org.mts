/**
 * `npm run bench:org`: the budgets of docs/design.md §8 for the org matrix,
 * measured, not guessed.
 *
 * - Server time: the stand-in holds an org of 1,000 spaces and 50 security
 *   groups and adds 50 ms to every CF request; the production build renders
 *   that org's page for a signed-in admin. Budget: under 400 ms.
 * - CF requests per render, for that org and for an org of 10 spaces.
 * - First-load JS of the org page, gzipped, against the landing page.
 *   Budget: within 50 kB of it.
 *
 * Bounded: 15 timed renders, local ports only (127.0.0.1:3400, 9422, 9423).
 * Builds the app first when there is no build.
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { generateWorld } from "../sim/generate";
import { seed } from "../sim/seed";
import { startSim } from "../sim/server";
import { stableGuid } from "../sim/world";
import { firstLoadJs } from "./lib/first-load-js";
import { exited, startProcess, stopAll, stopAllOnSignals, stopProcess, waitFor } from "./lib/processes";

const APP = "http://127.0.0.1:3400";
const RUNS = 15;
const LATENCY_MS = 50;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

if (!existsSync("dist/start.cjs")) {
  console.log("bench: building the app (npm run build: dist/)…");
  const code = await exited(startProcess("npm", ["run", "build"], { env: { NEXT_TELEMETRY_DISABLED: "1" } }));
  if (code !== 0) process.exit(code);
}

const sim = await startSim({
  cfPort: 9422,
  uaaPort: 9423,
  seed: generateWorld(seed, { orgSizes: [1000, 10], groups: 50 }),
  appOrigins: [APP],
});
stopAllOnSignals();
// The build as deployed (dist/, as `cf push` uploads it).
const app = startProcess("node", ["dist/start.cjs"], {
  env: { HOST: "127.0.0.1", PORT: "3400", CF_API_URL: sim.cfUrl, NEXT_TELEMETRY_DISABLED: "1" },
});
const big = stableGuid("org:0");
const small = stableGuid("org:1");

try {
  await waitFor(`${APP}/api/health`);
  const browser = await chromium.launch({
    executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const page = await browser.newPage();
  await page.goto(`${APP}/signin?callbackUrl=/orgs`);
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/orgs$/);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  // The tab must not prefetch org pages in the background while requests are counted.
  await page.goto("about:blank");

  const render = async (path: string) => {
    const started = performance.now();
    const response = await fetch(`${APP}${path}`, { headers: { cookie } });
    const html = await response.text();
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return { ms: performance.now() - started, html };
  };

  // CF requests per render, without added latency.
  const counts: Record<string, number> = {};
  for (const [name, guid] of [
    ["1,000 spaces", big],
    ["10 spaces", small],
  ] as const) {
    sim.reset(); // clears the request log; the generated world is this run's seed
    await render(`/orgs/${guid}`);
    counts[name] = sim.requests().filter((r) => r.path.startsWith("/v3/")).length;
  }

  await fetch(`${sim.cfUrl}/__sim/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ latency_ms: LATENCY_MS }),
  });
  await render(`/orgs/${big}`); // warm-up
  const times: number[] = [];
  let html = "";
  for (let i = 0; i < RUNS; i++) {
    const result = await render(`/orgs/${big}`);
    times.push(result.ms);
    html = result.html;
  }
  // The same data as JSON: loading and evaluation without rendering, to tell the two apart.
  const jsonTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) jsonTimes.push((await render(`/api/orgs/${big}/posture`)).ms);
  await fetch(`${sim.cfUrl}/__sim/faults`, { method: "DELETE" });

  // First-load JS against the landing page's.
  const landing = await (await fetch(`${APP}/`)).text();
  const orgJs = (await firstLoadJs(html, APP)).gzip_bytes;
  const baseJs = (await firstLoadJs(landing, APP)).gzip_bytes;
  await browser.close();

  const median = percentile(times, 0.5);
  const p90 = percentile(times, 0.9);
  console.log(`
Org matrix, 1,000 spaces, 50 groups, ${LATENCY_MS} ms per CF request (${RUNS} renders after a warm-up):
  server time  median ${median.toFixed(0)} ms, p90 ${p90.toFixed(0)} ms   (budget 400 ms)
  JSON export  median ${percentile(jsonTimes, 0.5).toFixed(0)} ms (the same CF reads and evaluation, no rendering)
  page size    ${(html.length / 1024).toFixed(0)} kB of HTML
CF requests per render: ${Object.entries(counts)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ")}   (budget: the same, whatever the size)
First-load JS, gzipped: org page ${(orgJs / 1024).toFixed(1)} kB, landing page ${(baseJs / 1024).toFixed(1)} kB, difference ${((orgJs - baseJs) / 1024).toFixed(1)} kB   (budget 50 kB)
`);
  const failed = median > 400 || counts["1,000 spaces"] !== counts["10 spaces"] || orgJs - baseJs > 50 * 1024;
  process.exitCode = failed ? 1 : 0;
} finally {
  await stopProcess(app);
  await stopAll();
  await sim.close();
}
