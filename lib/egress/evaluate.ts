import type { Catalog } from "./catalog";
import {
  compileCatalog,
  compileGroup,
  type CompiledCatalog,
  type CompiledDestination,
  type CompiledGroup,
  type DestinationCover,
  type EndpointCover,
} from "./compile";
import { KnownGroups } from "./known-groups";
import type { CfRule, RuleProblem } from "./rules";
import { covers, type Coord, type Rect } from "./sets";

/** A security group as the engine needs it; `rules` exactly as CF returns them. */
export type SecurityGroup = { name: string; guid?: string; rules: readonly CfRule[] };

export type DestinationStatus = "allowed" | "partial" | "blocked";

/** A rule that allows some of a destination's traffic. */
export type Provenance = { readonly group: string; readonly ruleIndex: number };

export type DestinationResult = {
  id: string;
  label: string;
  /** allowed: some endpoint fully; partial: some traffic, no endpoint fully; blocked: nothing. */
  status: DestinationStatus;
  /** False when ASGs do not decide this destination (internal routes). */
  governed: boolean;
  note?: string;
  /** Group names and rule indexes allowing (some of) its traffic, in group order then rule order. */
  provenance: Provenance[];
};

export type GroupRuleProblem = RuleProblem & { group: string };

export type LifecycleEvaluation = { destinations: DestinationResult[]; problems: GroupRuleProblem[] };

export type Evaluation = {
  running: DestinationResult[];
  staging: DestinationResult[];
  /** Each unreadable rule once, even when its group applies to both lifecycles. */
  problems: GroupRuleProblem[];
};

export const NOT_ASG_GOVERNED_NOTE =
  "governed by container-to-container network policies (cf add-network-policy)";

/**
 * One slot per group name, shared by every object carrying that name, so
 * duplicates (a group listed as bound and as global, perhaps from two CF
 * responses) are skipped with a number comparison instead of a Set per space.
 * It keeps one small object per distinct group name this process has seen.
 */
type NameSlot = { mark: number };
const nameSlots = new Map<string, NameSlot>();
let epoch = 0;

/** A group against one catalog, with its name attached to what it allows and to its problems. */
type BoundGroup = {
  name: string;
  slot: NameSlot;
  compiled: CompiledGroup;
  /** Indexes of the catalog destinations this group allows some traffic to. */
  touched: number[];
  /** Per catalog destination; shared, frozen entries, so a space's result costs no new objects per rule. */
  provenance: (readonly Provenance[] | undefined)[];
  problems: GroupRuleProblem[];
};

/** A group object met before, with the name and rules it had then (an object's fields may be replaced). */
type Seen = { name: string; rules: readonly CfRule[]; bound: BoundGroup };

/**
 * Per catalog: each group object already bound (for the spaces of one page),
 * and each group by guid across pages (./known-groups.ts: a page's groups are
 * new objects, read again from CF).
 */
type Bindings = { byObject: WeakMap<SecurityGroup, Seen>; byGuid: KnownGroups<BoundGroup> };
const boundGroups = new WeakMap<CompiledCatalog, Bindings>();

function newBound(catalog: CompiledCatalog, name: string, rules: readonly CfRule[]): BoundGroup {
  const compiled = compileGroup(catalog, rules);
  let slot = nameSlots.get(name);
  if (slot === undefined) {
    slot = { mark: 0 };
    nameSlots.set(name, slot);
  }
  return {
    name,
    slot,
    compiled,
    touched: compiled.destinations.flatMap((d, i) => (d === undefined ? [] : [i])),
    provenance: compiled.destinations.map((d) =>
      d?.ruleIndexes.map((ruleIndex) => Object.freeze({ group: name, ruleIndex })),
    ),
    problems: compiled.problems.map((p) => ({ group: name, ...p })),
  };
}

/**
 * The group bound to the catalog: found by object, else by guid, else compiled. `remember` records
 * the object for the next lookup; a caller asking once of an object that is dropped at once (a
 * group's head, checked before the rest of the group: lib/cf/group-head-keep.ts) leaves it out, so
 * a search does not put ten thousand dead objects into the WeakMap (each an entry made, and then
 * one the collector has to clear).
 */
function bindGroup(catalog: CompiledCatalog, group: SecurityGroup, remember = true): BoundGroup {
  let cache = boundGroups.get(catalog);
  if (cache === undefined) {
    cache = { byObject: new WeakMap(), byGuid: new KnownGroups() };
    boundGroups.set(catalog, cache);
  }
  const { name, rules, guid } = group;
  const seen = cache.byObject.get(group);
  // The check catches a group object whose name or rules were replaced since.
  if (seen !== undefined && seen.name === name && seen.rules === rules) return seen.bound;
  let bound = guid === undefined ? undefined : cache.byGuid.get(guid, name, rules);
  if (bound === undefined) {
    bound = newBound(catalog, name, rules);
    if (guid !== undefined) cache.byGuid.remember(guid, name, rules, bound);
  }
  if (remember) cache.byObject.set(group, { name, rules, bound });
  return bound;
}

/** CF group names are unique, so a name listed twice is one group; the first listing wins. */
function bindAll(catalog: CompiledCatalog, groups: readonly SecurityGroup[]): BoundGroup[] {
  const mark = ++epoch;
  const out: BoundGroup[] = [];
  for (const group of groups) {
    const bound = bindGroup(catalog, group);
    if (bound.slot.mark === mark) continue;
    bound.slot.mark = mark;
    out.push(bound);
  }
  return out;
}

function unionCovers<T extends Coord>(
  targets: readonly Rect<T>[],
  parts: readonly EndpointCover[],
  pick: (cover: EndpointCover) => Rect<T>[][],
): boolean {
  return targets.every((target, i) => {
    const pieces: Rect<T>[] = [];
    for (const cover of parts) {
      const own = pick(cover)[i];
      if (own !== undefined) for (const piece of own) pieces.push(piece);
    }
    return covers(target, pieces);
  });
}

/** Whether the groups' covers together allow all of some endpoint. */
function anyEndpointCovered(
  destination: CompiledDestination,
  touching: readonly DestinationCover[],
): boolean {
  for (let e = 0; e < destination.endpoints.length; e++) {
    const parts: EndpointCover[] = [];
    for (const cover of touching) {
      const part = cover.endpoints[e];
      if (part === undefined) continue;
      if (part.full) return true;
      parts.push(part);
    }
    const endpoint = destination.endpoints[e];
    // Several groups may each cover a piece and together all of it.
    if (
      endpoint !== undefined &&
      parts.length > 1 &&
      unionCovers(endpoint.targets4, parts, (c) => c.pieces4) &&
      unionCovers(endpoint.targets6, parts, (c) => c.pieces6)
    ) {
      return true;
    }
  }
  return false;
}

function evaluateBound(catalog: CompiledCatalog, groups: readonly BoundGroup[]): DestinationResult[] {
  // Visit only the destinations each group touches, not every group for every destination.
  const touching: DestinationCover[][] = catalog.destinations.map(() => []);
  const provenance: Provenance[][] = catalog.destinations.map(() => []);
  for (const group of groups) {
    for (const i of group.touched) {
      const cover = group.compiled.destinations[i];
      if (cover !== undefined) touching[i]?.push(cover);
      for (const entry of group.provenance[i] ?? []) provenance[i]?.push(entry);
    }
  }
  return catalog.destinations.map((destination, i): DestinationResult => {
    const { id, label } = destination;
    if (!destination.governed) {
      return { id, label, status: "allowed", governed: false, note: NOT_ASG_GOVERNED_NOTE, provenance: [] };
    }
    const found = touching[i] ?? [];
    const status =
      found.length === 0 ? "blocked" : anyEndpointCovered(destination, found) ? "allowed" : "partial";
    return { id, label, status, governed: true, provenance: provenance[i] ?? [] };
  });
}

function problemsOf(groups: readonly BoundGroup[]): GroupRuleProblem[] {
  const problems: GroupRuleProblem[] = [];
  for (const group of groups) for (const problem of group.problems) problems.push({ ...problem });
  return problems;
}

/**
 * Whether the group allows some traffic to the catalog's destination `index`: for a governed one,
 * whether a lifecycle with this group alone is other than `blocked` there, without evaluating it.
 * Asked once of each group of a list, often of an object made for the question alone: the group is
 * found by guid (or compiled) as ever, but the object is not remembered (see `bindGroup`).
 */
export function touchesDestination(group: SecurityGroup, catalog: Catalog, index: number): boolean {
  return bindGroup(compileCatalog(catalog), group, false).touched.includes(index);
}

/**
 * One lifecycle: `groups` are all the groups that apply (globally enabled
 * plus bound to the space), in any order. Rules that cannot be read allow
 * nothing and are reported in `problems`.
 */
export function evaluateLifecycle(groups: readonly SecurityGroup[], catalog: Catalog): LifecycleEvaluation {
  const sets = compileCatalog(catalog);
  const bound = bindAll(sets, groups);
  return { destinations: evaluateBound(sets, bound), problems: problemsOf(bound) };
}

/** Both lifecycles of a space; running and staging are decided independently (docs/design.md §1). */
export function evaluate(
  input: { running: readonly SecurityGroup[]; staging: readonly SecurityGroup[] },
  catalog: Catalog,
): Evaluation {
  const running = evaluateLifecycle(input.running, catalog);
  const staging = evaluateLifecycle(input.staging, catalog);
  if (staging.problems.length === 0) {
    return { running: running.destinations, staging: staging.destinations, problems: running.problems };
  }
  const seen = new Set(running.problems.map((p) => `${p.group}\u0000${p.ruleIndex}`));
  const problems = [
    ...running.problems,
    ...staging.problems.filter((p) => !seen.has(`${p.group}\u0000${p.ruleIndex}`)),
  ];
  return { running: running.destinations, staging: staging.destinations, problems };
}
