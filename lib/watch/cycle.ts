import "server-only";
import type { CfClient } from "@/lib/cf/client";
import type { AppDatabase } from "@/lib/db/types";
import type { PolicyContext } from "@/lib/policy";
import { policyIsActive, policyStateOf } from "@/lib/view-models/org-policy";
import { readFoundation, type WatchedSpace } from "./foundation";
import { noPauses, type Pacer } from "./give-way";
import { causeOf, eventOf, judgeOrg, type OrgJudgement } from "./judge";
import type { JudgeMemo } from "./judge-memo";
import { judgingScopes, type JudgingScope } from "./org-scope";
import { observedGroup, WatchedGroups, type WatchedGroup } from "./watched-groups";

/**
 * One watcher cycle (docs/design.md §12): the whole foundation read with the
 * watcher's read-only token in three lists (orgs, spaces, security groups
 * with their bindings; `per_page=5000`, in parallel, never a request per
 * space or group; ./foundation.ts), then per org the drift check page views run (the same
 * snapshots, lib/db/observe.ts), with "last seen" kept exact so a drift's
 * window is the previous cycle's time to this one's, and the org's policy
 * judged for every space (lib/watch/judge.ts), its turns written as events. Each group's rules and
 * flags are compared with those last observed, too (rule drift, lib/db/observe-groups.ts).
 *
 * It never blocks pages: in production it runs in a thread of its own
 * (./cycle-thread.ts); and between orgs, and between slices of an org's
 * spaces, it gives the event loop back, so a stop is seen there, and gives
 * way to the pages when their thread is busy (./give-way.ts). A failure in
 * one org is counted and the others go on.
 */

export type CycleCounts = {
  orgs: number;
  spaces: number;
  groups: number;
  drifted: number;
  baselined: number;
  settled: number;
  judged: number;
  evaluated: number;
  events: number;
  /** Security groups whose rules or flags changed outside the dashboard (design §13, "Drift"). */
  ruleDrifted: number;
  /** Standings of spaces gone from CF, forgotten. */
  forgotten: number;
  failedOrgs: number;
  /** How long the cycle paused for busy pages (./give-way.ts). */
  pausedMs: number;
};

export type CycleDeps = {
  client: CfClient;
  store: AppDatabase;
  context: PolicyContext;
  /** When the CF reads begin (the caller takes it, and records it with the cycle). */
  observedAt: number;
  /** When the previous cycle's reads began (events' windows start there); null when unknown. */
  previousObservedAt: number | null;
  /** No space was ever judged: standings are recorded without events (the first cycle on a foundation). */
  baseline: boolean;
  pendingStaleAfterMs: number;
  /** Checked between orgs: shutdown stops a cycle there. */
  signal?: AbortSignal;
  /** Told of an org whose drift check or judgement failed. */
  onOrgError?: (orgGuid: string, error: unknown) => void;
  /** The inputs of the last judgements, kept between cycles (./judge-memo.ts). */
  memo?: JudgeMemo;
  /** Between units of work: gives the event loop back, and way to busy pages; by default only the former. */
  pacer?: Pacer;
  /** Groups per rule drift check (GROUPS_PER_CHECK; tests make it small). */
  groupsPerCheck?: number;
};

/** Spaces judged between two yields to the event loop: an org of thousands does not hold pages up. */
const JUDGED_PER_SLICE = 200;
/**
 * Groups observed by one rule drift check: each group's check stands alone (lib/db/group-observation.ts,
 * `sliceOfList`), so the list is checked in parts, and only one part's observed groups, stored hashes
 * and canonical states exist at a time. The whole list checked at once grew the cycle thread's heap
 * by 14-27 MB over the check in the bench's foundation, in parts of 2,000 by 7-13 MB.
 */
const GROUPS_PER_CHECK = 2_000;

export type CycleResult = CycleCounts & { firstError: string | null };

export async function runCycle(deps: CycleDeps): Promise<CycleResult> {
  const { client } = deps;
  const pacer = deps.pacer ?? noPauses;
  const { orgGuids, spaces, groups } = await readFoundation(client);
  const index = new WatchedGroups(groups);
  deps.memo?.begin(deps.context);
  const byOrg = new Map<string, WatchedSpace[]>(orgGuids.map((guid) => [guid, []]));
  for (const space of spaces) byOrg.get(space.orgGuid)?.push(space);

  const counts: CycleCounts = {
    orgs: orgGuids.length,
    spaces: spaces.length,
    groups: groups.length,
    drifted: 0,
    baselined: 0,
    settled: 0,
    judged: 0,
    evaluated: 0,
    events: 0,
    ruleDrifted: 0,
    forgotten: 0,
    failedOrgs: 0,
    pausedMs: 0,
  };
  let firstError: string | null = null;
  try {
    counts.ruleDrifted = await watchGroupRules(deps, groups, spaces, [...byOrg.keys()]);
  } catch (error) {
    firstError = error instanceof Error ? error.message : String(error);
  }
  const scopeOf = judgingScopes(deps.context, index, byOrg);
  for (const [orgGuid, orgSpaces] of byOrg) {
    deps.signal?.throwIfAborted();
    try {
      await watchOrg(deps, pacer, orgGuid, orgSpaces, index, scopeOf(orgGuid), counts);
    } catch (error) {
      counts.failedOrgs++;
      firstError ??= error instanceof Error ? error.message : String(error);
      deps.onOrgError?.(orgGuid, error);
    }
    await pacer.giveWay(deps.signal);
  }
  // The lists were read whole, so a space they lack is gone: its standing would only go stale.
  deps.memo?.keepOnly(new Set(spaces.map((space) => space.guid)));
  try {
    counts.forgotten = await deps.store.watch.pruneStandings(spaces.map((space) => space.guid));
  } catch (error) {
    firstError ??= error instanceof Error ? error.message : String(error);
  }
  counts.pausedMs = Math.round(pacer.pausedMs);
  return { ...counts, firstError };
}

/**
 * The rule drift check over the same list of groups (read whole, rules and bindings included), in parts: a
 * group's rules or flags changed since the last cycle that no dashboard edit explains is an entry in
 * every org it concerns (lib/db/observe-groups.ts). Before the orgs, so their judgements come after.
 */
async function watchGroupRules(
  deps: CycleDeps,
  groups: readonly WatchedGroup[],
  spaces: readonly WatchedSpace[],
  allOrgGuids: string[],
): Promise<number> {
  const orgOfSpace = new Map(spaces.map((space) => [space.guid, space.orgGuid]));
  const perCheck = deps.groupsPerCheck ?? GROUPS_PER_CHECK;
  let drifted = 0;
  for (let from = 0; from < groups.length; from += perCheck) {
    const result = await deps.store.observeGroups({
      observedAt: deps.observedAt,
      groups: groups.slice(from, from + perCheck).map((group) => observedGroup(group, orgOfSpace)),
      allOrgGuids,
      inFlightMs: deps.pendingStaleAfterMs,
    });
    drifted += result.drifted;
  }
  return drifted;
}

async function watchOrg(
  deps: CycleDeps,
  pacer: Pacer,
  orgGuid: string,
  spaces: WatchedSpace[],
  index: WatchedGroups,
  /** The groups and platform it is judged with (./org-scope.ts). */
  scope: JudgingScope,
  counts: CycleCounts,
): Promise<void> {
  const { store, context, observedAt } = deps;
  // A global auditor's lists are whole, bindings included: every group bound to a space is among them.
  const observation = {
    orgGuid,
    observedAt,
    spaces: spaces.map((space) => index.observedSpace(space)),
    bindingsComplete: true,
    pendingStaleAfterMs: deps.pendingStaleAfterMs,
    seenAtResolutionMs: 0,
    // Unread with complete bindings (every group counts as visible): not 10,000 guids copied per org.
    visibleGroupGuids: [],
  };
  // The drift check is done before the judgement looks for causes, so a drift found now can be one.
  const [observed, stored, previous] = await Promise.all([
    store.observe(observation),
    store.readPolicy(orgGuid),
    store.watch.standings(orgGuid),
  ]);
  counts.drifted += observed.drifted;
  counts.baselined += observed.baselined;
  counts.settled += observed.settled;

  const state = policyStateOf(stored, context, "");
  const policy = { policy: state.policy, version: state.revision, active: policyIsActive(state.policy) };
  const judgement: OrgJudgement = { standings: [], turns: [], evaluated: 0 };
  for (let from = 0; from < spaces.length; from += JUDGED_PER_SLICE) {
    if (from > 0) await pacer.giveWay(deps.signal);
    const slice = judgeOrg({
      orgGuid,
      spaces: spaces.slice(from, from + JUDGED_PER_SLICE),
      index: scope.index,
      policy,
      context: scope.context,
      previous,
      judgedAt: observedAt,
      baseline: deps.baseline,
      memo: deps.memo,
    });
    judgement.standings.push(...slice.standings);
    judgement.turns.push(...slice.turns);
    judgement.evaluated += slice.evaluated;
  }
  counts.judged += spaces.length;
  counts.evaluated += judgement.evaluated;
  if (judgement.standings.length === 0) return;

  let events: ReturnType<typeof eventOf>[] = [];
  if (judgement.turns.length > 0) {
    const since = judgement.turns.reduce(
      (min, t) => Math.min(min, t.previous?.judgedAt ?? observedAt),
      observedAt,
    );
    const causes = await store.watch.causes(
      orgGuid,
      judgement.turns.map((t) => t.standing.spaceGuid),
      since,
    );
    events = judgement.turns.map((turn) => eventOf(turn, causeOf(turn, causes), deps.previousObservedAt));
  }
  const ids = await store.watch.recordJudgements(judgement.standings, events);
  counts.events += ids.length;
}
