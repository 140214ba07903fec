/**
 * `npm run bench`'s watcher part (`--tables watch`): the watcher's cycle
 * (docs/design.md §12) over a foundation of the size design §8 budgets, 200
 * orgs, 20,000 spaces and 10,000 security groups in the realistic shape
 * (sim/generate-realistic.ts), one of its orgs of 1,000 spaces, 50 ms added
 * to every CF request from the stand-in's start. The dashboard runs as
 * deployed (dist/, the manifest's NODE_OPTIONS) with the stand-in's watcher
 * client and a short interval, and is the one watching process.
 *
 * - Cycle 1 is the watcher's first on the foundation: every space's snapshot
 *   and standing written (no policy yet). Then every org gets a policy (the
 *   org's manager or the admin PUTs it, as a pipeline would), so the next
 *   cycle judges all 20,000 spaces and records every verdict's turn. These
 *   two run with no page loaded. Then every org's policy changes, so the next
 *   cycle judges every space anew, with the page loads beside it; the cycles
 *   after it find nothing new, the steady state.
 * - Per cycle: its duration (the database's record, /api/health), its CF
 *   requests and their depth as the dashboard timed them where it sent them
 *   (the cycle's `cfRequests` and `cfDepth`), the depth in the stand-in's log
 *   beside it (the watcher's client's requests within the cycle: a stand-in
 *   busy serving one list starts the next request late), its counts.
 * - The org page of the 1,000-space org as its manager (`bench`), loaded one
 *   after the other from the end of cycle 2 to the end of the last: each load
 *   is "during" when it overlapped a cycle, else "idle"; their p90s, from the
 *   same run, interleaved in time, so a busy machine weighs on both alike.
 * - Peak resident memory of the dashboard (VmHWM, reset between by
 *   clear_refs): over start-up and cycle 1, over cycle 2 (after the policies'
 *   PUTs), both with no page loaded, the cycle's memory; then over the later
 *   cycles with the page loads beside them, the pages' memory as well.
 *
 * BENCH_CPU_PROF_DIR=<dir> runs the dashboard with `--cpu-prof` into that
 * folder (the profile is written when the bench stops it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { startStack } from "./bench-stack";
import { BENCH_USER, DEMO_PASSWORD, generatedOrgGuid } from "./bench-world";
import { ms, percentile, requestDepth } from "./measure";
import { signIn } from "./sign-in";
import type { LoggedRequest, SimClient } from "./sim-client";

export const WATCH_FOUNDATION = { orgs: 200, spaces: 20_000, groups: 10_000, bigOrg: 1000 };
/** The seeded world's orgs and spaces (sim/seed.ts), part of the foundation's counts. */
const SEEDED = { orgs: 3, spaces: 7 };
const WATCHER_CLIENT = { id: "egress-watcher", secret: "demo-watcher-secret" };
const PAGE_LOAD_TIMEOUT_MS = 60_000;

type CycleRecord = {
  id: number;
  started_at: string;
  ended_at: string | null;
  duration_ms: number | null;
  counts: Record<string, number> | null;
  error: string | null;
};

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

type Loads = { loads: number; p50_ms: number; p90_ms: number; max_ms: number };

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

function statusMb(pid: number, field: "VmHWM" | "VmRSS"): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024);
  } catch {
    return null;
  }
}
const peakMb = (pid: number) => statusMb(pid, "VmHWM");

function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    // Not Linux: the later peak then runs from the process's start.
  }
}

async function lastCycle(app: string): Promise<CycleRecord | null> {
  try {
    const response = await fetch(`${app}/api/health`, { signal: AbortSignal.timeout(5_000) });
    const body = (await response.json()) as { watcher: { last_cycle?: CycleRecord | null } };
    return body.watcher.last_cycle ?? null;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every org's policy: the spaces named like `<prefix>…` must not have public egress, the rest are not judged. */
async function putPolicies(
  app: string,
  sim: SimClient,
  prefix: string,
  log: (line: string) => void,
): Promise<number> {
  const admin = await sim.passwordToken("admin", DEMO_PASSWORD);
  const orgs = (await (
    await fetch(`${sim.cfUrl}/v3/organizations?per_page=5000`, {
      headers: { Authorization: `bearer ${admin}` },
    })
  ).json()) as { resources: { guid: string }[] };
  const document = JSON.stringify({
    version: 1,
    rules: [{ spaces: `${prefix}*`, require: { profile: "public", present: false } }],
    default: null,
  });
  const queue = orgs.resources.map((org) => org.guid);
  let done = 0;
  // Eight at a time, as a pipeline over many orgs might; each PUT reads CF with the admin's token.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let guid = queue.shift(); guid !== undefined; guid = queue.shift()) {
        const response = await fetch(`${app}/api/orgs/${guid}/policy`, {
          method: "PUT",
          headers: { Authorization: `bearer ${admin}`, "Content-Type": "application/json" },
          body: document,
          signal: AbortSignal.timeout(60_000),
        });
        if (response.status !== 200) throw new Error(`PUT policy of ${guid}: ${response.status}`);
        done++;
      }
    }),
  );
  log(`bench: watch: a policy on each of ${done} orgs (${prefix}…)`);
  return done;
}

function summary(times: number[]): Loads {
  return {
    loads: times.length,
    p50_ms: percentile(times, 0.5),
    p90_ms: percentile(times, 0.9),
    max_ms: times.length === 0 ? Number.NaN : Math.max(...times),
  };
}

function cycleResult(
  record: CycleRecord,
  requests: LoggedRequest[],
  phase: WatchCycleResult["phase"],
): WatchCycleResult {
  const from = Date.parse(record.started_at);
  const to = Date.parse(record.ended_at ?? record.started_at);
  const mine = requests.filter(
    (r) => r.user_guid === WATCHER_CLIENT.id && r.started_at >= from - 5 && r.started_at <= to,
  );
  return {
    cycle: record.id,
    phase,
    duration_ms: record.duration_ms ?? Number.NaN,
    cf_requests: record.counts?.cfRequests ?? mine.length,
    depth: record.counts?.cfDepth ?? requestDepth(mine),
    depth_in_stand_in_log: requestDepth(mine),
    counts: record.counts ?? {},
    error: record.error,
  };
}

export async function measureWatch(options: {
  appPort: number;
  cfPort: number;
  uaaPort: number;
  intervalS: number;
  /** Cycles measured with the page loads beside them, after the two without: the changed policies' cycle, then steady ones. */
  cycles: number;
  latencyMs: number;
  log: (line: string) => void;
}): Promise<WatchResult> {
  const { log } = options;
  const foundationOrgs = WATCH_FOUNDATION.orgs - SEEDED.orgs - 1;
  const foundationSpaces = WATCH_FOUNDATION.spaces - SEEDED.spaces;
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  log(
    `bench: watch: ${WATCH_FOUNDATION.orgs} orgs, ${WATCH_FOUNDATION.spaces} spaces, ` +
      `${WATCH_FOUNDATION.groups} groups, every ${options.intervalS} s…`,
  );
  const stack = await startStack({
    appPort: options.appPort,
    cfPort: options.cfPort,
    uaaPort: options.uaaPort,
    latencyMs: options.latencyMs,
    world: {
      shape: "realistic",
      orgSizes: [WATCH_FOUNDATION.bigOrg],
      groups: WATCH_FOUNDATION.groups,
      foundationSpaces,
      foundationOrgSize: Math.ceil((foundationSpaces - WATCH_FOUNDATION.bigOrg) / foundationOrgs),
    },
    env: {
      WATCH_CLIENT_ID: WATCHER_CLIENT.id,
      WATCH_CLIENT_SECRET: WATCHER_CLIENT.secret,
      WATCH_INTERVAL: String(options.intervalS),
    },
    nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
  });
  const { app, sim, appPid } = stack;
  try {
    const waitForCycleAfter = async (after: number, deadlineMs: number): Promise<CycleRecord> => {
      const deadline = Date.now() + deadlineMs;
      while (Date.now() < deadline) {
        const last = await lastCycle(app);
        if (last && last.id > after && last.ended_at !== null) return last;
        await sleep(250);
      }
      throw new Error(`no watcher cycle after #${after} ended within ${deadlineMs / 1000} s`);
    };
    const cookie = await signIn(app, BENCH_USER, DEMO_PASSWORD);
    const cycleWait = options.intervalS * 1000 + 120_000;
    // The cycle's memory: start-up and the first two cycles with no page loaded (the policies' PUTs apart).
    const first = await waitForCycleAfter(0, 180_000);
    const peakFirst = peakMb(appPid);
    log(`bench: watch: cycle ${first.id} (the first) took ${ms(first.duration_ms ?? 0)}`);
    await putPolicies(app, sim, "space-0", log);
    const residentBefore = statusMb(appPid, "VmRSS");
    resetPeak(appPid);
    const judging = await waitForCycleAfter(first.id, cycleWait);
    const peakJudging = peakMb(appPid);
    log(`bench: watch: cycle ${judging.id} (policies new) took ${ms(judging.duration_ms ?? 0)}`);
    const unloaded = await sim.requests();
    const cycles = [
      cycleResult(first, unloaded, "first (baselines)"),
      cycleResult(judging, unloaded, "policies new"),
    ];
    await sim.clearRequests();
    // From here the org page is loaded beside the cycles: the pages' memory as well as the cycle's.
    resetPeak(appPid);

    const path = `/orgs/${generatedOrgGuid(0)}`;
    const load = async () => {
      const started = Date.now();
      const t0 = performance.now();
      const response = await fetch(`${app}${path}`, {
        headers: { cookie, "accept-encoding": "gzip" },
        redirect: "manual",
        signal: AbortSignal.timeout(PAGE_LOAD_TIMEOUT_MS),
      });
      await response.text();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      return { started, ended: Date.now(), ms: performance.now() - t0 };
    };
    await load(); // the first load of a route compiles and caches more than the next ones
    // Every policy changed: the next cycle judges every space anew, beside the page loads.
    await putPolicies(app, sim, "space-1", log);

    const loads: { started: number; ended: number; ms: number }[] = [];
    const records: CycleRecord[] = [];
    let seen = judging.id;
    let stop = false;
    const watching = (async () => {
      const deadline = Date.now() + options.cycles * cycleWait;
      while (records.length < options.cycles) {
        if (Date.now() > deadline) throw new Error("the watcher's cycles did not come in time");
        const last = await lastCycle(app);
        if (last && last.id > seen && last.ended_at !== null) {
          seen = last.id;
          records.push(last);
          log(`bench: watch: cycle ${last.id} took ${ms(last.duration_ms ?? 0)}`);
        }
        await sleep(250);
      }
      stop = true;
    })();
    try {
      while (!stop) loads.push(await load());
    } finally {
      stop = true;
    }
    await watching;
    const requests = await sim.requests();
    records.forEach((record, i) =>
      cycles.push(cycleResult(record, requests, i === 0 ? "policies changed" : "steady")),
    );

    const windows = records.map((r) => [Date.parse(r.started_at), Date.parse(r.ended_at ?? "")]);
    const overlaps = (l: { started: number; ended: number }) =>
      windows.some(([from = 0, to = 0]) => l.started <= to && l.ended >= from);
    const idle = summary(loads.filter((l) => !overlaps(l)).map((l) => l.ms));
    const during = summary(loads.filter(overlaps).map((l) => l.ms));
    return {
      foundation: {
        orgs: first.counts?.orgs ?? 0,
        spaces: first.counts?.spaces ?? 0,
        groups: first.counts?.groups ?? 0,
      },
      interval_s: options.intervalS,
      latency_ms: options.latencyMs,
      cycles,
      org_page: { path: "/orgs/<1,000-space org>", idle, during, ratio_p90: during.p90_ms / idle.p90_ms },
      peak_rss_mb: {
        first_cycle: peakFirst,
        policies_cycle: peakJudging,
        before_policies_cycle: residentBefore,
        with_page_loads: peakMb(appPid),
      },
    };
  } finally {
    await stack.stop();
  }
}

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
