/**
 * The arithmetic of the benchmarks: percentiles, and the depth of a set of
 * CF requests (how many of them had to wait for one another).
 */

/** Nearest-rank percentile (p in 0..1) of a list of numbers; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export const median = (values: readonly number[]) => percentile(values, 0.5);

export type TimedRequest = { started_at: number; ended_at: number };

/**
 * The depth of a set of requests: the length of the longest chain of them in
 * which each request started at or after the previous one ended, so that no
 * two of the chain overlapped in time. Requests issued together (in parallel)
 * overlap and count once; a request issued only after another answered (in
 * sequence) adds one. With 50 ms added to every CF request, the depth times
 * 50 ms is the least time the latency alone adds to a page.
 *
 * Times are the stand-in's, in whole milliseconds, so a request that starts
 * in the very millisecond another ends counts as following it.
 */
export function requestDepth(requests: readonly TimedRequest[]): number {
  const byStart = [...requests].sort((a, b) => a.started_at - b.started_at || a.ended_at - b.ended_at);
  const chain: number[] = [];
  let deepest = 0;
  byStart.forEach((request, i) => {
    let longest = 0;
    for (let j = 0; j < i; j++) {
      const before = byStart[j];
      if (before && before.ended_at <= request.started_at) longest = Math.max(longest, chain[j] ?? 0);
    }
    chain[i] = longest + 1;
    deepest = Math.max(deepest, longest + 1);
  });
  return deepest;
}

export const kB = (bytes: number) => `${(bytes / 1000).toFixed(bytes < 10_000 ? 1 : 0)} kB`;
export const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
