import { preview, type Catalog, type Profile } from "@/lib/egress";
import type { GroupIndex, SpaceBindings, SpaceEgress } from "@/lib/egress/space-egress";

/** A profile that, turned on, would open a destination the space cannot reach now. */
export type Fix = { destinationId: string; profile: Profile };

/** The profiles that, turned on, would fully or partly open a destination that is not allowed now. */
export function findFixes(
  bindings: SpaceBindings,
  index: GroupIndex,
  egress: SpaceEgress,
  catalog: Catalog,
  available: readonly Profile[],
): Fix[] {
  const fixes: Fix[] = [];
  for (const profile of available) {
    const group = index.byName(profile.group);
    const view = egress.profiles.find((p) => p.id === profile.id);
    if (!group || !view || view.running !== "off") continue;
    const result = preview(bindings, { action: "bind", lifecycle: "running", group }, catalog);
    for (const opened of result.opens) {
      if (!fixes.some((f) => f.destinationId === opened.id))
        fixes.push({ destinationId: opened.id, profile });
    }
  }
  return fixes;
}
