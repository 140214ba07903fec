import "server-only";
import { requestDepth, type RequestSpan } from "@/lib/cf/request-depth";
import type { AppDatabase, WatchCycle } from "@/lib/db/types";
import { refusedToken, type CycleRunner } from "./cycle-runner";
import type { WatchStatus } from "./status";

/**
 * The watcher's schedule (docs/design.md §12). Every instance ticks a few
 * times per interval; each tick takes or renews the lease (lib/db/watch-lease.ts),
 * and only its holder runs a cycle, when the last one recorded in the
 * database, by whichever instance, began an interval ago or more. So several
 * instances over one database run one cycle per interval, and when the holder
 * dies its lease (1.5 intervals) runs out and another instance takes over at
 * its next tick: within two intervals. On SQLite it is the one process.
 * Ticks keep running during a cycle, so a long cycle keeps its lease; an
 * instance that finds its lease gone stops its cycle between orgs. The cycle
 * itself runs where `runCycle` puts it (./cycle-runner.ts): in production, a
 * thread of its own.
 */

export const LEASE_NAME = "watcher";
const MIN_POLL_MS = 250;
const MAX_POLL_MS = 30_000;
const STOP_WAIT_MS = 3_000;
/** How far back a cycle looks for the last one that read the foundation (its events' window starts there). */
const PREVIOUS_CYCLES_LOOKED_AT = 50;

type Log = {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
};

export type WatcherDeps = {
  intervalMs: number;
  /** This instance in the lease and the cycles' records. */
  holder: string;
  store: () => Promise<AppDatabase>;
  /** Runs one cycle with a valid watcher token, telling `onRequest` of each CF request (its count and depth). */
  runCycle: CycleRunner;
  /** The CF API refused the token (401): forget it, so the next cycle gets a new one. */
  tokenRefused: () => void;
  pendingStaleAfterMs: number;
  log: Log;
  now?: () => number;
};

/** The most a cycle gives way to pages in all, whatever the interval (5 min by default). */
const MAX_PAUSE_PER_CYCLE_MS = 20_000;

export class Watcher {
  readonly pollMs: number;
  readonly leaseTtlMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: { done: Promise<void>; abort: AbortController } | undefined;
  private stopped = false;
  private readonly now: () => number;
  private current: Extract<WatchStatus, { state: "on" }>;

  constructor(private readonly deps: WatcherDeps) {
    this.now = deps.now ?? Date.now;
    this.pollMs = Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, Math.floor(deps.intervalMs / 4)));
    this.leaseTtlMs = Math.floor(deps.intervalMs * 1.5);
    this.current = {
      state: "on",
      role: "starting",
      holder: deps.holder,
      intervalMs: deps.intervalMs,
      lastCycle: null,
      error: null,
    };
  }

  status(): WatchStatus {
    return this.current;
  }

  start(): void {
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick().finally(() => this.schedule(this.pollMs)), ms);
    // A watcher alone never keeps a process alive (a build, a test run).
    this.timer.unref();
  }

  /** One tick: the lease, the last cycle, and a cycle if this instance holds the lease and one is due. */
  async tick(): Promise<void> {
    let store: AppDatabase;
    let leader: boolean;
    let cycles: WatchCycle[];
    try {
      store = await this.deps.store();
      leader = await store.watch.acquireLease(LEASE_NAME, this.deps.holder, this.leaseTtlMs);
      cycles = await store.watch.lastCycles(1);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (this.current.error !== message) this.deps.log.warn({ error: message }, "watch: lease not taken");
      this.current = { ...this.current, error: message };
      return;
    }
    if (leader !== (this.current.role === "leader")) {
      this.deps.log.info(
        { holder: this.deps.holder },
        leader ? "watch: lease taken, cycles run here" : "watch: standing by",
      );
    }
    this.current = {
      ...this.current,
      role: leader ? "leader" : "standby",
      lastCycle: cycles[0] ?? null,
      error: null,
    };
    if (!leader) {
      this.running?.abort.abort(new Error("the lease went to another instance"));
      return;
    }
    const last = cycles[0];
    if (
      this.running ||
      this.stopped ||
      (last !== undefined && this.now() < last.startedAt + this.deps.intervalMs)
    )
      return;
    const abort = new AbortController();
    const done = this.cycle(store, abort.signal).finally(() => (this.running = undefined));
    this.running = { done, abort };
  }

  private async cycle(store: AppDatabase, signal: AbortSignal): Promise<void> {
    const observedAt = this.now();
    const started = performance.now();
    let id: number;
    let previous: WatchCycle | undefined;
    let baseline: boolean;
    try {
      // The previous cycle that read the foundation (one whose CF reads failed observed nothing), and
      // whether any space was ever judged: the first cycle on a foundation raises no events.
      const [recent, judged] = await Promise.all([
        store.watch.lastCycles(PREVIOUS_CYCLES_LOOKED_AT),
        store.watch.hasStandings(),
      ]);
      previous = recent.find((c) => c.endedAt !== null && c.counts?.orgs !== undefined);
      baseline = !judged;
      id = await store.watch.startCycle(this.deps.holder, observedAt);
    } catch (error) {
      this.deps.log.warn({ error: String(error) }, "watch: cycle not started");
      return;
    }
    let counts: Record<string, number> = {};
    let error: string | null = null;
    // The cycle's own CF requests, timed where they are sent: their count and depth (design §8).
    const requests: RequestSpan[] = [];
    const sent = () => ({ cfRequests: requests.length, cfDepth: requestDepth(requests) });
    try {
      const result = await this.deps.runCycle({
        observedAt,
        previousObservedAt: previous?.observedAt ?? null,
        baseline,
        pendingStaleAfterMs: this.deps.pendingStaleAfterMs,
        // A cycle on a busy server still ends well within its interval, and its drift windows stay
        // near one interval: at most half of it, and never more than 20 s in all (./give-way.ts).
        pauseBudgetMs: Math.min(Math.floor(this.deps.intervalMs / 2), MAX_PAUSE_PER_CYCLE_MS),
        signal,
        onRequest: (span) => requests.push(span),
        onOrgError: (orgGuid, e) => this.deps.log.warn({ orgGuid, error: e }, "watch: org not checked"),
      });
      const { firstError, ...rest } = result;
      counts = { ...rest, ...sent() };
      error = firstError;
    } catch (e) {
      if (refusedToken(e)) this.deps.tokenRefused();
      error = e instanceof Error ? e.message : String(e);
      counts = sent();
    }
    const durationMs = Math.round(performance.now() - started);
    try {
      await store.watch.finishCycle(id, { counts, error });
      // /api/health says so now, not at the next tick.
      this.current = { ...this.current, lastCycle: (await store.watch.lastCycles(1))[0] ?? null };
    } catch (e) {
      this.deps.log.warn({ error: String(e) }, "watch: cycle not recorded");
    }
    const fields = {
      cycle: id,
      holder: this.deps.holder,
      durationMs,
      observedAt: new Date(observedAt).toISOString(),
      ...counts,
    };
    if (error === null) this.deps.log.info(fields, "watch: cycle done");
    else this.deps.log.warn({ ...fields, error }, "watch: cycle failed");
  }

  /**
   * At shutdown: no new tick, the cycle in flight stopped between orgs (waited for briefly), the lease
   * given up so another instance takes it at its next tick. `release: false` leaves the lease to run out,
   * as a killed process does (tests).
   */
  async stop({ release = true }: { release?: boolean } = {}): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const running = this.running;
    if (running) {
      running.abort.abort(new Error("shutting down"));
      await Promise.race([running.done, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
    }
    if (!release) return;
    try {
      await (await this.deps.store()).watch.releaseLease(LEASE_NAME, this.deps.holder);
    } catch {
      // The lease runs out by itself.
    }
  }
}
