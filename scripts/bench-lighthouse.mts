/**
 * `npm run bench:lighthouse`: the browser budgets of docs/design.md §8.
 *
 * - First-load JS: the scripts a page's HTML references (`<script src>`, but
 *   not `nomodule` ones: Next's polyfills, which no browser that runs modules
 *   fetches), each fetched and gzipped (level 6), summed; the org page must
 *   stay within 50 kB of the landing page (signed out, the app's emptiest page).
 * - Lighthouse 12 (the npm package, pinned; docs/benchmarks.md says why)
 *   with the system Chromium: performance and accessibility, each ≥ 0.95, on
 *   every page of the list, for each form factor of `--form-factors`
 *   (default both: `mobile`, Lighthouse's default of a phone on a simulated
 *   slow 4G link with 4× CPU slowdown, and `desktop`, its desktop preset).
 *   Each page runs `--runs` times (default 5) per form factor and the run
 *   with the median performance score counts, as Lighthouse's docs advise
 *   against variance. The simulated throttling scales the CPU time the page
 *   really took, so a busy or slow machine lowers performance scores: note
 *   the load, and Lighthouse's own measure of the machine's speed, its
 *   benchmarkIndex (lhr.environment.benchmarkIndex: a fixed JavaScript loop
 *   timed before each run, higher is faster; below 1,000 Lighthouse warns
 *   that the host is slower than the one its throttling assumes), recorded
 *   beside every run, so that runs on different machines compare.
 *
 * Set-up: the stand-in with the seeded world plus a generated org of 1,000
 * spaces and 50 groups, the production build, real sign-ins through the UAA's
 * form; a signed-in page gets the session cookie through Lighthouse's
 * `extraHeaders`. A page that answers 404 is reported "not yet built" and
 * skipped, so that the list can name pages still being written.
 *
 *   npm run bench:lighthouse [-- --page name=/path[@user][#performance][~info] …] [--runs 5] [--form-factors mobile,desktop] [--skip-build] [--reports dir]
 *
 * `@user` signs the page in as that user; `#performance` (or `#accessibility`)
 * runs one category only; `~info` measures a page that is not a budget of
 * docs/design.md §8 (shown, marked "info", never a miss).
 * Paths may use {alpha} (the seeded org agency-alpha), {dev} (its space dev)
 * and {org1000} (the generated org of 1,000 spaces, whose user is `bench`).
 * Ports 127.0.0.1:3520 (app), 9542/9543 (stand-in), 9544 (Chromium's
 * debugging port). Writes bench/lighthouse.json; exits non-zero on a miss.
 */
import lighthouse, { desktopConfig, type Result as Lhr } from "lighthouse";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ids } from "../sim/seed";
import { ensureBuild, loadAverage, loadLine, machine, startStack } from "./lib/bench-stack";
import { BENCH_USER, DEMO_PASSWORD, generatedOrgGuid } from "./lib/bench-world";
import { firstLoadJs } from "./lib/first-load-js";
import { kB } from "./lib/measure";
import { waitFor } from "./lib/processes";
import { signIn } from "./lib/sign-in";
import { writeJson } from "./lib/write-json";

const DEFAULT_PAGES = [
  "landing=/",
  "org=/orgs/{alpha}@olivia",
  "space=/orgs/{alpha}/spaces/{dev}@olivia",
  "activity=/orgs/{alpha}/activity@olivia",
  "private-egress=/private-egress@olivia",
  // Performance only: axe over 1,000 rows outlasts Lighthouse's 60 s limit on 2 cores, and the
  // markup is the seeded org page's.
  // Not a budget (docs/design.md §8 names the five pages above): what 1,000 rows cost a phone.
  "org-1000=/orgs/{org1000}@bench#performance~info",
];

const { values } = parseArgs({
  options: {
    page: { type: "string", multiple: true },
    // Five, as Lighthouse's docs advise against its run-to-run variance (see "Variability").
    runs: { type: "string", default: "5" },
    "form-factors": { type: "string", default: "mobile,desktop" },
    "skip-build": { type: "boolean", default: false },
    out: { type: "string", default: "bench/lighthouse.json" },
    // A folder for every run's whole report (JSON), to read why a score is what it is.
    reports: { type: "string" },
  },
  strict: true,
});

const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 5) throw new Error("--runs: 1 to 5");
const MIN_SCORE = 0.95;
const JS_BUDGET_BYTES = 50_000;
const FORM_FACTORS = values["form-factors"].split(",") as ("mobile" | "desktop")[];
if (FORM_FACTORS.length === 0 || !FORM_FACTORS.every((f) => f === "mobile" || f === "desktop"))
  throw new Error("--form-factors: mobile, desktop or both");
const CHROMIUM = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const DEBUG_PORT = 9544;
const TIME_LIMIT_MS = 15 * 60_000;

const places: Record<string, string> = {
  alpha: ids.orgs.alpha,
  dev: ids.spaces.alphaDev,
  org1000: generatedOrgGuid(0),
};
const pages = (values.page ?? DEFAULT_PAGES).map((spec) => {
  const match = /^([\w-]+)=(\/[^@#~]*)(?:@([\w-]+))?(?:#(performance|accessibility))?(~info)?$/.exec(spec);
  if (!match)
    throw new Error(`--page ${spec}: expected name=/path[@user][#performance|#accessibility][~info]`);
  const [, name = "", rawPath = "", user, only, info] = match;
  const path = rawPath.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = places[key];
    if (!value) throw new Error(`--page ${spec}: unknown {${key}}`);
    return value;
  });
  return {
    name,
    path,
    user,
    categories: only ? [only] : ["performance", "accessibility"],
    budget: info === undefined,
  };
});
if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROME_PATH)`);

type Scores = {
  performance: number | null;
  accessibility: number | null;
  /** The machine's speed as Lighthouse measured it before the run that counts (higher is faster). */
  benchmark_index: number | null;
  runs: { performance: number | null; accessibility: number | null; benchmark_index: number | null }[];
  metrics: { fcp_ms: number; lcp_ms: number; tbt_ms: number; cls: number; si_ms: number; dom_size: number };
  /** What Lighthouse took as the largest paint, and its phases (TTFB, load delay, load time, render delay). */
  lcp_element: { label: string; phases_ms: Record<string, number> } | null;
  failed_audits: string[];
};
type PageResult = {
  name: string;
  path: string;
  user: string | null;
  /** false: measured for information, not a budget (`~info`). */
  budget: boolean;
  status: "measured" | "not yet built" | "failed";
  note?: string;
  first_load_js?: { scripts: number; gzip_bytes: number };
  lighthouse?: Partial<Record<"mobile" | "desktop", Scores>>;
};

const started = new Date();
const loadBefore = loadAverage();
console.log(`bench:lighthouse: load average ${loadBefore.join(", ")} on ${cpus().length} cores`);
await ensureBuild(values["skip-build"]);
const stack = await startStack({
  appPort: 3520,
  cfPort: 9542,
  uaaPort: 9543,
  world: { orgSizes: [1000], groups: 50 },
});
const deadline = setTimeout(() => {
  console.error("bench:lighthouse: over the time limit; stopping");
  void stack.stop().then(() => process.exit(2));
}, TIME_LIMIT_MS);
deadline.unref();

const score = (lhr: Lhr, category: string) => lhr.categories[category]?.score ?? null;
const benchmarkIndex = (lhr: Lhr) => {
  const index = lhr.environment.benchmarkIndex;
  return Number.isFinite(index) ? Math.round(index) : null;
};

type LcpDetails = {
  items?: { type?: string; items?: { node?: { nodeLabel?: string }; phase?: string; timing?: number }[] }[];
};

/** The largest paint's element and phases, from the audit that explains a slow LCP. */
function lcpElement(lhr: Lhr): Scores["lcp_element"] {
  const tables = (lhr.audits["largest-contentful-paint-element"]?.details as LcpDetails | undefined)?.items;
  const label = tables?.[0]?.items?.[0]?.node?.nodeLabel;
  if (!label) return null;
  const phases = Object.fromEntries(
    (tables?.[1]?.items ?? []).map((row) => [row.phase ?? "?", Math.round(row.timing ?? Number.NaN)]),
  );
  return { label, phases_ms: phases };
}

/** The run with the median performance score, summarised. */
function summarise(runs: Lhr[]): Scores {
  const ordered = [...runs].sort((a, b) => (score(a, "performance") ?? 0) - (score(b, "performance") ?? 0));
  const chosen = ordered[Math.floor((ordered.length - 1) / 2)];
  if (!chosen) throw new Error("no Lighthouse run");
  const metric = (id: string) => chosen.audits[id]?.numericValue ?? Number.NaN;
  const weighted = (category: string) =>
    new Set(chosen.categories[category]?.auditRefs.filter((ref) => ref.weight > 0).map((ref) => ref.id));
  const scored = new Set([...weighted("performance"), ...weighted("accessibility")]);
  return {
    performance: score(chosen, "performance"),
    accessibility: score(chosen, "accessibility"),
    benchmark_index: benchmarkIndex(chosen),
    runs: runs.map((lhr) => ({
      performance: score(lhr, "performance"),
      accessibility: score(lhr, "accessibility"),
      benchmark_index: benchmarkIndex(lhr),
    })),
    metrics: {
      fcp_ms: Math.round(metric("first-contentful-paint")),
      lcp_ms: Math.round(metric("largest-contentful-paint")),
      tbt_ms: Math.round(metric("total-blocking-time")),
      cls: Math.round(metric("cumulative-layout-shift") * 1000) / 1000,
      si_ms: Math.round(metric("speed-index")),
      dom_size: Math.round(metric("dom-size")),
    },
    lcp_element: lcpElement(chosen),
    failed_audits: Object.values(chosen.audits)
      .filter((a) => scored.has(a.id) && a.score !== null && a.score < 0.9)
      .map((a) => a.id),
  };
}

const profile = mkdtempSync(join(tmpdir(), "egress-lighthouse-"));
process.once("exit", () => rmSync(profile, { recursive: true, force: true })); // also after Ctrl-C
const results: PageResult[] = [];
try {
  const { app } = stack;
  stack.start(
    CHROMIUM,
    [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--user-data-dir=${profile}`,
      "--remote-debugging-address=127.0.0.1",
      `--remote-debugging-port=${DEBUG_PORT}`,
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "ignore"] },
  );
  await waitFor(`http://127.0.0.1:${DEBUG_PORT}/json/version`, 30_000);

  const cookies = new Map<string, string>();
  const cookieOf = async (user: string | undefined) => {
    if (!user) return undefined;
    if (!cookies.has(user)) cookies.set(user, await signIn(app, user, DEMO_PASSWORD));
    return cookies.get(user);
  };

  for (const page of pages) {
    const cookie = await cookieOf(page.user);
    const url = `${app}${page.path}`;
    const base = { name: page.name, path: page.path, user: page.user ?? null, budget: page.budget };
    const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    const html = await response.text();
    if (response.status === 404) {
      console.log(`bench:lighthouse: ${page.name} (${page.path}): not yet built (404), skipped`);
      results.push({ ...base, status: "not yet built" });
      continue;
    }
    if (response.status !== 200) {
      console.log(`bench:lighthouse: ${page.name} (${page.path}) answered ${response.status}`);
      results.push({ ...base, status: "failed", note: `answered ${response.status}` });
      continue;
    }
    const result: PageResult = {
      ...base,
      status: "measured",
      first_load_js: await firstLoadJs(html, app),
      lighthouse: {},
    };
    for (const formFactor of FORM_FACTORS) {
      const runs: Lhr[] = [];
      const errors: string[] = [];
      // A run Lighthouse itself gives up on (e.g. NO_NAVSTART on a busy machine) is tried again, twice at most.
      for (let attempt = 1; runs.length < RUNS && attempt <= RUNS + 2; attempt++) {
        console.log(`bench:lighthouse: ${page.name}, ${formFactor}: run ${runs.length + 1} of ${RUNS}…`);
        const run = await lighthouse(
          url,
          {
            port: DEBUG_PORT,
            logLevel: "error",
            output: "json",
            onlyCategories: page.categories,
            // A screenshot of the whole page scores nothing, and on a page of 1,000 rows it
            // outlasts the DevTools protocol's timeout.
            disableFullPageScreenshot: true,
            extraHeaders: cookie ? { Cookie: cookie } : undefined,
          },
          formFactor === "desktop" ? desktopConfig : undefined,
        );
        const error = run ? run.lhr.runtimeError?.message : "Lighthouse returned nothing";
        if (error) {
          console.log(`bench:lighthouse: ${page.name}, ${formFactor}: run failed: ${error}`);
          errors.push(error);
        } else if (run) {
          runs.push(run.lhr);
          if (values.reports) {
            mkdirSync(values.reports, { recursive: true });
            const file = join(values.reports, `${page.name}-${formFactor}-${runs.length}.json`);
            writeFileSync(file, JSON.stringify(run.lhr));
          }
        }
      }
      if (runs.length === 0) {
        result.status = "failed";
        result.note = `${formFactor}: ${errors.at(-1) ?? "no run"}`;
        continue;
      }
      (result.lighthouse ??= {})[formFactor] = summarise(runs);
    }
    results.push(result);
  }
} finally {
  clearTimeout(deadline);
  await stack.stop();
  rmSync(profile, { recursive: true, force: true });
}

// Budgets.
const shortPath = (path: string) => path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ":guid");
const landing = results.find((r) => r.name === "landing")?.first_load_js?.gzip_bytes;
const misses: string[] = [];
const lines = [
  `Lighthouse 12, median of ${RUNS} run(s) by performance per form factor (mobile: Lighthouse's default, a phone on ` +
    `simulated slow 4G with 4× CPU slowdown; desktop: its desktop preset); first-load JS gzipped. ` +
    `Budgets: every score ≥ ${MIN_SCORE}; org page JS ≤ landing + 50 kB.`,
  "",
  "| page | path | form factor | performance | accessibility | FCP | LCP | TBT | CLS | first-load JS | vs landing | benchmarkIndex (runs) |",
  "| ---- | ---- | ----------- | ----------: | ------------: | --: | --: | --: | --: | ------------: | ---------: | --------------------: |",
];
/** Every run's benchmarkIndex, for the line under the table. */
const indices: number[] = [];
const mark = (ok: boolean, budget: boolean) => (ok || !budget ? "" : " **MISS**");
const shown = (value: number | null) => (value === null ? "—" : value.toFixed(2));
for (const r of results) {
  const statusRow = () =>
    lines.push(
      `| ${label} | \`${shortPath(r.path)}\` | ${r.status}${r.note ? `: ${r.note}` : ""} | | | | | | | | | |`,
    );
  const miss = (text: string) => r.budget && misses.push(text);
  // A page measured for information (`~info`) is shown as such, and its scores are never misses.
  const label = r.budget ? r.name : `${r.name} (info)`;
  if (r.status === "failed") miss(`${r.name}: ${r.note ?? "failed"}`);
  if (!r.lighthouse || !r.first_load_js) {
    statusRow();
    continue;
  }
  if (r.status === "failed") statusRow();
  const delta = landing === undefined ? undefined : r.first_load_js.gzip_bytes - landing;
  const jsOk = !(r.name.startsWith("org") && delta !== undefined && delta > JS_BUDGET_BYTES);
  if (!jsOk && delta !== undefined) miss(`${r.name}: first-load JS ${kB(delta)} over the landing page's`);
  for (const [formFactor, scores] of Object.entries(r.lighthouse)) {
    const { performance, accessibility, metrics } = scores;
    const perfOk = performance === null || performance >= MIN_SCORE;
    const a11yOk = accessibility === null || accessibility >= MIN_SCORE;
    if (!perfOk) miss(`${r.name}, ${formFactor}: performance ${shown(performance)}`);
    if (!a11yOk) miss(`${r.name}, ${formFactor}: accessibility ${shown(accessibility)}`);
    if (!perfOk || !a11yOk) miss(`  audits under 0.9: ${scores.failed_audits.join(", ") || "none"}`);
    lines.push(
      `| ${label} | \`${shortPath(r.path)}\` | ${formFactor} | ${shown(performance)}${mark(perfOk, r.budget)} | ` +
        `${shown(accessibility)}${mark(a11yOk, r.budget)} | ${metrics.fcp_ms} ms | ${metrics.lcp_ms} ms | ${metrics.tbt_ms} ms | ` +
        `${metrics.cls.toFixed(3)} | ${kB(r.first_load_js.gzip_bytes)} | ` +
        `${delta === undefined ? "—" : `${delta >= 0 ? "+" : ""}${kB(delta)}`}${mark(jsOk, r.budget)} | ` +
        `${scores.benchmark_index ?? "—"} (${scores.runs.map((run) => run.benchmark_index ?? "—").join(", ")}) |`,
    );
    indices.push(
      ...scores.runs.flatMap((run) => (run.benchmark_index === null ? [] : [run.benchmark_index])),
    );
  }
}
const loadAfter = loadAverage();
const sorted = [...indices].sort((a, b) => a - b);
const benchmark =
  sorted.length === 0
    ? null
    : {
        min: sorted[0] ?? 0,
        median: sorted[Math.floor((sorted.length - 1) / 2)] ?? 0,
        max: sorted.at(-1) ?? 0,
      };
lines.push(
  "",
  benchmark
    ? `Lighthouse's benchmarkIndex over the ${sorted.length} runs (higher is faster): median ${benchmark.median}, ` +
        `${benchmark.min}–${benchmark.max}.`
    : "Lighthouse's benchmarkIndex: no run.",
  loadLine(loadBefore, loadAfter, started),
);
console.log(`\n${lines.join("\n")}\n`);
for (const miss of misses) console.log(`bench:lighthouse: MISS ${miss}`);

await writeJson(values.out, {
  generated_at: started.toISOString(),
  machine: { ...machine(loadBefore, loadAfter), lighthouse_benchmark_index: benchmark },
  settings: {
    runs: RUNS,
    form_factors: FORM_FACTORS,
    min_score: MIN_SCORE,
    js_budget_bytes: JS_BUDGET_BYTES,
    users: { signed_in_pages: "as given by @user", org_1000: BENCH_USER },
  },
  pages: results,
  misses,
});
console.log(`bench:lighthouse: results written to ${values.out}`);
// Lighthouse leaves handles open after its runs, so the process would not end by itself.
process.exit(misses.length > 0 ? 1 : 0);
