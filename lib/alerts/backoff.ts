/**
 * When a failed delivery is tried again: the first retry after `baseMs`, each
 * next one twice as long, never longer than `capMs`; after `maxAttempts`
 * attempts in all, none (the delivery has failed and the alerts page says so).
 * `attempts` counts the attempts made, the one that just failed included.
 */

export const RETRY_CAP_MS = 60 * 60 * 1000;

export function retryDelayMs(attempts: number, baseMs: number, capMs = RETRY_CAP_MS): number {
  // 2^30 already exceeds any cap; the exponent is bounded so the number stays finite.
  return Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));
}

/** The time of the next attempt, or null when that was the last one. */
export function nextAttemptAt(
  now: number,
  attempts: number,
  policy: { baseMs: number; maxAttempts: number; capMs?: number },
): number | null {
  if (attempts >= policy.maxAttempts) return null;
  return now + retryDelayMs(attempts, policy.baseMs, policy.capMs);
}
