import type { EventCause, LatestEntry, NewWatchEvent, Standing, Verdict } from "@/lib/db/watch-types";
import { standingOf, stateFromGroups, type Policy, type PolicyContext, type SpaceState } from "@/lib/policy";
import type { JudgeMemo } from "./judge-memo";
import type { JudgedBindings } from "./org-scope";

/**
 * One org's spaces judged against its policy (docs/design.md §10, §12), by
 * the test the matrix uses (`standingOf`: the deciding rule's unmet facts),
 * and compared with their last standing: what changed is written, and a
 * space whose compliance turned is an event. Pure; the cycle reads and writes.
 *
 * - Every space gets a standing, "unjudged" where no rule decides (an org
 *   without a policy costs no evaluation at all).
 * - A space with no standing is new since the last cycle: violating, it is an
 *   event ("a space created since the last cycle is judged too"). On the
 *   watcher's very first cycle (`baseline`) standings are recorded silently.
 * - Spaces with the same bound running groups are evaluated once; a space
 *   whose groups, name and policy are as when it was last judged keeps its
 *   standing without an evaluation (./judge-memo.ts).
 */

export type OrgPolicy = { policy: Policy; version: number; active: boolean };

export type Turn = {
  kind: NewWatchEvent["kind"];
  standing: Standing;
  previous: Standing | undefined;
};

export type OrgJudgement = { standings: Standing[]; turns: Turn[]; evaluated: number };

export function judgeOrg(input: {
  orgGuid: string;
  spaces: readonly { guid: string; name: string }[];
  index: JudgedBindings;
  policy: OrgPolicy;
  context: PolicyContext;
  previous: ReadonlyMap<string, Standing>;
  judgedAt: number;
  baseline: boolean;
  memo?: JudgeMemo;
}): OrgJudgement {
  const { orgGuid, spaces, index, policy, context, previous, judgedAt, memo } = input;
  const states = new Map<string, Omit<SpaceState, "name">>();
  const standings: Standing[] = [];
  const turns: Turn[] = [];
  for (const space of spaces) {
    let verdict: Verdict = "unjudged";
    let rule: string | null = null;
    let reasons: string[] = [];
    let print: string | undefined;
    if (policy.active) {
      const running = index.bindings(space.guid).running;
      print = memo?.print(running);
      const kept =
        print === undefined ? null : memo?.reuse(previous.get(space.guid), print, space.name, policy.version);
      if (kept) continue; // judged from the same inputs before, and stored: nothing to write
      const key = running.bound
        .map((g) => g.guid)
        .sort()
        .join(",");
      let state = states.get(key);
      if (state === undefined) {
        state = stateFromGroups("", running, context);
        states.set(key, state);
      }
      const standing = standingOf({ ...state, name: space.name }, policy.policy, context);
      verdict = standing.verdict;
      if (standing.verdict !== "unjudged") {
        rule = String(standing.rule.rule);
        reasons = standing.reasons;
      }
    }
    const next: Standing = {
      spaceGuid: space.guid,
      orgGuid,
      spaceName: space.name,
      verdict,
      rule,
      reasons,
      policyVersion: policy.version,
      judgedAt,
    };
    if (print !== undefined) memo?.remember(next, print);
    const before = previous.get(space.guid);
    if (before !== undefined && sameStanding(before, next)) continue;
    standings.push(next);
    const was = before === undefined ? (input.baseline ? verdict : "unjudged") : before.verdict;
    if (was !== "violates" && verdict === "violates")
      turns.push({ kind: "violation-began", standing: next, previous: before });
    if (was === "violates" && verdict !== "violates")
      turns.push({ kind: "violation-ended", standing: next, previous: before });
  }
  return { standings, turns, evaluated: states.size };
}

function sameStanding(a: Standing, b: Standing): boolean {
  return (
    a.verdict === b.verdict &&
    a.rule === b.rule &&
    a.spaceName === b.spaceName &&
    a.policyVersion === b.policyVersion &&
    a.reasons.length === b.reasons.length &&
    a.reasons.every((reason, i) => reason === b.reasons[i])
  );
}

/**
 * What made a space turn: a new space; an edit of the policy since it was
 * last judged; else its latest change, drift or segment move since then;
 * else unknown (a platform-wide group, or a group's rules, changed).
 */
export function causeOf(
  turn: Turn,
  causes: {
    entries: ReadonlyMap<string, LatestEntry>;
    policyEntryId: number | null;
    wholeOrg?: LatestEntry | null;
  },
): EventCause {
  const { previous, standing } = turn;
  if (previous === undefined) return { kind: "new-space" };
  if (previous.policyVersion !== standing.policyVersion) {
    return { kind: "policy", entryId: causes.policyEntryId, version: standing.policyVersion };
  }
  // A space's own change or drift first; else a group's rules changed outside the dashboard (design §13).
  const entry = causes.entries.get(standing.spaceGuid) ?? causes.wholeOrg ?? undefined;
  return entry === undefined
    ? { kind: "unknown" }
    : { kind: entry.kind, entryId: entry.id, summary: entry.summary };
}

/** The event of a turn, in the window from the previous cycle to this one. */
export function eventOf(turn: Turn, cause: EventCause, previousCycleAt: number | null): NewWatchEvent {
  const { standing } = turn;
  return {
    kind: turn.kind,
    orgGuid: standing.orgGuid,
    spaceGuid: standing.spaceGuid,
    spaceName: standing.spaceName,
    rule: standing.rule ?? turn.previous?.rule ?? null,
    // Ended: the facts that were missing; began: the facts that miss now.
    reasons: turn.kind === "violation-began" ? standing.reasons : (turn.previous?.reasons ?? []),
    cause,
    windowFrom: previousCycleAt,
    windowTo: standing.judgedAt,
  };
}
