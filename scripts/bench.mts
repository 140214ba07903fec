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
import { cpus } from "node:os";
import { benchOptions } from "./lib/bench-options";
import { ensureBuild, loadAverage, loadLine, startStack, type Stack } from "./lib/bench-stack";
import { BENCH_USER, DEMO_PASSWORD } from "./lib/bench-world";
import {
  GROUP_WORLD_ORGS,
  groupBudgets,
  groupScaleTables,
  measureGroupScale,
  type GroupScale,
} from "./lib/bench-groups";
import {
  foundationBudgets,
  foundationTables,
  measureFoundation,
  type FoundationRow,
} from "./lib/bench-foundation";
import { measureLint, type LintTiming } from "./lib/bench-lint";
import { writeResults } from "./lib/bench-results";
import { measureUniform, uniformBudgets, uniformTables, type SizeResult } from "./lib/bench-uniform";
import { measureWatch } from "./lib/bench-watch";
import { watchBudgets, watchTables, type WatchResult } from "./lib/bench-watch-report";
import { signIn } from "./lib/sign-in";

const options = benchOptions(process.argv.slice(2));
const LATENCY_MS = 50;
const GROUPS = 50;
const RULES_PER_GROUP = 20;
const TIME_LIMIT_MS = 45 * 60_000;

const started = new Date();
const loadBefore = loadAverage();
console.log(`bench: load average ${loadBefore.join(", ")} on ${cpus().length} cores`);

// Whatever part is running: SIGTERM stops every child this run started (bench-stack.ts), then exits.
const deadline = setTimeout(() => {
  console.error(`bench: still running after ${TIME_LIMIT_MS / 60_000} minutes; stopping`);
  process.kill(process.pid, "SIGTERM");
}, TIME_LIMIT_MS);
deadline.unref();

await ensureBuild(options.values["skip-build"]);
const results: SizeResult[] = [];
let groupScale: GroupScale = { rows: [], reads: [], peak_rss_mb: null };
let foundation: FoundationRow[] = [];
let foundationLint: LintTiming | null = null;
if (options.PAGES_MEASURED) {
  const stack: Stack = await startStack({
    appPort: options.APP_PORT,
    cfPort: options.CF_PORT,
    uaaPort: options.CF_PORT + 1,
    world: { orgSizes: options.SIZES, groups: GROUPS },
  });

  const { app, sim } = stack;
  try {
    const bench = {
      cookie: await signIn(app, BENCH_USER, DEMO_PASSWORD),
      token: await sim.passwordToken(BENCH_USER, DEMO_PASSWORD),
    };
    await sim.latency(LATENCY_MS);

    // The seeded org first: small, but with an isolation segment entitled and assigned, so its page
    // also makes the per-segment call (the generated orgs have none).
    const olivia = {
      name: "olivia",
      cookie: await signIn(app, "olivia", DEMO_PASSWORD),
      token: await sim.passwordToken("olivia", DEMO_PASSWORD),
    };
    if (options.TABLES.has("uniform"))
      results.push(
        ...(await measureUniform({
          app,
          sim,
          sizes: options.SIZES,
          loads: options.LOADS,
          cliSample: options.CLI_SAMPLE,
          manager: { name: BENCH_USER, ...bench },
          olivia,
          log: (line) => console.log(line),
        })),
      );

    if (options.GROUP_COUNTS.length > 0) {
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
        groups: options.GROUP_COUNTS,
        sizes: options.GROUP_SIZES,
        readSizes: options.READ_SIZES,
        users: [admin, { name: BENCH_USER, role: "manager", ...bench }],
        loads: options.GROUP_LOADS,
        exportLoads: Number(options.values["export-loads"]),
        readRuns: Number(options.values["read-runs"]),
        profileGroups: ["public_networks_egress", "trusted_local_networks_egress"],
        log: (line) => console.log(line),
      });
    }
    if (options.TABLES.has("foundation")) {
      foundation = await measureFoundation({
        app,
        sim,
        cookie: await signIn(app, "admin", DEMO_PASSWORD),
        token: await sim.passwordToken("admin", DEMO_PASSWORD),
        loads: options.GROUP_LOADS,
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
if (options.TABLES.has("watch")) {
  watch = await measureWatch({
    appPort: options.APP_PORT,
    cfPort: options.CF_PORT,
    uaaPort: options.CF_PORT + 1,
    intervalS: options.WATCH_INTERVAL_S,
    cycles: options.WATCH_CYCLES,
    latencyMs: LATENCY_MS,
    log: (line) => console.log(line),
  });
}
clearTimeout(deadline);

const budgets = [
  ...uniformBudgets(results, options.SIZES),
  ...groupBudgets(groupScale),
  ...foundationBudgets(foundation, foundationLint),
  ...(watch ? watchBudgets(watch) : []),
];

const loadAfter = loadAverage();
const settings = {
  latency_ms: LATENCY_MS,
  groups: GROUPS,
  rules_per_group: RULES_PER_GROUP,
  loads: options.LOADS,
  cli_sample: options.CLI_SAMPLE,
  user: BENCH_USER,
};
const lines: string[] = uniformTables(results, {
  latencyMs: LATENCY_MS,
  groups: GROUPS,
  rulesPerGroup: RULES_PER_GROUP,
  loads: options.LOADS,
  cliSample: options.CLI_SAMPLE,
  user: BENCH_USER,
});
if (groupScale.rows.length + groupScale.reads.length > 0)
  lines.push("", ...groupScaleTables(groupScale, LATENCY_MS, options.GROUP_LOADS));
if (foundation.length > 0)
  lines.push("", ...foundationTables(foundation, LATENCY_MS, options.GROUP_LOADS, foundationLint));
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
console.log(`\n${lines.join("\n")}\n`);

await writeResults(options.values.out, {
  started,
  loadBefore,
  loadAfter,
  settings,
  groupSettings: {
    org_sizes: GROUP_WORLD_ORGS,
    loads: options.GROUP_LOADS,
    export_loads: Number(options.values["export-loads"]),
    read_runs: Number(options.values["read-runs"]),
  },
  uniform: options.TABLES.has("uniform") ? results : null,
  groupScale: options.GROUP_COUNTS.length > 0 ? groupScale : null,
  watch: watch ?? null,
  foundation: foundation.length > 0 ? { rows: foundation, lint: foundationLint } : null,
  budgets,
});
console.log(`bench: results written to ${options.values.out}`);
if (budgets.some((b) => b.pass === false)) process.exitCode = 1;
