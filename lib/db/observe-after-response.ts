import "server-only";
import { after } from "next/server";
import { describeError, log } from "@/lib/log";
import { getDatabase } from "./index";
import type { Observation } from "./types";

export { observationOf } from "./observation";

/**
 * The drift check of docs/design.md §6, fed by what a page has just read
 * from CF: compared with the last record after the response is sent, so it
 * never sits on a page's critical path.
 */

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
