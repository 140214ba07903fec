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
 * Then the group scale (scripts/lib/bench-groups.ts): the org page of 1,000
 * and 5,000 spaces on realistic foundations of 50, 2,000, 10,000 and 20,000
 * groups, as an admin and as the org's manager, with the dashboard's peak
 * memory; and the two ways of reading the groups side by side.
 *
 * Then the watcher (scripts/lib/bench-watch.ts): its cycle over 200 orgs,
 * 20,000 spaces and 10,000 groups, and the org page idle and during a cycle,
 * on a stack of its own (the dashboard started with the watcher's client).
 *
 *   npm run bench [-- --sizes 10,1000] [--loads 20] [--skip-build] [--out bench/results.json]
 *                 [--groups 50,10000] [--group-sizes 1000] [--group-loads 10]
 *                 [--tables uniform,groups,watch] [--watch-interval 30] [--watch-cycles 3]
 *                 [--ports 3500,9522]
 *
 * `--tables foundation` (not in the default run) adds the platform team's view
 * at 200 orgs, 20,000 spaces and 10,000 groups, and a group edit's preview there
 * (scripts/lib/bench-foundation.ts).
 *
 * `--sizes` alone also picks the group-scale orgs among 1,000 and 5,000 (and
 * 100) spaces; `--groups none` or `--tables uniform` leaves the group scale
 * out, `--tables groups` the first part. A run of some of the tables keeps
 * the other tables' figures in the results file, from the run that measured them.
 *
 * Ports 127.0.0.1:3500 (app), 9522/9523 (stand-in), or `--ports APP,CF` (the UAA on CF + 1).
 * Bounded: 45 minutes at most. Exits non-zero when a budget is missed (after writing the results).
 */
import { existsSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { ensureBuild, loadAverage, loadLine, machine, startStack, type Stack } from "./lib/bench-stack";
import { ids } from "../sim/seed";
import { BENCH_USER, DEMO_PASSWORD, generatedOrgGuid } from "./lib/bench-world";
import { cfSpaceSecurityGroupRules, sample } from "./lib/cf-cli";
import {
  GROUP_WORLD_ORGS,
  groupBudgets,
  groupScaleTables,
  measureGroupScale,
  type Budget,
  type GroupScale,
} from "./lib/bench-groups";
import {
  foundationBudgets,
  foundationTables,
  measureFoundation,
  type FoundationRow,
} from "./lib/bench-foundation";
import { measureLint, type LintTiming } from "./lib/bench-lint";
import { depthCell, measureRoute, range, type RouteResult } from "./lib/bench-route";
import { kB, ms, requestDepth } from "./lib/measure";
import { measureWatch, watchBudgets, watchTables, type WatchResult } from "./lib/bench-watch";
import { signIn } from "./lib/sign-in";
import { writeJson } from "./lib/write-json";
import { mergeBudgets, type BenchTable } from "./lib/budget-rows";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10,100,1000,5000" },
    loads: { type: "string", default: "20" },
    "cli-sample": { type: "string", default: "20" },
    "skip-build": { type: "boolean", default: false },
    out: { type: "string", default: "bench/results.json" },
    groups: { type: "string", default: "50,2000,10000,20000" },
    "group-sizes": { type: "string" },
    "group-loads": { type: "string", default: "10" },
    "export-loads": { type: "string", default: "5" },
    "read-runs": { type: "string", default: "3" },
    tables: { type: "string", default: "uniform,groups,watch" },
    "watch-interval": { type: "string", default: "30" },
    "watch-cycles": { type: "string", default: "3" },
    ports: { type: "string", default: "3500,9522" },
  },
  strict: true,
});

const SIZES = values.sizes.split(",").map(Number);
const LOADS = Number(values.loads);
const CLI_SAMPLE = Number(values["cli-sample"]);
const LATENCY_MS = 50;
const GROUPS = 50;
const RULES_PER_GROUP = 20;
const TIME_LIMIT_MS = 45 * 60_000;
const TABLES = new Set(values.tables.split(","));
const GROUP_COUNTS =
  values.groups === "none" || !TABLES.has("groups") ? [] : values.groups.split(",").map(Number);
const sizesGiven = process.argv.some((a) => a === "--sizes" || a.startsWith("--sizes="));
const GROUP_SIZES = (values["group-sizes"] ?? (sizesGiven ? values.sizes : "1000,5000"))
  .split(",")
  .map(Number)
  .filter((n) => GROUP_WORLD_ORGS.includes(n));
const READ_SIZES = [...new Set([100, ...GROUP_SIZES])];
const [APP_PORT = 3500, CF_PORT = 9522] = values.ports.split(",").map(Number);
const WATCH_INTERVAL_S = Number(values["watch-interval"]);
const WATCH_CYCLES = Number(values["watch-cycles"]);
if (!(WATCH_INTERVAL_S >= 5) || !(WATCH_CYCLES >= 2) || !(APP_PORT > 0) || !(CF_PORT > 0))
  throw new Error("--watch-interval: at least 5 (s); --watch-cycles: at least 2; --ports: APP,CF");
/** The orgs' pages and exports are measured on a stack of their own, when a run asks for them. */
const PAGES_MEASURED = TABLES.has("uniform") || GROUP_COUNTS.length > 0 || TABLES.has("foundation");
const GROUP_LOADS = Number(values["group-loads"]);
if (
  !GROUP_COUNTS.every((n) => Number.isInteger(n) && n >= 0 && n <= 20_000) ||
  !(GROUP_LOADS >= 1) ||
  !(Number(values["export-loads"]) >= 1) ||
  !(Number(values["read-runs"]) >= 1)
)
  throw new Error("--groups: whole numbers 0…20000; --group-loads, --export-loads, --read-runs: at least 1");
/** agency-alpha's spaces in the seed (dev, staging, prod, sandbox). */
const SEEDED_SPACES = 4;
if (!SIZES.every((n) => Number.isInteger(n) && n > 0 && n <= 5000) || !(LOADS >= 1) || !(CLI_SAMPLE >= 1))
  throw new Error("--sizes: whole numbers 1…5000; --loads and --cli-sample: at least 1");

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

// Whatever part is running: SIGTERM stops every child this run started (bench-stack.ts), then exits.
const deadline = setTimeout(() => {
  console.error(`bench: still running after ${TIME_LIMIT_MS / 60_000} minutes; stopping`);
  process.kill(process.pid, "SIGTERM");
}, TIME_LIMIT_MS);
deadline.unref();

await ensureBuild(values["skip-build"]);
const results: SizeResult[] = [];
let groupScale: GroupScale = { rows: [], reads: [], peak_rss_mb: null };
let foundation: FoundationRow[] = [];
let foundationLint: LintTiming | null = null;
if (PAGES_MEASURED) {
  const stack: Stack = await startStack({
    appPort: APP_PORT,
    cfPort: CF_PORT,
    uaaPort: CF_PORT + 1,
    world: { orgSizes: SIZES, groups: GROUPS },
  });

  const { app, sim } = stack;
  try {
    const bench = {
      cookie: await signIn(app, BENCH_USER, DEMO_PASSWORD),
      token: await sim.passwordToken(BENCH_USER, DEMO_PASSWORD),
    };
    await sim.latency(LATENCY_MS);

    const measure = (path: string, cookie: string) => measureRoute(app, sim, path, cookie, LOADS);

    // The seeded org first: small, but with an isolation segment entitled and assigned, so its page
    // also makes the per-segment call (the generated orgs have none).
    const olivia = {
      cookie: await signIn(app, "olivia", DEMO_PASSWORD),
      token: await sim.passwordToken("olivia", DEMO_PASSWORD),
    };
    const cases = !TABLES.has("uniform")
      ? []
      : [
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
      const { body: _html, ...page } = await measure(`/orgs/${org}`, as.cookie);
      console.log(`bench: ${label}: the JSON export…`);
      const { body: json, ...exported } = await measure(`/api/orgs/${org}/posture`, as.cookie);
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

    if (GROUP_COUNTS.length > 0) {
      const admin = {
        name: "admin",
        role: "admin" as const,
        cookie: await signIn(app, "admin", DEMO_PASSWORD),
        token: await sim.passwordToken("admin", DEMO_PASSWORD),
      };
      groupScale = await measureGroupScale({
        app,
        sim,
        appPid: stack.appPid,
        groups: GROUP_COUNTS,
        sizes: GROUP_SIZES,
        readSizes: READ_SIZES,
        users: [admin, { name: BENCH_USER, role: "manager", ...bench }],
        loads: GROUP_LOADS,
        exportLoads: Number(values["export-loads"]),
        readRuns: Number(values["read-runs"]),
        profileGroups: ["public_networks_egress", "trusted_local_networks_egress"],
        log: (line) => console.log(line),
      });
    }
    if (TABLES.has("foundation")) {
      foundation = await measureFoundation({
        app,
        sim,
        cookie: await signIn(app, "admin", DEMO_PASSWORD),
        token: await sim.passwordToken("admin", DEMO_PASSWORD),
        loads: GROUP_LOADS,
        log: (line) => console.log(line),
      });
      console.log("bench: foundation: lint over every group…");
      foundationLint = await measureLint(sim.cfUrl, await sim.passwordToken("admin", DEMO_PASSWORD), 5);
    }
  } finally {
    await stack.stop();
  }
}
let watch: WatchResult | undefined;
if (TABLES.has("watch")) {
  watch = await measureWatch({
    appPort: APP_PORT,
    cfPort: CF_PORT,
    uaaPort: CF_PORT + 1,
    intervalS: WATCH_INTERVAL_S,
    cycles: WATCH_CYCLES,
    latencyMs: LATENCY_MS,
    log: (line) => console.log(line),
  });
}
clearTimeout(deadline);

// Budgets of docs/design.md §8 for the org page.
const bySize = (n: number) => generated.find((r) => r.spaces === n);
const budgets: Budget[] = [];
const generated = results.filter((r) => r.org_guid !== ids.orgs.alpha);
const pageCounts = generated.flatMap((r) => [r.page.cf_requests.min, r.page.cf_requests.max]);
const pageDepth = Math.max(...results.map((r) => r.page.depth.min));
if (results.length > 0)
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

budgets.push(...groupBudgets(groupScale), ...foundationBudgets(foundation, foundationLint));
if (watch) budgets.push(...watchBudgets(watch));

const loadAfter = loadAverage();
const cell = (v: number | undefined, f: (n: number) => string) => (v === undefined ? "—" : f(v));
const lines: string[] = [];
if (results.length > 0) {
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
        `| ${r.label} | ${name} | ${range(route.cf_requests)} | ${depthCell(route.depth)} | ` +
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
}
if (groupScale.rows.length + groupScale.reads.length > 0)
  lines.push("", ...groupScaleTables(groupScale, LATENCY_MS, GROUP_LOADS));
if (foundation.length > 0)
  lines.push("", ...foundationTables(foundation, LATENCY_MS, GROUP_LOADS, foundationLint));
if (watch) lines.push("", ...watchTables(watch));
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

/**
 * A run of some of the tables keeps the others' figures from the results file (each section says when it
 * was measured), and the budgets this run did not measure as that run found them, but for the rows of
 * a table it ran that the table no longer writes (./lib/budget-rows.ts).
 */
type Results = {
  generated_at?: string;
  machine?: unknown;
  measured_at?: Record<string, string>;
  sizes?: unknown;
  group_scale?: unknown;
  watch?: unknown;
  foundation?: unknown;
  foundation_lint?: unknown;
  budgets?: Budget[];
};
const previous: Results = existsSync(values.out)
  ? (JSON.parse(readFileSync(values.out, "utf8")) as Results)
  : {};
const now = started.toISOString();
const before = (table: string) => previous.measured_at?.[table] ?? previous.generated_at ?? null;
const groupsRun = GROUP_COUNTS.length > 0;
const ran = new Set<BenchTable>([
  ...(results.length > 0 ? (["uniform"] as const) : []),
  ...(groupsRun ? (["groups"] as const) : []),
  ...(watch ? (["watch"] as const) : []),
  ...(foundation.length > 0 ? (["foundation"] as const) : []),
]);
await writeJson(values.out, {
  generated_at: now,
  measured_at: {
    uniform: TABLES.has("uniform") ? now : before("uniform"),
    groups: groupsRun ? now : before("groups"),
    watch: watch ? now : before("watch"),
    foundation: foundation.length > 0 ? now : before("foundation"),
  },
  // The pages' machine and load; a watcher-only run keeps the run's that measured them.
  machine: PAGES_MEASURED ? machine(loadBefore, loadAfter) : (previous.machine ?? null),
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
    cpu_ms_per_load:
      "the dashboard server process's CPU time (utime + stime, /proc/<pid>/stat) over a group-scale row's page loads, warm-up included, per load",
    rss_mb:
      "the dashboard server process's VmHWM (/proc/<pid>/status) over a group-scale row's loads, reset before the row by writing 5 to /proc/<pid>/clear_refs; after: VmRSS once the row ended",
    reads:
      "both ways of reading the groups straight against the stand-in with the user's token (scripts/lib/bench-reads.ts): requests and depth with the org's spaces list, bytes and groups of the security-group answers, time to the last answer parsed with the dashboard's zod schema, median of the runs",
  },
  sizes: TABLES.has("uniform") ? results : (previous.sizes ?? []),
  group_scale: !groupsRun
    ? (previous.group_scale ?? null)
    : {
        shape: "realistic (sim/generate-realistic.ts)",
        org_sizes: GROUP_WORLD_ORGS,
        loads: GROUP_LOADS,
        export_loads: Number(values["export-loads"]),
        read_runs: Number(values["read-runs"]),
        peak_rss_mb_over_the_run: groupScale.peak_rss_mb,
        rows: groupScale.rows,
        reads: groupScale.reads,
      },
  watch: watch
    ? {
        definitions: {
          duration_ms: "the cycle's record: its start and end as the watcher wrote them (/api/health)",
          cf_requests:
            "the cycle's counts (/api/health): its CF requests and their depth as the dashboard timed them where it sent them; depth_in_stand_in_log: the watcher client's requests between the cycle's start and end in the stand-in's log",
          org_page:
            "one load after another of the 1,000-space org as its manager from the second cycle's end to the last's; during: the load overlapped a cycle; p90 nearest rank",
          peak_rss_mb:
            "the dashboard's VmHWM, reset by clear_refs between: over start-up and the first cycle, over the second (after the policies' PUTs), no page loaded; then over the later cycles with the page loads",
        },
        machine: machine(loadBefore, loadAfter),
        ...watch,
      }
    : (previous.watch ?? null),
  foundation: foundation.length > 0 ? foundation : (previous.foundation ?? null),
  foundation_lint: foundation.length > 0 ? foundationLint : (previous.foundation_lint ?? null),
  budgets: mergeBudgets(budgets, previous.budgets ?? [], ran),
});
console.log(`bench: results written to ${values.out}`);
if (budgets.some((b) => b.pass === false)) process.exitCode = 1;
