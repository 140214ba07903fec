import type { WatchCycle } from "@/lib/db/watch-types";

/**
 * What the watcher is doing, for /api/health and the logs: off, or this
 * instance's role (the lease's holder runs the cycles, the others stand by)
 * and the foundation's last cycle, whichever instance ran it. Kept on
 * globalThis under a registered symbol, because Next bundles the
 * instrumentation hook and each route separately (as lib/shutdown.ts).
 */

export type WatchStatus =
  | { state: "off" }
  | {
      state: "on";
      role: "starting" | "leader" | "standby";
      holder: string;
      intervalMs: number;
      /** The latest cycle recorded in the database, by any instance. */
      lastCycle: WatchCycle | null;
      /** Why the last attempt to take the lease or read the cycles failed; null when it worked. */
      error: string | null;
    };

const KEY = Symbol.for("egress-dashboard.watch-status");
type Slot = typeof globalThis & { [KEY]?: () => WatchStatus };

/** The watcher (lib/watch/watcher.ts) registers where its status is read. */
export function registerWatchStatus(read: () => WatchStatus): void {
  (globalThis as Slot)[KEY] = read;
}

export function watchStatus(): WatchStatus {
  return (globalThis as Slot)[KEY]?.() ?? { state: "off" };
}

/** The status as /api/health shows it: times as ISO strings, durations in milliseconds. */
export function watchHealth(status: WatchStatus = watchStatus()) {
  if (status.state === "off") return { state: "off" as const };
  const last = status.lastCycle;
  return {
    state: "on" as const,
    role: status.role,
    interval_s: status.intervalMs / 1000,
    error: status.error,
    last_cycle:
      last === null
        ? null
        : {
            // The cycle's number, as its log line ("watch: cycle done") gives it.
            id: last.id,
            started_at: new Date(last.startedAt).toISOString(),
            ended_at: last.endedAt === null ? null : new Date(last.endedAt).toISOString(),
            duration_ms: last.endedAt === null ? null : last.endedAt - last.startedAt,
            by: last.holder,
            counts: last.counts,
            error: last.error,
          },
  };
}
