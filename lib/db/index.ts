import "server-only";
import { profiles } from "@/lib/egress/load-profiles";
import { env } from "@/lib/env";
import { openDatabase } from "./store";
import type { AppDatabase } from "./types";

/**
 * The dashboard's own database: the change history (docs/design.md §6: every
 * bind and unbind the dashboard performs, and drift, changes made outside it),
 * the org policies (§10) and the token renewals the instances share
 * (docs/adr/0007); in SQLite by default or PostgreSQL when DATABASE_URL is set.
 */

export { openDatabase } from "./store";
export type { DatabaseConfig } from "./connect";
export { decodeCursor, encodeCursor, type Cursor } from "./cursor";
export { DEFAULT_PENDING_STALE_AFTER_MS, outcomeAsOf } from "./outcome";
export { MAX_PAGE_SIZE } from "./queries";
export type * from "./types";

// Kept on globalThis so that Next's dev server, which re-evaluates modules on
// every edit, does not open a new pool each time.
const slot = globalThis as typeof globalThis & { __egressDatabase?: Promise<AppDatabase> };

/**
 * The process-wide store, configured by env(), opened (and migrated) on first
 * use. A failed open is forgotten, so that the next call tries again.
 */
export function getDatabase(): Promise<AppDatabase> {
  if (slot.__egressDatabase === undefined) {
    const opening = (async () => {
      const { databaseUrl, dataDir } = env();
      // The platform's "public" profile names the group that opens public egress (alerts' `public-egress`).
      const publicEgressGroups = () => profiles().flatMap((p) => (p.id === "public" ? [p.group] : []));
      return openDatabase({ databaseUrl, dataDir, publicEgressGroups });
    })();
    slot.__egressDatabase = opening;
    opening.catch(() => {
      if (slot.__egressDatabase === opening) slot.__egressDatabase = undefined;
    });
  }
  return slot.__egressDatabase;
}

/** Closes the process-wide store, if one was opened (at shutdown, after the requests in flight). */
export async function closeDatabase(): Promise<void> {
  const opening = slot.__egressDatabase;
  slot.__egressDatabase = undefined;
  if (opening === undefined) return;
  try {
    await (await opening).close();
  } catch {
    // It never opened: nothing to close.
  }
}
