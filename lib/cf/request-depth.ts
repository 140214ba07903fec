/**
 * How many round trips a set of CF requests took one after the other: the
 * longest chain of requests each sent after the one before it had answered
 * (design §8's "depth"). Requests sent together count once, however many.
 * Measured where they are sent (the client's own times, ./request.ts), so
 * that nothing else on the wire, say another client's token request or a
 * slow server starting a request late, is counted.
 */

export type RequestSpan = { startedAt: number; endedAt: number };

export function requestDepth(spans: readonly RequestSpan[]): number {
  const byStart = [...spans].sort((a, b) => a.startedAt - b.startedAt || a.endedAt - b.endedAt);
  const chain: number[] = [];
  let deepest = 0;
  byStart.forEach((span, i) => {
    let longest = 0;
    for (let j = 0; j < i; j++) {
      const before = byStart[j];
      if (before && before.endedAt <= span.startedAt) longest = Math.max(longest, chain[j] ?? 0);
    }
    chain[i] = longest + 1;
    deepest = Math.max(deepest, longest + 1);
  });
  return deepest;
}
