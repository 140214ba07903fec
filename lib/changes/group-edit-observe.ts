import "server-only";
import { groupObservationOf } from "@/lib/db/group-observation";
import { observeGroupsAfterResponse, observeGroupsSafely } from "@/lib/db/observe-groups-safely";
import type { GroupObservation } from "@/lib/db/types";
import { env } from "@/lib/env";
import type { Foundation } from "./group-edit";

/**
 * A group edit's preview and write read the whole foundation from CF (./group-edit.ts); the group
 * they edit, as read, goes through the rule drift check (docs/design.md §13, "Drift") before
 * anything is written. So a change made outside the dashboard since the group was last observed is
 * recorded as drift, with its window, before the edit's own entries; and the edit, made from the
 * state just recorded, is afterwards explained by its entries and never taken for drift.
 */

/** The edited group as the foundation read shows it, with every org (the reader is an admin). */
export function editedGroupObservation(
  foundation: Foundation,
  groupGuid: string,
  observedAt: number,
): GroupObservation {
  return groupObservationOf({
    observedAt,
    groups: foundation.groups.filter((g) => g.guid === groupGuid),
    orgOfSpace: new Map(foundation.spaces.map((s) => [s.guid, s.orgGuid])),
    allOrgGuids: foundation.orgs.map((o) => o.guid),
    inFlightMs: env().changeInFlightMs,
  });
}

/** The preview's: after the response, off its critical path. */
export function observeBeforePreview(foundation: Foundation, groupGuid: string, observedAt: number): void {
  observeGroupsAfterResponse(editedGroupObservation(foundation, groupGuid, observedAt), "group-edit-preview");
}

/**
 * The write's: awaited before the edit's intents, so an outside change is the earlier entry and the
 * snapshot holds the state the edit starts from. A database failure is logged and the edit goes on
 * (its intents then meet the same database and refuse the edit if it is really down).
 */
export async function observeBeforeWrite(
  foundation: Foundation,
  groupGuid: string,
  observedAt: number,
): Promise<void> {
  await observeGroupsSafely(editedGroupObservation(foundation, groupGuid, observedAt), "group-edit");
}
