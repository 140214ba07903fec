import "server-only";
import { chainMonitor, type ChainHealth, type ChainMonitor } from "./chain-monitor";
import type { AppDatabase } from "./types";

/**
 * The chain's line in /api/health: this process's monitor (./chain-monitor.ts) takes one bounded
 * step per health answer (which /api/health reuses for a few seconds), so a poll costs at most
 * CHAIN_STEP_RECORDS records' reads and hashes, never the whole history.
 */

export type { ChainHealth };

export const CHAIN_STEP_RECORDS = 1_000;

// On globalThis, as the store is (./index.ts): Next's dev server re-evaluates modules.
const slot = globalThis as typeof globalThis & { __egressChainMonitor?: ChainMonitor };

export async function chainHealth(database: Promise<AppDatabase>, timeoutMs: number): Promise<ChainHealth> {
  const monitor = (slot.__egressChainMonitor ??= chainMonitor(CHAIN_STEP_RECORDS));
  let timer: NodeJS.Timeout | undefined;
  try {
    // A slow step goes on in the background (one at a time); this answer says what is known so far.
    const late = new Promise<ChainHealth>((resolve) => {
      timer = setTimeout(() => resolve(monitor.current()), timeoutMs);
    });
    return await Promise.race([database.then((db) => monitor.step(db.chain)), late]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { state: "not-checked", summary: `not checked: ${reason.slice(0, 200)}` };
  } finally {
    clearTimeout(timer);
  }
}
