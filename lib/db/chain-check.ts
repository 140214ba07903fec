import { GENESIS, type ChainPoint } from "./chain-record";
import type { ChainBreak, ChainStore } from "./chain-types";

/**
 * The whole chain checked, for `npm run history:verify` and the tests: every record from the
 * first, then every row that no record names. Memory stays one page of records whatever the
 * history's size.
 */

export type ChainVerdict =
  | { intact: true; records: number; head: ChainPoint }
  | { intact: false; records: number; lastGood: ChainPoint; break: ChainBreak };

const STEP = 10_000;

export async function verifyWholeChain(chain: ChainStore): Promise<ChainVerdict> {
  let through = GENESIS;
  let records = 0;
  for (;;) {
    const progress = await chain.verify(through, STEP);
    records += progress.checked;
    through = progress.through;
    if (progress.break) return { intact: false, records, lastGood: through, break: progress.break };
    if (progress.reachedEnd) break;
  }
  const unchained = await chain.findUnchained();
  if (unchained) return { intact: false, records, lastGood: through, break: unchained };
  return { intact: true, records, head: through };
}

/** "entry 57 (2026-12-01T10:00:00.000Z, record 120): outcome: the chain has …". */
export function describeBreak(found: ChainBreak): string {
  const what = found.subject === "event" ? `watcher event ${found.subjectId}` : `entry ${found.subjectId}`;
  const where = [
    found.at === null ? null : new Date(found.at).toISOString(),
    found.seq === null ? null : `record ${found.seq}`,
  ].filter((part) => part !== null);
  const kind = found.subject === "outcome" ? "the outcome of " : "";
  return `${kind}${what}${where.length > 0 ? ` (${where.join(", ")})` : ""}: ${found.problems.join("; ")}`;
}
