import { createHash } from "node:crypto";
import { compare } from "./rows";
import type { Lifecycle, RuleDriftChanges, RuleOfGroup } from "./entries";

/**
 * Rule drift's decisions, pure (docs/design.md §13, "Drift"): a security group's rules and
 * platform-wide flags in a canonical form and its hash, and what one observation of a group means
 * against the state last recorded and the dashboard's own edits of it. ./observe-groups.ts reads
 * and writes.
 *
 * The rules:
 * - A group seen for the first time is the baseline, never drift.
 * - The same hash is unchanged (only "last seen" moves).
 * - A recorded state newer than the observation is left alone: a later observer wrote it.
 * - A different hash that a dashboard edit of the group explains (one not failed, recent enough,
 *   whose resulting rules and flags hash to what is observed) is recorded without an entry: the
 *   edit is its own entry in the history.
 * - Any other difference is drift, with the rules added and removed and the flags turned.
 *
 * Rule order carries no meaning in CF (every rule of every bound group applies), so the canonical
 * form sorts the rules: reordering them is not drift. Each rule keeps exactly its keys (CF stores
 * them so, docs/cf-behaviour.md §2.1), sorted.
 */

export type Flags = Record<Lifecycle, boolean>;
export type GroupState = { rules: RuleOfGroup[]; globally_enabled: Flags };
export type CanonicalState = { state: GroupState; json: string; hash: string };

const LIFECYCLES: readonly Lifecycle[] = ["running", "staging"];

/** One rule with its keys sorted and unset keys dropped. */
function canonicalRule(rule: object): RuleOfGroup {
  const out: RuleOfGroup = {};
  for (const key of Object.keys(rule).sort(compare)) {
    const value: unknown = (rule as Record<string, unknown>)[key];
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      out[key] = value;
  }
  return out;
}

export function canonicalState(rules: readonly object[], flags: Flags): CanonicalState {
  const canonical = rules.map(canonicalRule);
  const keyed = canonical
    .map((rule) => [JSON.stringify(rule), rule] as const)
    .sort((a, b) => compare(a[0], b[0]));
  const state: GroupState = {
    rules: keyed.map(([, rule]) => rule),
    globally_enabled: { running: flags.running, staging: flags.staging },
  };
  const json = JSON.stringify(state);
  return { state, json, hash: createHash("sha256").update(json).digest("hex") };
}

/** What the dashboard's edit of a group left it as (a `group` entry's details, migration 008). */
export type EditOfGroup = {
  id: number;
  occurredAt: number;
  /** The rules after the edit; absent when the edit changed only flags. */
  rulesAfter: readonly object[] | null;
  flagsAfter: Flags;
};

export type RecordedGroup = { hash: string; state: GroupState; seenAt: number };

export type GroupPlan =
  | { kind: "baseline" }
  | { kind: "unchanged" }
  | { kind: "skip" }
  | { kind: "explained"; editId: number }
  | { kind: "drift"; changes: RuleDriftChanges };

export type GroupPlanInput = {
  observed: CanonicalState;
  observedAt: number;
  /** The dashboard's edits of this group that did not fail. */
  edits: readonly EditOfGroup[];
  /** An edit this much older than the last observation may not be in it yet (in flight then). */
  inFlightMs: number;
};

export function planGroup(recorded: RecordedGroup | null, input: GroupPlanInput): GroupPlan {
  if (recorded === null) return { kind: "baseline" };
  if (recorded.seenAt > input.observedAt) return { kind: "skip" };
  if (recorded.hash === input.observed.hash) return { kind: "unchanged" };
  const edit = explainingEdit(recorded, input);
  if (edit !== null) return { kind: "explained", editId: edit.id };
  return { kind: "drift", changes: ruleChanges(recorded.state, input.observed.state) };
}

/**
 * An edit explains the observation when what it left hashes to what is observed. Only edits since
 * the last observation (less the time a CF request may take to land: the last one may have read
 * CF just before an edit older than it) count; an older edit to the same rules does not make a
 * later change back to them the dashboard's.
 */
function explainingEdit(recorded: RecordedGroup, input: GroupPlanInput): EditOfGroup | null {
  const since = recorded.seenAt - input.inFlightMs;
  for (const edit of [...input.edits].sort((a, b) => b.occurredAt - a.occurredAt || b.id - a.id)) {
    if (edit.occurredAt < since) continue;
    const after = canonicalState(edit.rulesAfter ?? recorded.state.rules, edit.flagsAfter);
    if (after.hash === input.observed.hash) return edit;
  }
  return null;
}

/** The rules added and removed (as multisets of canonical rules), and the flags turned. */
export function ruleChanges(before: GroupState, after: GroupState): RuleDriftChanges {
  const counts = new Map<string, number>();
  for (const rule of before.rules) {
    const key = JSON.stringify(rule);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const added: RuleOfGroup[] = [];
  for (const rule of after.rules) {
    const key = JSON.stringify(rule);
    const left = counts.get(key) ?? 0;
    if (left > 0) counts.set(key, left - 1);
    else added.push(rule);
  }
  const removed: RuleOfGroup[] = [];
  const remaining = new Map(counts);
  for (const rule of before.rules) {
    const key = JSON.stringify(rule);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      removed.push(rule);
      remaining.set(key, left - 1);
    }
  }
  const flags = LIFECYCLES.filter((l) => before.globally_enabled[l] !== after.globally_enabled[l]).map(
    (lifecycle) => ({ lifecycle, on: after.globally_enabled[lifecycle] }),
  );
  return { added, removed, flags };
}

/**
 * The orgs a rule drift concerns, as a group edit chooses them (lib/changes/group-edit.ts): every
 * org with a space the group is bound to, and every org when the group is (or was, before the
 * change) enabled platform-wide, since then it applies to every space.
 */
export function orgsConcerned(input: {
  boundOrgGuids: readonly string[];
  allOrgGuids: readonly string[];
  before: Flags;
  after: Flags;
}): string[] {
  const platformWide = LIFECYCLES.some((l) => input.before[l] || input.after[l]);
  return [...new Set(platformWide ? input.allOrgGuids : input.boundOrgGuids)].sort(compare);
}
