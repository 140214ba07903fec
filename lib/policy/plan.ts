import type { DestinationStatus, StatusChange } from "@/lib/egress";
import { candidatesFor, type Candidates, type Op, type PlanGroup } from "./candidates";
import { judge, unmetFacts, type Compliance } from "./evaluate";
import type { Policy, PolicyContext } from "./schema";
import { stateFromGroups, type RunningGroups, type SpaceState } from "./state";

/**
 * "Bring into policy": for each space that violates the policy, the smallest
 * set of running binds and unbinds that makes it comply, with what it opens
 * and closes; or why no change by this user can. Compliant spaces are never
 * given an operation. Pure: the caller reads CF, shows the plan, and applies
 * it through the ordinary change path.
 */

/** A group as the planner needs it; CF's `SecurityGroup` objects fit as they are. */
export type { PlanGroup };

/** What the user may do to a space; CF stays the authority when the plan is applied. */
export type Permission = { canChange: true } | { canChange: false; reason: string };

export type PlanSpace = {
  guid: string;
  name: string;
  running: RunningGroups<PlanGroup>;
  permission: Permission;
};

export type PlanContext = PolicyContext & {
  policy: Policy;
  /** Every group the user can see; only these can be bound. */
  visibleGroups: readonly PlanGroup[];
};

export type PlanOp = {
  action: "bind" | "unbind";
  group: { guid: string; name: string };
  lifecycle: "running";
};

export type PlanOutcome =
  | { status: "compliant" }
  | { status: "plan"; ops: PlanOp[]; opens: StatusChange[]; closes: StatusChange[] }
  | { status: "unattainable"; reason: string };

export type SpacePlan = { space: { guid: string; name: string }; compliance: Compliance } & PlanOutcome;

/** The running groups after the operations; binding what is bound and unbinding what is not are no-ops, as in CF. */
export function applyOps<G extends PlanGroup>(
  running: RunningGroups<G>,
  ops: readonly { action: "bind" | "unbind"; group: G }[],
): RunningGroups<G> {
  let bound = [...running.bound];
  for (const op of ops) {
    bound = bound.filter((g) => g.guid !== op.group.guid);
    if (op.action === "bind") bound.push(op.group);
  }
  return { global: running.global, bound };
}

/** Subsets of `items` by increasing size, each size in lexicographic order: the first hit is a smallest one. */
function* subsetsBySize<T>(items: readonly T[]): Generator<T[]> {
  function* ofSize(start: number, size: number): Generator<T[]> {
    if (size === 0) {
      yield [];
      return;
    }
    for (let i = start; i <= items.length - size; i++) {
      for (const rest of ofSize(i + 1, size - 1)) yield [items[i] as T, ...rest];
    }
  }
  for (let size = 0; size <= items.length; size++) yield* ofSize(0, size);
}

/**
 * The smallest completion: every forced operation (each is necessary, see
 * candidates.ts) plus the fewest optional ones. Optional operations only ever
 * come from "must reach", where only binds can help and there are at most as
 * many as there are profiles, so this search stays tiny. Among plans of the
 * smallest size, the one that opens the fewest destinations wins (least
 * access beyond what the rule asks), then the configured profile order.
 */
function search(
  space: PlanSpace,
  candidates: Extract<Candidates, { ok: true }>,
  check: (state: SpaceState) => boolean,
  before: SpaceState,
  context: PlanContext,
): { ops: Op[]; after: SpaceState } | null {
  let best: { ops: Op[]; after: SpaceState; opened: number } | null = null;
  for (const extra of subsetsBySize(candidates.optional)) {
    if (best !== null && extra.length > best.ops.length - candidates.forced.length) break;
    const ops = [...candidates.forced, ...extra];
    const after = stateFromGroups(space.name, applyOps(space.running, ops), context);
    if (!check(after)) continue;
    const opened = changes(before, after, context).opens.length;
    if (best === null || opened < best.opened) best = { ops, after, opened };
  }
  return best;
}

const RANK: Record<DestinationStatus, number> = { blocked: 0, partial: 1, allowed: 2 };

function changes(before: SpaceState, after: SpaceState, context: PolicyContext) {
  const all: StatusChange[] = context.catalog.destinations.map((d) => ({
    id: d.id,
    label: d.label,
    before: before.destinations[d.id] ?? "blocked",
    after: after.destinations[d.id] ?? "blocked",
  }));
  return {
    opens: all.filter((d) => RANK[d.after] > RANK[d.before]),
    closes: all.filter((d) => RANK[d.after] < RANK[d.before]),
  };
}

/**
 * Unbinds first, then binds, each by group name: stable for tests and diffs,
 * and if applying stops halfway the space has lost access rather than gained
 * access the policy forbids.
 */
function ordered(ops: readonly Op[]): PlanOp[] {
  const key = (op: Op) => `${op.action === "unbind" ? 0 : 1}\u0000${op.group.name}\u0000${op.group.guid}`;
  return [...ops]
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .map((op) => ({
      action: op.action,
      group: { guid: op.group.guid, name: op.group.name },
      lifecycle: "running",
    }));
}

/** One space: compliant (never touched), a minimal plan, or why none is possible for this user. */
export function planSpace(space: PlanSpace, context: PlanContext): SpacePlan {
  const head = { space: { guid: space.guid, name: space.name } };
  const before = stateFromGroups(space.name, space.running, context);
  const { compliance, requirement } = judge(before, context.policy, context);
  if (compliance.compliant || requirement === null) return { ...head, compliance, status: "compliant" };

  // What is impossible for anyone who sees what this user sees comes first: a
  // missing role is beside the point when even an org manager could not do it.
  const candidates = candidatesFor(requirement, before, space.running, context);
  if (!candidates.ok) return { ...head, compliance, status: "unattainable", reason: candidates.reason };
  const meets = (s: SpaceState) => unmetFacts(requirement, s, context).length === 0;
  const found = search(space, candidates, meets, before, context);
  if (found === null) return { ...head, compliance, status: "unattainable", reason: candidates.noPlan };
  if (!space.permission.canChange) {
    return { ...head, compliance, status: "unattainable", reason: space.permission.reason };
  }
  return {
    ...head,
    compliance,
    status: "plan",
    ops: ordered(found.ops),
    ...changes(before, found.after, context),
  };
}

/** Every space of an org, in the order given. */
export function planSpaces(spaces: readonly PlanSpace[], context: PlanContext): SpacePlan[] {
  return spaces.map((space) => planSpace(space, context));
}
