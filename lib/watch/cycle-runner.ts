import { CfApiError } from "@/lib/cf/errors";
import type { RequestSpan } from "@/lib/cf/request-depth";
import type { CycleResult } from "./cycle";

/**
 * How the watcher (./watcher.ts) has a cycle run: its schedule and lease stay
 * where the pages are, the cycle itself (CF reads, parsing, the drift check,
 * the judgement, its writes) may run elsewhere. In production it runs in a
 * worker thread (./cycle-thread.ts), so that parsing a foundation's lists and
 * judging 20,000 spaces never holds up a page (docs/design.md §12); tests may
 * run it in the same thread (./test-support/in-process-cycles.ts), with the same code.
 */

export type CycleRun = {
  /** When the CF reads begin (the watcher records it with the cycle). */
  observedAt: number;
  previousObservedAt: number | null;
  baseline: boolean;
  pendingStaleAfterMs: number;
  /** The most the cycle may pause for busy pages (./give-way.ts): half the interval. */
  pauseBudgetMs: number;
  /** Shutdown, or the lease gone: the cycle stops between orgs. */
  signal: AbortSignal;
  /** Told of each CF request once it ends, with its span (the cycle's count and depth). */
  onRequest: (span: RequestSpan) => void;
  onOrgError: (orgGuid: string, error: string) => void;
};

export type CycleRunner = (run: CycleRun) => Promise<CycleResult>;

type RunTiming = Pick<CycleRun, "observedAt" | "previousObservedAt" | "baseline" | "pendingStaleAfterMs">;

/** What a run says of its place in time, as `runCycle` takes it (the cycle thread and the tests' cycles alike). */
export function runTiming(run: RunTiming): RunTiming {
  const { observedAt, previousObservedAt, baseline, pendingStaleAfterMs } = run;
  return { observedAt, previousObservedAt, baseline, pendingStaleAfterMs };
}

/** A failure of the cycle that says CF refused the watcher's token: the next cycle needs a new one. */
export function refusedToken(error: unknown): boolean {
  if (error instanceof CfApiError) return error.status === 401;
  return error instanceof CycleFailure && error.status === 401;
}

/** A cycle's failure as it crossed from the thread that ran it: its message and, if CF's, its status. */
export class CycleFailure extends Error {
  override readonly name = "CycleFailure";
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}
