/**
 * Runs `work` over `items` with at most `limit` calls in flight, as the
 * dialogs that change many spaces do (bulk apply, Bring into policy): enough
 * at once to be quick, few enough not to trip CF's rate limit. It never
 * rejects: a call that throws or rejects settles as that item's failure,
 * and the other items still run. `onSettled` hears of each item as it
 * settles (for a progress bar); the answer lists every item in input order.
 */

export type Settled<I, R> = { item: I; index: number } & (
  { ok: true; value: R } | { ok: false; error: unknown }
);

export async function pool<I, R>(
  items: readonly I[],
  limit: number,
  work: (item: I, index: number) => Promise<R>,
  onSettled?: (settled: Settled<I, R>) => void,
): Promise<Settled<I, R>[]> {
  const settled: Settled<I, R>[] = new Array<Settled<I, R>>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index] as I;
      let outcome: Settled<I, R>;
      try {
        outcome = { item, index, ok: true, value: await work(item, index) };
      } catch (error) {
        outcome = { item, index, ok: false, error };
      }
      settled[index] = outcome;
      try {
        onSettled?.(outcome);
      } catch {
        // A report that fails must not stop the items still to run, nor lose their results.
      }
    }
  };
  const workers = Math.min(Math.max(1, Math.floor(limit) || 1), items.length);
  await Promise.all(Array.from({ length: workers }, worker));
  return settled;
}
