import "server-only";
import { env } from "@/lib/env";
import { openHistory } from "./store";
import type { HistoryStore } from "./types";

/**
 * The change history (design §6): every bind and unbind the dashboard
 * performs, and drift (changes made outside it), in SQLite by default or
 * PostgreSQL when DATABASE_URL is set.
 */

export { openHistory } from "./store";
export type { HistoryConfig } from "./connect";
export { decodeCursor, encodeCursor, type Cursor } from "./cursor";
export { DEFAULT_PENDING_STALE_AFTER_MS, outcomeAsOf } from "./outcome";
export { MAX_PAGE_SIZE } from "./queries";
export type * from "./types";

// Kept on globalThis so that Next's dev server, which re-evaluates modules on
// every edit, does not open a new pool each time.
const slot = globalThis as typeof globalThis & { __egressHistory?: Promise<HistoryStore> };

/**
 * The process-wide store, configured by env(), opened (and migrated) on first
 * use. A failed open is forgotten, so that the next call tries again.
 */
export function getHistory(): Promise<HistoryStore> {
  if (slot.__egressHistory === undefined) {
    const opening = (async () => {
      const { databaseUrl, dataDir } = env();
      return openHistory({ databaseUrl, dataDir });
    })();
    slot.__egressHistory = opening;
    opening.catch(() => {
      if (slot.__egressHistory === opening) slot.__egressHistory = undefined;
    });
  }
  return slot.__egressHistory;
}

/** Closes the process-wide store, if one was opened (at shutdown, after the requests in flight). */
export async function closeHistory(): Promise<void> {
  const opening = slot.__egressHistory;
  slot.__egressHistory = undefined;
  if (opening === undefined) return;
  try {
    await (await opening).close();
  } catch {
    // It never opened: nothing to close.
  }
}
