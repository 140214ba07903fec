/**
 * The cycle gives way to pages (docs/design.md §12, §8: the org page's p90
 * during a cycle at most 1.5× idle). On a machine of two cores the cycle's
 * thread competes with the pages' thread for the CPU; so between units of
 * work (between orgs, and between slices of spaces judged) the cycle looks at
 * how busy the pages' thread has been lately and, when it is busy, pauses a
 * little, again and again while it stays busy. The pauses are bounded: per
 * point where the cycle gives way (a stop is seen between them) and per cycle
 * (half the interval and at most 20 s, so a cycle on a busy server still ends well within its
 * interval). The cycle's record says how long it paused (`pausedMs`).
 *
 * The policy is pure: busyness in, the next pause out (./give-way.test.ts).
 */

export type GiveWayPolicy = {
  /** The pages' thread's event-loop utilisation (0–1) above which the cycle pauses. */
  busyAbove: number;
  /** One pause: short, so the cycle resumes soon after the pages' thread quietens. */
  pauseMs: number;
  /** The most the cycle pauses at one point (a stop is seen between points). */
  perPointMs: number;
  /** The most the cycle pauses in all. */
  budgetMs: number;
};

/** The defaults; the budget is the watcher's (half its interval, at most 20 s: ./watcher.ts). */
export const GIVE_WAY = { busyAbove: 0.5, pauseMs: 20, perPointMs: 500 } as const;

export class GiveWay {
  private total = 0;

  constructor(private readonly policy: GiveWayPolicy) {}

  /** How long the cycle has paused so far. */
  get pausedMs(): number {
    return this.total;
  }

  /**
   * The pause to take now, given the pages' thread's busyness and how long the cycle already paused at this
   * point: none when the pages are quiet or a bound is reached.
   */
  pauseFor(busyness: number, pausedAtPointMs: number): number {
    if (!(busyness > this.policy.busyAbove)) return 0;
    const left = Math.min(this.policy.budgetMs - this.total, this.policy.perPointMs - pausedAtPointMs);
    return left <= 0 ? 0 : Math.min(this.policy.pauseMs, left);
  }

  /** A pause taken, as long as it really lasted (a timer may fire late on a busy machine). */
  paused(ms: number): void {
    this.total += ms;
  }
}

/** Where the pages' thread writes its busyness and the cycle's thread reads it (./busyness.ts). */
export type BusynessReader = () => number;

/**
 * What the cycle calls between units of work: the event loop given back (a stop is seen), then pauses
 * while the pages' thread is busy, within the policy's bounds.
 */
export type Pacer = {
  giveWay(signal?: AbortSignal): Promise<void>;
  readonly pausedMs: number;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function pacer(policy: GiveWayPolicy, busyness: BusynessReader): Pacer {
  const giveWay = new GiveWay(policy);
  return {
    get pausedMs() {
      return giveWay.pausedMs;
    },
    async giveWay(signal) {
      await nextTurn();
      let atPoint = 0;
      for (
        let pause = giveWay.pauseFor(busyness(), 0);
        pause > 0;
        pause = giveWay.pauseFor(busyness(), atPoint)
      ) {
        if (signal?.aborted) return;
        const started = performance.now();
        await sleep(pause);
        const lasted = performance.now() - started;
        giveWay.paused(lasted);
        atPoint += lasted;
      }
    },
  };
}

/** A cycle that never pauses: it only gives the event loop back (cycles in the pages' thread, tests). */
export const noPauses: Pacer = { giveWay: nextTurn, pausedMs: 0 };
