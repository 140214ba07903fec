/**
 * What `npm run bench`'s watcher part (./bench-watch.ts) measured, and its report: the
 * budgets of docs/design.md §8 checked, and the Markdown tables docs/benchmarks.md shows.
 */
import { ms } from "./measure";

export type WatchCycleResult = {
  cycle: number;
  phase: "first (baselines)" | "policies new" | "policies changed" | "steady";
  duration_ms: number;
  cf_requests: number;
  depth: number;
  /** The same requests' depth by the stand-in's log (started when it began serving them). */
  depth_in_stand_in_log: number;
  counts: Record<string, number>;
  error: string | null;
};

export type Loads = { loads: number; p50_ms: number; p90_ms: number; max_ms: number };

export type WatchResult = {
  foundation: { orgs: number; spaces: number; groups: number };
  interval_s: number;
  latency_ms: number;
  cycles: WatchCycleResult[];
  org_page: { path: string; idle: Loads; during: Loads; ratio_p90: number };
  peak_rss_mb: {
    /** Start-up and cycle 1, no page loaded. */
    first_cycle: number | null;
    /** Cycle 2, judging every space, no page loaded. */
    policies_cycle: number | null;
    /** Resident when cycle 2's peak was reset, after the policies' PUTs: where that peak starts from. */
    before_policies_cycle: number | null;
    /** The later cycles with the org page loaded beside them. */
    with_page_loads: number | null;
  };
};

export type WatchBudget = { budget: string; limit: string; measured: string; pass: boolean | null };

/** The watcher's budgets of docs/design.md §8. */
export function watchBudgets(result: WatchResult): WatchBudget[] {
  // The wall time counts the cycle's pauses for busy pages (lib/watch/give-way.ts); its text says how much.
  const slowest = result.cycles.reduce((a, b) => (b.duration_ms > a.duration_ms ? b : a));
  const longest = slowest.duration_ms;
  const paused = slowest.counts.pausedMs ?? 0;
  const requests = result.cycles.map((c) => c.cf_requests);
  const depth = Math.max(...result.cycles.map((c) => c.depth));
  const peaks = [result.peak_rss_mb.first_cycle, result.peak_rss_mb.policies_cycle].filter(
    (v): v is number => v !== null,
  );
  const withPages = result.peak_rss_mb.with_page_loads;
  const { orgs, spaces, groups } = result.foundation;
  const size = `${orgs} orgs, ${spaces.toLocaleString("en-US")} spaces, ${groups.toLocaleString("en-US")} groups`;
  return [
    {
      budget: `watcher: a cycle over ${size}, the longest`,
      limit: "30 s",
      measured:
        `${(longest / 1000).toFixed(1)} s` +
        (paused > 0 ? ` (${(paused / 1000).toFixed(1)} s of it paused for the pages)` : ""),
      pass: longest <= 30_000,
    },
    {
      budget: "watcher: a cycle's CF requests the same every cycle (lists at per_page=5000), at depth ≤ 2",
      limit: "constant, depth ≤ 2",
      measured: `${Math.min(...requests)}–${Math.max(...requests)} requests, depth ${depth}`,
      pass: Math.min(...requests) === Math.max(...requests) && depth <= 2,
    },
    {
      budget: "watcher: peak RSS of the watching process over start-up and its cycles, no page loaded",
      limit: "300 MB",
      measured: peaks.length === 0 ? "not measured" : `${Math.max(...peaks)} MB`,
      pass: peaks.length === 0 ? null : Math.max(...peaks) <= 300,
    },
    {
      // The org page's own memory is issue 21's budget for the app: the manifest's memory.
      budget:
        "watcher: peak RSS of the dashboard over cycles with the 1,000-space org page loaded beside them",
      limit: "512 MB",
      measured: withPages === null ? "not measured" : `${withPages} MB`,
      pass: withPages === null ? null : withPages <= 512,
    },
    {
      budget: "watcher: org page of 1,000 spaces, p90 during a cycle against idle (same run)",
      limit: "1.5×",
      measured: `${result.org_page.ratio_p90.toFixed(2)}× (${ms(result.org_page.during.p90_ms)} / ${ms(result.org_page.idle.p90_ms)})`,
      pass: result.org_page.ratio_p90 <= 1.5,
    },
  ];
}

/** The Markdown table of the watcher's part. */
export function watchTables(result: WatchResult): string[] {
  const { orgs, spaces, groups } = result.foundation;
  const lines = [
    `The watcher's cycle over a realistic foundation of ${orgs} orgs, ${spaces.toLocaleString("en-US")} spaces and ` +
      `${groups.toLocaleString("en-US")} groups, ${result.latency_ms} ms added to every CF request, every ${result.interval_s} s. ` +
      "Duration: the cycle's record (/api/health); CF requests and depth: the cycle's, as the dashboard timed them " +
      "where it sent them (/api/health), and the depth of the same requests in the stand-in's log; paused: the time " +
      "the cycle gave way to a busy pages' thread (lib/watch/give-way.ts).",
    "",
    "| cycle | what it did | duration | paused for pages | CF requests | depth | depth, stand-in's log | spaces judged | evaluated | snapshots written | events |",
    "| ----: | ----------- | -------: | ---------------: | ----------: | ----: | --------------------: | ------------: | --------: | ----------------: | -----: |",
  ];
  for (const c of result.cycles) {
    const n = (key: string) => (c.counts[key] ?? 0).toLocaleString("en-US");
    lines.push(
      `| ${c.cycle} | ${c.phase} | ${(c.duration_ms / 1000).toFixed(1)} s | ${((c.counts.pausedMs ?? 0) / 1000).toFixed(1)} s | ${c.cf_requests} | ${c.depth} | ${c.depth_in_stand_in_log} | ` +
        `${n("judged")} | ${n("evaluated")} | ${n("baselined")} | ${n("events")} |`,
    );
  }
  const { idle, during } = result.org_page;
  lines.push(
    "",
    "The org page of the 1,000-space org as its manager, loaded one after the other through the cycles after the second: " +
      "during (the load overlapped a cycle) and idle (it did not).",
    "",
    "| org page | loads | median | p90 | max |",
    "| -------- | ----: | -----: | --: | --: |",
    `| idle | ${idle.loads} | ${ms(idle.p50_ms)} | ${ms(idle.p90_ms)} | ${ms(idle.max_ms)} |`,
    `| during a cycle | ${during.loads} | ${ms(during.p50_ms)} | ${ms(during.p90_ms)} | ${ms(during.max_ms)} |`,
    "",
    `Peak resident memory of the dashboard (VmHWM, reset between): ${result.peak_rss_mb.first_cycle ?? "—"} MB over ` +
      `start-up and the first cycle, ${result.peak_rss_mb.policies_cycle ?? "—"} MB over the second ` +
      `(${result.peak_rss_mb.before_policies_cycle ?? "—"} MB resident as it began, after the policies' PUTs), no page loaded ` +
      `(the cycle's memory); ${result.peak_rss_mb.with_page_loads ?? "—"} MB over the later cycles with the page loads beside them.`,
  );
  return lines;
}
