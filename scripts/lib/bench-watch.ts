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
import { startStack } from "./bench-stack";
import { BENCH_USER, DEMO_PASSWORD, generatedOrgGuid } from "./bench-world";
import { ms, percentile, requestDepth } from "./measure";
import { signIn } from "./sign-in";
import { memoryMb, resetPeak } from "./proc-stats";
import { putPolicies } from "./bench-watch-policies";
import type { Loads, WatchCycleResult, WatchResult } from "./bench-watch-report";
import type { LoggedRequest } from "./sim-client";

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
    const peakFirst = memoryMb(appPid)?.peak ?? null;
    log(`bench: watch: cycle ${first.id} (the first) took ${ms(first.duration_ms ?? 0)}`);
    await putPolicies(app, sim, "space-0", log);
    const residentBefore = memoryMb(appPid)?.now ?? null;
    resetPeak(appPid);
    const judging = await waitForCycleAfter(first.id, cycleWait);
    const peakJudging = memoryMb(appPid)?.peak ?? null;
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
        with_page_loads: memoryMb(appPid)?.peak ?? null,
      },
    };
  } finally {
    await stack.stop();
  }
}
