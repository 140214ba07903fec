import { describeBreak } from "./chain-check";
import { GENESIS, type ChainPoint } from "./chain-record";
import type { ChainBreak, ChainStore } from "./chain-types";

/**
 * The chain's state for /api/health, verified a bounded step at a time (docs/adr/0010): each step
 * first checks that the last record verified still has the hash it had (one row), then verifies up
 * to `budget` records after it. Once it has caught up, what is left of the budget re-verifies the
 * older records from the start, round and round, so an edit of an old row is found too, within
 * (records ÷ budget) steps. A break, once found, stays reported: the full check
 * (`npm run history:verify`) says more, and a restart starts over.
 */

export type ChainHealth =
  | { state: "not-checked"; summary: string }
  | { state: "intact"; verified_through: number; caught_up: boolean; summary: string }
  | {
      state: "broken";
      /** The entry's or event's id; null when a record verified before was rewritten. */
      id: number | null;
      subject: ChainBreak["subject"] | null;
      record: number | null;
      summary: string;
    };

export type ChainMonitor = { step(chain: ChainStore): Promise<ChainHealth>; current(): ChainHealth };

export function chainMonitor(budget: number): ChainMonitor {
  let tip: ChainPoint = GENESIS;
  let sweep: ChainPoint = GENESIS;
  let caughtUp = false;
  let checked = false;
  let broken: ChainBreak | null = null;
  let rewritten = null as ChainPoint | null;
  let running: Promise<ChainHealth> | null = null;

  const current = (): ChainHealth => {
    if (rewritten) {
      const summary = `broken at record ${rewritten.seq}: it no longer has the hash it was verified with (${rewritten.hash.slice(0, 12)}…)`;
      return { state: "broken", id: null, subject: null, record: rewritten.seq, summary };
    }
    if (broken) {
      return {
        state: "broken",
        id: broken.subjectId,
        subject: broken.subject,
        record: broken.seq,
        summary: `broken at ${describeBreak(broken)}`,
      };
    }
    if (!checked) return { state: "not-checked", summary: "not checked yet" };
    return {
      state: "intact",
      verified_through: tip.seq,
      caught_up: caughtUp,
      summary: `intact through record ${tip.seq}${caughtUp ? "" : " (still verifying newer records)"}`,
    };
  };

  async function run(chain: ChainStore): Promise<ChainHealth> {
    if (broken || rewritten) return current();
    if (!(await chain.stillAnchored(tip))) {
      rewritten = tip;
      return current();
    }
    const ahead = await chain.verify(tip, budget);
    tip = ahead.through;
    caughtUp = ahead.reachedEnd;
    checked = true;
    if (ahead.break) broken = ahead.break;
    const left = budget - ahead.checked;
    if (!broken && caughtUp && left > 0) {
      const again = await chain.verify(sweep, left);
      if (again.break) broken = again.break;
      sweep = again.reachedEnd ? GENESIS : again.through;
    }
    return current();
  }

  return {
    current,
    // One step at a time, however many health checks arrive at once.
    step(chain) {
      running ??= run(chain).finally(() => {
        running = null;
      });
      return running;
    },
  };
}
