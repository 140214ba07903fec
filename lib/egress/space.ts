import { type Lifecycle } from "@/lib/cf/lifecycle";
import type { SecurityGroup } from "./evaluate";

export { LIFECYCLES, type Lifecycle } from "@/lib/cf/lifecycle";

/** The groups of one lifecycle of a space, split as CF reports them. */
export type LifecycleGroups = { global: readonly SecurityGroup[]; bound: readonly SecurityGroup[] };

export type SpaceGroups = Record<Lifecycle, LifecycleGroups>;

export type BindingChange = { action: "bind" | "unbind"; lifecycle: Lifecycle; group: SecurityGroup };

/** Same group: by guid when both sides have one, else by (unique) name. */
export function sameGroup(a: SecurityGroup, b: SecurityGroup): boolean {
  return a.guid !== undefined && b.guid !== undefined ? a.guid === b.guid : a.name === b.name;
}

/** What applies: global groups and bound groups, each once. */
export function effectiveGroups(groups: LifecycleGroups): SecurityGroup[] {
  const out: SecurityGroup[] = [];
  for (const g of [...groups.global, ...groups.bound]) if (!out.some((o) => sameGroup(o, g))) out.push(g);
  return out;
}

/**
 * The space after a bind or unbind. Binding twice is a no-op (as in CF), and
 * unbinding only removes the space binding: a globally enabled group still
 * applies afterwards.
 */
export function applyChange(space: SpaceGroups, change: BindingChange): SpaceGroups {
  const current = space[change.lifecycle];
  const others = current.bound.filter((g) => !sameGroup(g, change.group));
  const bound = change.action === "bind" ? [...others, change.group] : others;
  return { ...space, [change.lifecycle]: { global: current.global, bound } };
}
