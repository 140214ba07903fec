/**
 * bench/results.json as `npm run bench` writes it. A run of some of the tables keeps the others'
 * figures from the results file (each section says when it was measured), and the budgets this run
 * did not measure as that run found them, but for the rows of a table it ran that the table no
 * longer writes (./budget-rows.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import type { Budget, GroupScale } from "./bench-groups";
import type { FoundationRow } from "./bench-foundation";
import type { LintTiming } from "./bench-lint";
import { machine } from "./bench-stack";
import type { SizeResult } from "./bench-uniform";
import type { WatchResult } from "./bench-watch-report";
import { mergeBudgets, type BenchTable } from "./budget-rows";
import { writeJson } from "./write-json";

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

type Load = [number, number, number];

export type Run = {
  started: Date;
  loadBefore: Load;
  loadAfter: Load;
  settings: {
    latency_ms: number;
    groups: number;
    rules_per_group: number;
    loads: number;
    cli_sample: number;
    user: string;
  };
  /** The group scale's run settings (loads, org sizes), kept beside its rows. */
  groupSettings: { org_sizes: number[]; loads: number; export_loads: number; read_runs: number };
  /** Null where this run did not measure the table. */
  uniform: SizeResult[] | null;
  groupScale: GroupScale | null;
  watch: WatchResult | null;
  foundation: { rows: FoundationRow[]; lint: LintTiming | null } | null;
  budgets: Budget[];
};

const DEFINITIONS = {
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
};

const WATCH_DEFINITIONS = {
  duration_ms: "the cycle's record: its start and end as the watcher wrote them (/api/health)",
  cf_requests:
    "the cycle's counts (/api/health): its CF requests and their depth as the dashboard timed them where it sent them; depth_in_stand_in_log: the watcher client's requests between the cycle's start and end in the stand-in's log",
  org_page:
    "one load after another of the 1,000-space org as its manager from the second cycle's end to the last's; during: the load overlapped a cycle; p90 nearest rank",
  peak_rss_mb:
    "the dashboard's VmHWM, reset by clear_refs between: over start-up and the first cycle, over the second (after the policies' PUTs), no page loaded; then over the later cycles with the page loads",
};

/** Writes the run into `out`, keeping from the file there what this run did not measure. */
export async function writeResults(out: string, run: Run): Promise<void> {
  const previous: Results = existsSync(out) ? (JSON.parse(readFileSync(out, "utf8")) as Results) : {};
  const now = run.started.toISOString();
  const before = (table: string) => previous.measured_at?.[table] ?? previous.generated_at ?? null;
  const ran = new Set<BenchTable>([
    ...(run.uniform && run.uniform.length > 0 ? (["uniform"] as const) : []),
    ...(run.groupScale ? (["groups"] as const) : []),
    ...(run.watch ? (["watch"] as const) : []),
    ...(run.foundation && run.foundation.rows.length > 0 ? (["foundation"] as const) : []),
  ]);
  const pagesMeasured = run.uniform !== null || run.groupScale !== null || run.foundation !== null;
  await writeJson(out, {
    generated_at: now,
    measured_at: {
      uniform: run.uniform ? now : before("uniform"),
      groups: run.groupScale ? now : before("groups"),
      watch: run.watch ? now : before("watch"),
      foundation: ran.has("foundation") ? now : before("foundation"),
    },
    // The pages' machine and load; a watcher-only run keeps the run's that measured them.
    machine: pagesMeasured ? machine(run.loadBefore, run.loadAfter) : (previous.machine ?? null),
    settings: run.settings,
    definitions: DEFINITIONS,
    sizes: run.uniform ?? previous.sizes ?? [],
    group_scale: run.groupScale
      ? {
          shape: "realistic (sim/generate-realistic.ts)",
          ...run.groupSettings,
          peak_rss_mb_over_the_run: run.groupScale.peak_rss_mb,
          rows: run.groupScale.rows,
          reads: run.groupScale.reads,
        }
      : (previous.group_scale ?? null),
    watch: run.watch
      ? { definitions: WATCH_DEFINITIONS, machine: machine(run.loadBefore, run.loadAfter), ...run.watch }
      : (previous.watch ?? null),
    foundation: ran.has("foundation") ? run.foundation?.rows : (previous.foundation ?? null),
    foundation_lint: ran.has("foundation") ? run.foundation?.lint : (previous.foundation_lint ?? null),
    budgets: mergeBudgets(run.budgets, previous.budgets ?? [], ran),
  });
}
