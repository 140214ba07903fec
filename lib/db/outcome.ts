import type { ChangeEntry, Outcome } from "./types";

/**
 * How long a change may stay pending before it counts as "outcome unknown"
 * (and a drift check settles it from what CF shows). Each recorded change is
 * one CF write (a bulk unbind records each space's own), so a few CF request
 * timeouts are enough; the app sets it from CHANGE_IN_FLIGHT_MS.
 */
export const DEFAULT_PENDING_STALE_AFTER_MS = 2 * 60_000;

/**
 * A change's outcome as a reader should see it now: one still pending after
 * the stale age never got its outcome written (the process stopped between
 * the CF request and the outcome), so it is unknown until a drift check
 * settles it.
 */
export function outcomeAsOf(
  entry: Pick<ChangeEntry, "outcome" | "occurredAt">,
  now: number,
  pendingStaleAfterMs = DEFAULT_PENDING_STALE_AFTER_MS,
): Outcome {
  return entry.outcome === "pending" && now - entry.occurredAt >= pendingStaleAfterMs
    ? "unknown"
    : entry.outcome;
}
