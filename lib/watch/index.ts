import "server-only";
import { hostname } from "node:os";
import { Worker } from "node:worker_threads";
import { uaaBaseUrl } from "@/lib/auth/uaa";
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { onShutdown } from "@/lib/shutdown";
import { watchConfig } from "./config";
import { CycleThread, type CycleThreadHandle } from "./cycle-thread";
import { registerWatchStatus } from "./status";
import { ClientTokenSource } from "./token";
import { Watcher } from "./watcher";

/**
 * The watcher (docs/design.md §12), started with the server (lib/start-up.ts)
 * when an operator configured its credential, and stopped on shutdown before
 * the database closes. Its token reads only: every change still goes out
 * with the signed-in user's own token, through lib/changes.
 */

export { parseWatchConfig, watchConfig, type WatchConfig } from "./config";
export { watchHealth, watchStatus, type WatchStatus } from "./status";

const KEY = Symbol.for("egress-dashboard.watcher");
/** Below this, production gets a warning: the demo's and the tests' intervals, not a platform's. */
const BRISK_INTERVAL_MS = 60_000;
type Slot = typeof globalThis & { [KEY]?: Watcher };
/**
 * The cycle thread's old-generation heap: a bound, so that a foundation far
 * past design §8's (200 orgs, 20,000 spaces, 10,000 groups, whose cycles ran
 * within 96 MB in the bench) ends the thread instead of growing the process:
 * that cycle then fails with the reason (/api/health, the log), and the next
 * starts a new thread.
 */
const CYCLE_THREAD_HEAP_MB = 128;
/**
 * Its young generation, where each list page's parse lands first: V8's own
 * choice for that heap kept about 20 MB more resident through and after a
 * cycle of design §8's foundation (`npm run bench -- --tables watch`); the
 * smaller one costs the cycle about a fifth more CPU in more, shorter
 * collections, in a thread that yields the CPU to the pages anyway
 * (./cycle-worker.ts).
 */
const CYCLE_THREAD_YOUNG_MB = 8;

/** This instance in the lease: the CF instance (or host) and the process, plus a nonce for restarts. */
function holderId(): string {
  const instance = process.env.CF_INSTANCE_INDEX ?? hostname();
  return `${instance}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
}

/** The cycle thread's V8 heap bounds (above). */
export const CYCLE_THREAD_LIMITS = {
  maxOldGenerationSizeMb: CYCLE_THREAD_HEAP_MB,
  maxYoungGenerationSizeMb: CYCLE_THREAD_YOUNG_MB,
};

/** The cycle thread as deployed: the worker Next's build bundles from this `new URL` (./cycle-worker.ts). */
function cycleWorker(): CycleThreadHandle {
  const worker = new Worker(new URL("./cycle-worker.ts", import.meta.url), {
    resourceLimits: CYCLE_THREAD_LIMITS,
  });
  worker.unref(); // like the schedule's timer: a watcher alone never keeps a process alive
  return worker;
}

/**
 * Starts the watcher; `spawn` starts its cycle thread: the bundled worker, unless the caller runs
 * the sources (the unit tests start the same worker through a TypeScript loader).
 */
export function startWatcher(spawn: () => CycleThreadHandle = cycleWorker): void {
  // `next build` runs the instrumentation hook in its workers: nothing to watch there.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const slot = globalThis as Slot;
  if (slot[KEY] !== undefined) return; // Next's dev server evaluates the hook again on every edit.
  const config = watchConfig();
  if (!config.enabled) {
    registerWatchStatus(() => ({ state: "off" }));
    log.info({}, "watch: off (no WATCH_CLIENT_ID or egress-watcher service)");
    return;
  }
  const { cfRequestTimeoutMs, changeInFlightMs } = env();
  const tokens = new ClientTokenSource({
    tokenUrl: async () => `${await uaaBaseUrl()}/oauth/token`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    timeoutMs: cfRequestTimeoutMs,
  });
  const holder = holderId();
  // The cycles run in a thread of their own (./cycle-thread.ts, ./cycle-worker.ts): never in the pages' way.
  const thread = new CycleThread(spawn, () => tokens.token());
  const watcher = new Watcher({
    intervalMs: config.intervalMs,
    holder,
    store: getDatabase,
    runCycle: thread.runner,
    tokenRefused: () => tokens.forget(),
    pendingStaleAfterMs: changeInFlightMs,
    log,
  });
  slot[KEY] = watcher;
  registerWatchStatus(() => watcher.status());
  onShutdown(async () => {
    await watcher.stop();
    await thread.close();
  });
  watcher.start();
  log.info(
    { client: config.clientId, from: config.origin, intervalS: config.intervalMs / 1000, holder },
    "watch: on",
  );
  if (env().isProduction && config.intervalMs < BRISK_INTERVAL_MS) {
    // Each cycle is a few list requests, counted against the client by CF's rate limit (cf-behaviour §1.6).
    log.warn(
      { intervalS: config.intervalMs / 1000 },
      "watch: WATCH_INTERVAL is under a minute: the whole foundation is read that often, against CF's rate limit",
    );
  }
}
