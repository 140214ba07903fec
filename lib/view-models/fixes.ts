import { preview, type Catalog, type Profile } from "@/lib/egress";
import type { GroupIndex, SpaceBindings, SpaceEgress } from "@/lib/egress/space-egress";
import type { Decision } from "@/lib/permissions";
import { hiddenGroupWhy } from "./switch-blocks";

/**
 * A profile that, turned on, would open a destination the space cannot reach
 * now. `available`: the user can see the profile's group, so it could be
 * bound (by them or by someone with the role); otherwise CF hides the group
 * from them (it is bound to no space they can read), and only the platform
 * file says what it opens.
 */
export type Fix = { destinationId: string; profile: Profile; available: boolean };

/**
 * The profiles that, turned on, would fully or partly open a destination that
 * is not allowed now: from the engine's preview of binding each profile whose
 * group the user sees, then, for what is still blocked, from the platform
 * file's `opens` of the profiles whose group they cannot see.
 */
export function findFixes(
  bindings: SpaceBindings,
  index: GroupIndex,
  egress: SpaceEgress,
  catalog: Catalog,
  available: readonly Profile[],
): Fix[] {
  const fixes: Fix[] = [];
  const fixed = (id: string) => fixes.some((f) => f.destinationId === id);
  for (const profile of available) {
    const group = index.byName(profile.group);
    const view = egress.profiles.find((p) => p.id === profile.id);
    if (!group || !view || view.running !== "off") continue;
    const result = preview(bindings, { action: "bind", lifecycle: "running", group }, catalog);
    for (const opened of result.opens) {
      if (!fixed(opened.id)) fixes.push({ destinationId: opened.id, profile, available: true });
    }
  }
  const open = new Set(egress.running.destinations.filter((d) => d.status === "allowed").map((d) => d.id));
  for (const profile of available) {
    if (index.byName(profile.group)) continue;
    for (const id of profile.opens ?? []) {
      if (!open.has(id) && !fixed(id)) fixes.push({ destinationId: id, profile, available: false });
    }
  }
  return fixes;
}

/** A fix in words for this user, and whether to offer its button (they may make the change now). */
export type FixAdvice = { words: string; action: boolean };

/** What to say when no profile opens it. */
export const NO_FIX = "No egress profile opens it: ask your platform team for a security group that does.";

/**
 * What the fix column (and the reach check) says after `lead` ("RDS is
 * blocked"): the profile that would open it, and who can turn it on when
 * this user cannot, because they lack the role, the org is suspended, or CF
 * hides the profile's group from them.
 */
export function fixAdvice(
  fix: Pick<Fix, "profile" | "available">,
  change: Decision,
  lead: string,
): FixAdvice {
  const { label, group } = fix.profile;
  if (!fix.available)
    return {
      words: `${lead}. ${label} would open it, but it is not available to you: ${hiddenGroupWhy(group)}`,
      action: false,
    };
  if (change.allowed) return { words: `${lead}: turn on ${label}.`, action: true };
  if (change.refusal.reason === "org-suspended")
    return { words: `${lead}. ${label} would open it. ${change.refusal.message}`, action: false };
  return {
    words: `${lead}. ${label} would open it; a SpaceManager of this space or an OrgManager of this org can turn it on.`,
    action: false,
  };
}
