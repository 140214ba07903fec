import "server-only";
import { describeError, log } from "@/lib/log";
import { getDatabase } from "./index";
import type { AppDatabase, HistoryEntry, ListQuery, ListResult, StoredPolicy } from "./types";

/**
 * The database as pages read it: secondary to CF. A page costs at most one
 * database round trip on its way to the browser (docs/design.md §8), and if
 * the database cannot be read the page still shows CF's state and says what
 * it could not show (null, or "unavailable").
 */

async function orNull<T>(
  what: string,
  orgGuid: string,
  read: (db: AppDatabase) => Promise<T>,
): Promise<T | null> {
  try {
    return await read(await getDatabase());
  } catch (error) {
    log.warn({ err: describeError(error), orgGuid }, `history: ${what} unavailable`);
    return null;
  }
}

/** The latest entry per space, in one query; null when the history cannot be read. */
export function lastEntries(
  orgGuid: string,
  spaceGuids: string[],
): Promise<Map<string, HistoryEntry> | null> {
  return orNull("last entries", orgGuid, (db) => db.lastEntries(orgGuid, spaceGuids));
}

/** A page of the history; null when the history cannot be read. */
export function historyPage(query: ListQuery): Promise<ListResult | null> {
  return orNull("list", query.orgGuid, (db) => db.list(query));
}

/**
 * The org's stored policy (null: none), for the org page, which reads it
 * alongside its CF requests, and for the policy API; "unavailable" when the
 * database cannot be read, so the page says compliance is not shown.
 */
export async function readStoredPolicy(orgGuid: string): Promise<StoredPolicy | null | "unavailable"> {
  const read = await orNull("org policy", orgGuid, async (db) => ({ policy: await db.readPolicy(orgGuid) }));
  return read === null ? "unavailable" : read.policy;
}

/**
 * Every stored policy by org guid, for the foundation page, in one query;
 * "unavailable" when the database cannot be read, so the page says
 * compliance is not shown.
 */
export async function readStoredPolicies(): Promise<Map<string, StoredPolicy> | "unavailable"> {
  const read = await orNull("org policies", "*", (db) => db.readPolicies());
  return read === null ? "unavailable" : new Map(read.map((p) => [p.orgGuid, p]));
}
