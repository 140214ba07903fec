import "server-only";
import { after } from "next/server";
import type { SecurityGroup, Space } from "@/lib/cf/schemas";
import { GroupIndex } from "@/lib/egress/group-index";
import { env } from "@/lib/env";
import { describeError, log } from "@/lib/log";
import { getDatabase } from "./index";
import type { Observation } from "./types";

/**
 * The drift check of docs/design.md §6, fed by what a page has just read
 * from CF: compared with the last record after the response is sent, so it
 * never sits on a page's critical path.
 */

/** The observation of what a page just read from CF. */
export function observationOf(
  orgGuid: string,
  spaces: readonly Space[],
  groups: SecurityGroup[],
  observedAt: number,
  /** The groups were read by space: every group bound to these spaces is among them. */
  bindingsComplete = false,
): Observation {
  const index = new GroupIndex(
    groups,
    spaces.map((s) => s.guid),
  );
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
    bindingsComplete,
    pendingStaleAfterMs: env().changeInFlightMs,
  };
}

/** Compares what was read with the last record, after the response. */
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
