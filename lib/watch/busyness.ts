import { performance, type EventLoopUtilization } from "node:perf_hooks";

/**
 * How busy the pages' thread has been lately, shared with the cycle's thread
 * (./give-way.ts): while a cycle runs, the pages' thread measures its own
 * event-loop utilisation over each tenth of a second and writes it, with the
 * time it wrote it, into a SharedArrayBuffer the cycle's thread reads without
 * a message. A reading that has not been renewed for a few periods means the
 * pages' thread has not run its timer: it is busy (a long render), however
 * quiet its last reading was.
 */

export const SAMPLE_MS = 100;
/** A reading older than this many periods: the pages' thread is held up. */
const STALE_PERIODS = 3;
const PER_MILLE = 1000;

/** Its slots: the utilisation in thousandths, and when it was measured (ms since the epoch). */
const UTILISATION = 0;
const SAMPLED_AT = 1;

const slots = (buffer: SharedArrayBuffer) => new BigInt64Array(buffer);

/** The busyness a reading means: its utilisation, or fully busy when it is stale. */
export function busynessOf(reading: { utilisation: number; sampledAt: number }, now: number): number {
  return now - reading.sampledAt > STALE_PERIODS * SAMPLE_MS ? 1 : reading.utilisation;
}

/** The cycle's thread's end: reads the latest reading. */
export function readBusyness(buffer: SharedArrayBuffer, now: () => number = Date.now): () => number {
  const view = slots(buffer);
  return () =>
    busynessOf(
      {
        utilisation: Number(Atomics.load(view, UTILISATION)) / PER_MILLE,
        sampledAt: Number(Atomics.load(view, SAMPLED_AT)),
      },
      now(),
    );
}

/** The pages' thread's end: measures while at least one cycle is in flight. */
export class PagesBusyness {
  readonly buffer = new SharedArrayBuffer(2 * BigInt64Array.BYTES_PER_ELEMENT);
  private readonly view = slots(this.buffer);
  private timer: NodeJS.Timeout | undefined;
  private last: EventLoopUtilization | undefined;
  private users = 0;

  /** A cycle begins: sampling starts (if it had not), from a quiet reading. */
  start(): void {
    this.users++;
    if (this.timer !== undefined) return;
    this.write(0);
    this.last = performance.eventLoopUtilization();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  /** A cycle ended: sampling stops with the last one. */
  stop(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users > 0 || this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private sample(): void {
    const now = performance.eventLoopUtilization();
    this.write(performance.eventLoopUtilization(now, this.last).utilization);
    this.last = now;
  }

  private write(utilisation: number): void {
    Atomics.store(this.view, UTILISATION, BigInt(Math.round(utilisation * PER_MILLE)));
    Atomics.store(this.view, SAMPLED_AT, BigInt(Date.now()));
  }
}
