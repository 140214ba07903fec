import "server-only";
import { after } from "next/server";
import { describeError, log } from "@/lib/log";
import { getDatabase } from "./index";
import type { AppDatabase, GroupObservation, GroupObserveResult } from "./types";

/**
 * The rule drift check (./observe-groups.ts) fed by what a page or an action has just read from CF,
 * as page views feed the binding drift check (./observe-after-response.ts), so rule drift is found
 * with the watcher off too (docs/design.md §13, "Drift"). It never fails its caller: a database
 * that cannot be reached or written is logged, and the page or action goes on without it.
 */

/** The check now; null (logged) when the database failed. `where` names the reader in the log. */
export async function observeGroupsSafely(
  observation: GroupObservation,
  where: string,
  open: () => Promise<AppDatabase> = getDatabase,
): Promise<GroupObserveResult | null> {
  if (observation.groups.length === 0) return null;
  try {
    const result = await (await open()).observeGroups(observation);
    if (result.drifted > 0 || result.explained > 0) log.info({ where, ...result }, "rule drift check");
    return result;
  } catch (error) {
    log.warn({ err: describeError(error), where }, "rule drift check failed");
    return null;
  }
}

/** The check after the response is sent, off the page's critical path. */
export function observeGroupsAfterResponse(observation: GroupObservation, where: string): void {
  if (observation.groups.length === 0) return;
  after(() => observeGroupsSafely(observation, where).then(() => undefined));
}
