import "server-only";
import type { SecurityGroup, Space } from "@/lib/cf/schemas";
import { GroupIndex } from "@/lib/egress/group-index";
import { env } from "@/lib/env";
import type { Observation } from "./types";

/**
 * The observation of what a page (or the watcher, lib/watch, which indexes a
 * whole foundation's groups once for all its orgs) has just read from CF.
 */
export function observationOf(
  orgGuid: string,
  spaces: readonly Pick<Space, "guid" | "name">[],
  groups: SecurityGroup[] | GroupIndex,
  observedAt: number,
  /** The groups were read by space: every group bound to these spaces is among them. */
  bindingsComplete = false,
): Observation {
  const index =
    groups instanceof GroupIndex
      ? groups
      : new GroupIndex(
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
    visibleGroupGuids: index.groups.map((g) => g.guid),
    bindingsComplete,
    pendingStaleAfterMs: env().changeInFlightMs,
  };
}
