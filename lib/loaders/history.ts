import "server-only";
import { after } from "next/server";
import type { SecurityGroup, Space } from "@/lib/cf/schemas";
import { env } from "@/lib/env";
import { getDatabase, type HistoryEntry, type ListQuery, type ListResult, type Observation } from "@/lib/db";
import { describeError, log } from "@/lib/log";
import { GroupIndex } from "@/lib/view-models/space-egress";

/**
 * What pages read from and tell the change history. A page costs at most one
 * database round trip on its way to the browser (design.md §8); the drift
 * check runs after the response is sent. The history is secondary to CF: if
 * it cannot be read, the page still shows CF's state and says the history is
 * unavailable.
 */

/** The observation of what a page just read from CF, for the drift check (design.md §6). */
export function observationOf(
  orgGuid: string,
  spaces: readonly Space[],
  groups: SecurityGroup[],
  observedAt: number,
): Observation {
  const index = new GroupIndex(groups);
  const ref = (g: SecurityGroup) => ({ guid: g.guid, name: g.name });
  return {
    orgGuid,
    observedAt,
    spaces: spaces.map((space) => {
      const bindings = index.bindings(space.guid);
      return {
        guid: space.guid,
        name: space.name,
        running: bindings.running.bound.map(ref),
        staging: bindings.staging.bound.map(ref),
      };
    }),
    visibleGroupGuids: groups.map((g) => g.guid),
    pendingStaleAfterMs: env().changeInFlightMs,
  };
}

/** Compares what was read with the last record, after the response: never on the page's critical path. */
export function observeAfterResponse(observation: Observation): void {
  after(async () => {
    try {
      const result = await (await getDatabase()).observe(observation);
      if (result.drifted > 0 || result.settled > 0)
        log.info({ orgGuid: observation.orgGuid, ...result }, "drift check");
    } catch (error) {
      log.warn({ err: describeError(error), orgGuid: observation.orgGuid }, "drift check failed");
    }
  });
}

/** The latest entry per space, in one query; null when the history cannot be read. */
export async function lastEntries(
  orgGuid: string,
  spaceGuids: string[],
): Promise<Map<string, HistoryEntry> | null> {
  try {
    return await (await getDatabase()).lastEntries(orgGuid, spaceGuids);
  } catch (error) {
    log.warn({ err: describeError(error), orgGuid }, "history: last entries unavailable");
    return null;
  }
}

/** A page of the history; null when the history cannot be read. */
export async function historyPage(query: ListQuery): Promise<ListResult | null> {
  try {
    return await (await getDatabase()).list(query);
  } catch (error) {
    log.warn({ err: describeError(error), orgGuid: query.orgGuid }, "history: list unavailable");
    return null;
  }
}
