/**
 * `npm run bench`: the org page and the JSON export against orgs of 10, 100,
 * 1,000 and 5,000 spaces, beside the same question answered the cf CLI way,
 * and the budgets of docs/design.md §8. Prints Markdown tables (docs/benchmarks.md
 * shows the last run's) and writes bench/results.json.
 *
 * Set-up: the stand-in (its own process) holds the seeded world plus one
 * generated org per size and 50 generated security groups of 20 rules
 * (sim/generate.ts); every CF request gets 50 ms added (`/__sim/faults`). The
 * production build serves the dashboard; the user `bench`, OrgManager of the
 * generated orgs, signs in through the UAA's login form.
 *
 * For each size and each of the org page and `/api/orgs/:guid/posture`:
 * - CF requests: what one load made, from the stand-in's request log,
 *   cleared before each load (min–max over the timed loads);
 * - depth: the longest chain of those requests in which each started after
 *   the previous one ended (scripts/lib/measure.ts, `requestDepth`); the
 *   least over the loads (in brackets the most, when they differ), since a
 *   busy machine can delay a parallel request past another's end, making it
 *   look sequential, but never makes requests in sequence overlap;
 * - server time: from sending the request to the last byte of the answer,
 *   over loopback, median and p90 of 20 loads after one warm-up load;
 * - bytes: the answer as sent before compression, and gzipped (level 6, as
 *   Next.js's server compresses);
 * - CF phase and engine: the export's `Server-Timing` header (medians); the
 *   page runs the same loader (lib/loaders/org.ts), so the same figures hold.
 * The cf CLI way: `cf space S --security-group-rules` for up to 20 spaces
 * spread over the org (scripts/lib/cf-cli.ts), timed per space with the same
 * latency, extrapolated to every space of the org.
 *
 *   npm run bench [-- --sizes 10,1000] [--loads 20] [--skip-build] [--out bench/results.json]
 *
 * Ports 127.0.0.1:3500 (app), 9522/9523 (stand-in). Bounded: 20 minutes at most.
 * Exits non-zero when a budget is missed (after writing the results).
 */
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { ensureBuild, loadAverage, loadLine, machine, startStack, type Stack } from "./lib/bench-stack";
import { ids } from "../sim/seed";
import { BENCH_USER, DEMO_PASSWORD, generatedOrgGuid } from "./lib/bench-world";
import { cfSpaceSecurityGroupRules, sample } from "./lib/cf-cli";
import { kB, median, ms, percentile, requestDepth } from "./lib/measure";
import { signIn } from "./lib/sign-in";
import { writeJson } from "./lib/write-json";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10,100,1000,5000" },
    loads: { type: "string", default: "20" },
    "cli-sample": { type: "string", default: "20" },
    "skip-build": { type: "boolean", default: false },
    out: { type: "string", default: "bench/results.json" },
  },
  strict: true,
});

const SIZES = values.sizes.split(",").map(Number);
const LOADS = Number(values.loads);
const CLI_SAMPLE = Number(values["cli-sample"]);
const LATENCY_MS = 50;
const GROUPS = 50;
const RULES_PER_GROUP = 20;
const TIME_LIMIT_MS = 20 * 60_000;
/** agency-alpha's spaces in the seed (dev, staging, prod, sandbox). */
const SEEDED_SPACES = 4;
if (!SIZES.every((n) => Number.isInteger(n) && n > 0 && n <= 5000) || !(LOADS >= 1) || !(CLI_SAMPLE >= 1))
  throw new Error("--sizes: whole numbers 1…5000; --loads and --cli-sample: at least 1");

type Logged = { method: string; path: string; status: number; started_at: number; ended_at: number };
type Load = {
  ms: number;
  ttfb: number;
  body: string;
  cf: number;
  depth: number;
  timing: string | null;
  requests: Logged[];
};
type RouteResult = {
  path: string;
  loads: number;
  cf_requests: { min: number; max: number };
  depth: { min: number; max: number };
  server_ms: { median: number; p90: number; min: number; max: number; all: number[] };
  first_byte_ms: { median: number };
  bytes: { raw: number; gzip: number };
  server_timing: { cf_ms: number; engine_ms: number } | null;
  /** The CF requests of the last load, guids replaced, times from its first request. */
  last_load_requests: Logged[];
};
type CliResult = {
  spaces_timed: number;
  requests_per_space: { mean: number; min: number; max: number };
  depth_per_space: { max: number };
  ms_per_space: { mean: number; min: number; max: number };
  statuses: Record<string, number>;
  not_implemented_by_the_stand_in: string[];
  whole_org: { requests: number; ms: number; extrapolated: boolean };
  ratio_to_org_page: { requests: number; time: number };
};
type SizeResult = {
  label: string;
  spaces: number;
  org_guid: string;
  user: string;
  page: RouteResult;
  json: RouteResult;
  cf_cli: CliResult;
};

const started = new Date();
const loadBefore = loadAverage();
console.log(`bench: load average ${loadBefore.join(", ")} on ${cpus().length} cores`);

await ensureBuild(values["skip-build"]);
const stack: Stack = await startStack({
  appPort: 3500,
  cfPort: 9522,
  uaaPort: 9523,
  world: { orgSizes: SIZES, groups: GROUPS },
});
const deadline = setTimeout(() => {
  console.error(`bench: still running after ${TIME_LIMIT_MS / 60_000} minutes; stopping`);
  void stack.stop().then(() => process.exit(2));
}, TIME_LIMIT_MS);
deadline.unref();

const { app, sim } = stack;
const results: SizeResult[] = [];
try {
  const bench = {
    cookie: await signIn(app, BENCH_USER, DEMO_PASSWORD),
    token: await sim.passwordToken(BENCH_USER, DEMO_PASSWORD),
  };
  await sim.latency(LATENCY_MS);

  const load = async (path: string, cookie: string): Promise<Load> => {
    await sim.clearRequests();
    const start = performance.now();
    const response = await fetch(`${app}${path}`, {
      headers: { cookie, "accept-encoding": "gzip" },
      redirect: "manual",
      signal: AbortSignal.timeout(60_000),
    });
    const ttfb = performance.now() - start;
    const body = await response.text();
    const elapsed = performance.now() - start;
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    const logged = await sim.requests();
    const t0 = Math.min(...logged.map((r) => r.started_at));
    return {
      requests: logged.map((r) => ({
        method: r.method,
        path: r.path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":guid"),
        status: r.status,
        started_at: r.started_at - t0,
        ended_at: r.ended_at - t0,
      })),
      ms: elapsed,
      ttfb,
      body,
      cf: logged.length,
      depth: requestDepth(logged),
      timing: response.headers.get("server-timing"),
    };
  };

  const measureRoute = async (path: string, cookie: string): Promise<RouteResult & { body: string }> => {
    await load(path, cookie); // warm-up: the first load of a route compiles and caches more than the next ones
    const loads: Load[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await load(path, cookie));
    const times = loads.map((l) => l.ms);
    const last = loads.at(-1) as Load;
    const timing = (name: string) =>
      median(loads.map((l) => Number(new RegExp(`${name};dur=([\\d.]+)`).exec(l.timing ?? "")?.[1])));
    return {
      path,
      loads: LOADS,
      cf_requests: { min: Math.min(...loads.map((l) => l.cf)), max: Math.max(...loads.map((l) => l.cf)) },
      depth: { min: Math.min(...loads.map((l) => l.depth)), max: Math.max(...loads.map((l) => l.depth)) },
      server_ms: {
        median: median(times),
        p90: percentile(times, 0.9),
        min: Math.min(...times),
        max: Math.max(...times),
        all: times.map((t) => Math.round(t * 10) / 10),
      },
      first_byte_ms: { median: median(loads.map((l) => l.ttfb)) },
      bytes: { raw: Buffer.byteLength(last.body), gzip: gzipSync(last.body, { level: 6 }).length },
      server_timing: last.timing ? { cf_ms: timing("cf"), engine_ms: timing("engine") } : null,
      last_load_requests: last.requests,
      body: last.body,
    };
  };

  // The seeded org first: small, but with an isolation segment entitled and assigned, so its page
  // also makes the per-segment call (the generated orgs have none).
  const olivia = {
    cookie: await signIn(app, "olivia", DEMO_PASSWORD),
    token: await sim.passwordToken("olivia", DEMO_PASSWORD),
  };
  const cases = [
    { label: "4 (seeded agency-alpha)", org: ids.orgs.alpha, spaces: SEEDED_SPACES, as: olivia },
    ...SIZES.map((spaces, index) => ({
      label: spaces.toLocaleString("en-US"),
      org: generatedOrgGuid(index),
      spaces,
      as: bench,
    })),
  ];
  for (const { label, org, spaces, as } of cases) {
    console.log(`bench: ${label}: the org page…`);
    const { body: _html, ...page } = await measureRoute(`/orgs/${org}`, as.cookie);
    console.log(`bench: ${label}: the JSON export…`);
    const { body: json, ...exported } = await measureRoute(`/api/orgs/${org}/posture`, as.cookie);
    const names = (JSON.parse(json) as { spaces: { name: string }[] }).spaces.map((s) => s.name);
    if (names.length !== spaces) throw new Error(`the export lists ${names.length} spaces, not ${spaces}`);

    const timed = sample(names, CLI_SAMPLE);
    console.log(`bench: ${label}: cf space --security-group-rules for ${timed.length} spaces…`);
    const runs = [];
    for (const name of timed) {
      await sim.clearRequests();
      const run = await cfSpaceSecurityGroupRules(sim.cfUrl, as.token, org, name);
      runs.push({ ...run, depth: requestDepth(await sim.requests()) });
    }
    const counts = runs.map((r) => r.requests.length);
    const times = runs.map((r) => r.ms);
    const statuses: Record<string, number> = {};
    const missing = new Set<string>();
    for (const r of runs.flatMap((run) => run.requests)) {
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status === 404) missing.add(r.path.replace(/\?.*/, "").replace(/[0-9a-f-]{36}/g, ":guid"));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const wholeRequests = Math.round(mean(counts) * spaces);
    const wholeMs = mean(times) * spaces;
    results.push({
      label,
      spaces,
      org_guid: org,
      user: as === olivia ? "olivia" : BENCH_USER,
      page,
      json: exported,
      cf_cli: {
        spaces_timed: timed.length,
        requests_per_space: { mean: mean(counts), min: Math.min(...counts), max: Math.max(...counts) },
        depth_per_space: { max: Math.max(...runs.map((r) => r.depth)) },
        ms_per_space: { mean: mean(times), min: Math.min(...times), max: Math.max(...times) },
        statuses,
        not_implemented_by_the_stand_in: [...missing],
        whole_org: { requests: wholeRequests, ms: wholeMs, extrapolated: timed.length < spaces },
        ratio_to_org_page: {
          requests: wholeRequests / page.cf_requests.max,
          time: wholeMs / page.server_ms.median,
        },
      },
    });
  }
} finally {
  clearTimeout(deadline);
  await stack.stop();
}

// Budgets of docs/design.md §8 for the org page.
const bySize = (n: number) => generated.find((r) => r.spaces === n);
type Budget = { budget: string; limit: string; measured: string; pass: boolean | null };
const budgets: Budget[] = [];
const generated = results.filter((r) => r.org_guid !== ids.orgs.alpha);
const pageCounts = generated.flatMap((r) => [r.page.cf_requests.min, r.page.cf_requests.max]);
const pageDepth = Math.max(...results.map((r) => r.page.depth.min));
budgets.push({
  budget: `org page: the same CF requests for every size (${SIZES.join(", ")} spaces), at depth ≤ 2 (the seeded org too)`,
  limit: "constant, depth ≤ 2",
  measured: `${Math.min(...pageCounts)}–${Math.max(...pageCounts)} requests, depth ${pageDepth}`,
  pass: Math.min(...pageCounts) === Math.max(...pageCounts) && pageDepth <= 2,
});
const thousand = bySize(1000);
const fiveThousand = bySize(5000);
const check = (
  name: string,
  limit: number,
  value: number | undefined,
  show: (v: number) => string,
): Budget => ({
  budget: name,
  limit: show(limit),
  measured: value === undefined ? "not measured" : show(value),
  pass: value === undefined ? null : value <= limit,
});
const exactMs = (v: number) => `${v.toFixed(1)} ms`;
budgets.push(check("org page, 1,000 spaces: p90 server time", 250, thousand?.page.server_ms.p90, exactMs));
budgets.push(
  check("org page, 1,000 spaces: HTML (1 MB = 1,000 kB)", 1_000_000, thousand?.page.bytes.raw, kB),
);
budgets.push(
  check("org page, 5,000 spaces: p90 server time", 1200, fiveThousand?.page.server_ms.p90, exactMs),
);
budgets.push(
  check(
    "evaluation of the 1,000-space matrix (Server-Timing `engine`)",
    50,
    thousand?.json.server_timing?.engine_ms,
    exactMs,
  ),
);

const loadAfter = loadAverage();
const cell = (v: number | undefined, f: (n: number) => string) => (v === undefined ? "—" : f(v));
const range = (r: { min: number; max: number }) => (r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`);
const lines: string[] = [];
lines.push(
  `The dashboard, ${LATENCY_MS} ms added to every CF request, ${GROUPS} groups × ${RULES_PER_GROUP} rules plus the seed; ` +
    `${LOADS} loads after a warm-up, signed in as an OrgManager (\`${BENCH_USER}\`; \`olivia\` for the seeded org):`,
  "",
  "| spaces | route | CF requests | depth | median | p90 | bytes | gzipped | CF phase | engine |",
  "| -----: | ----- | ----------: | ----: | -----: | --: | ----: | ------: | -------: | -----: |",
);
for (const r of results) {
  for (const [name, route] of [
    ["org page", r.page],
    ["JSON export", r.json],
  ] as const) {
    lines.push(
      `| ${r.label} | ${name} | ${range(route.cf_requests)} | ${route.depth.min}${route.depth.max > route.depth.min ? ` (${route.depth.max})` : ""} | ` +
        `${ms(route.server_ms.median)} | ${ms(route.server_ms.p90)} | ${kB(route.bytes.raw)} | ${kB(route.bytes.gzip)} | ` +
        `${cell(route.server_timing?.cf_ms, ms)} | ${cell(route.server_timing?.engine_ms, ms)} |`,
    );
  }
}
lines.push(
  "",
  "Depth: the least over the loads (the most in brackets where it differs: a busy machine can delay a parallel request",
  "past another's end, never the reverse). CF phase and engine: the export's `Server-Timing` (medians); the page runs",
  "the same loader.",
  "",
  `The cf CLI way: \`cf space S --security-group-rules\` for each space, in sequence, same stand-in and latency` +
    ` (up to ${CLI_SAMPLE} spaces timed, spread over the org; larger orgs extrapolated per space):`,
  "",
  "| spaces | timed | requests/space | time/space | requests, whole org | time, whole org | × requests | × time |",
  "| -----: | ----: | -------------: | ---------: | ------------------: | --------------: | ---------: | -----: |",
);
for (const r of results) {
  const c = r.cf_cli;
  const wall =
    c.whole_org.ms >= 60_000
      ? `${(c.whole_org.ms / 60_000).toFixed(1)} min`
      : `${(c.whole_org.ms / 1000).toFixed(1)} s`;
  lines.push(
    `| ${r.label} | ${c.spaces_timed} | ${range(c.requests_per_space)} | ${ms(c.ms_per_space.mean)} | ` +
      `${c.whole_org.requests.toLocaleString("en-US")}${c.whole_org.extrapolated ? " (est.)" : ""} | ${wall}${c.whole_org.extrapolated ? " (est.)" : ""} | ` +
      `${c.ratio_to_org_page.requests.toFixed(0)}× | ${c.ratio_to_org_page.time.toFixed(0)}× |`,
  );
}
const missing = [...new Set(results.flatMap((r) => r.cf_cli.not_implemented_by_the_stand_in))];
if (missing.length > 0)
  lines.push(
    "",
    `The stand-in answers ${missing.map((p) => `\`${p}\``).join(", ")} with 404 (not implemented), after the same latency;` +
      " a real CF answers one page there for a space with under 50 apps or instances, so the counts and times hold.",
  );
lines.push(
  "",
  "| budget (docs/design.md §8) | limit | measured | |",
  "| --------------------- | ----: | -------: | - |",
  ...budgets.map(
    (b) =>
      `| ${b.budget} | ${b.limit} | ${b.measured} | ${b.pass === null ? "—" : b.pass ? "pass" : "**MISS**"} |`,
  ),
  "",
  loadLine(loadBefore, loadAfter, started),
);
const table = lines.join("\n");
console.log(`\n${table}\n`);

await writeJson(values.out, {
  generated_at: started.toISOString(),
  machine: machine(loadBefore, loadAfter),
  settings: {
    latency_ms: LATENCY_MS,
    groups: GROUPS,
    rules_per_group: RULES_PER_GROUP,
    loads: LOADS,
    cli_sample: CLI_SAMPLE,
    user: BENCH_USER,
  },
  definitions: {
    cf_requests:
      "CF API requests in the stand-in's log during one load (log cleared before it); min–max over the loads",
    depth:
      "longest chain of those requests in which each started (stand-in clock, ms) at or after the previous one ended; min and max over the loads; budgets use the min",
    server_ms: "request sent to last byte received, over loopback, by a Node fetch with the session cookie",
    bytes: "the answer's body before compression; gzip: the same gzipped at level 6",
    server_timing:
      "medians of the JSON export's Server-Timing: cf (the CF reads) and engine (evaluation and rows)",
    cf_cli:
      "cf space S --security-group-rules per space as docs/cf-behaviour.md §5 lists its requests, in sequence; whole org = mean per timed space × spaces",
  },
  sizes: results,
  budgets,
});
console.log(`bench: results written to ${values.out}`);
if (budgets.some((b) => b.pass === false)) process.exitCode = 1;
