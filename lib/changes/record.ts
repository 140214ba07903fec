import "server-only";
import { refuseWith, type ActionContext } from "@/lib/actions/define-action";
import type { ActionResult } from "@/lib/actions/result";
import type { Lifecycle } from "@/lib/egress";
import { failure, MESSAGES, toFailure } from "@/lib/failures";
import { getDatabase, type ChangeOutcome, type AppDatabase } from "@/lib/db";
import { describeError } from "@/lib/log";
import type { SecurityGroup } from "@/lib/cf/schemas";
import { setSpaceIsolationSegment } from "@/lib/cf/spaces";
import { applyBinding, cfErrorOf, type Outcome } from "./apply";

/**
 * Every change the dashboard makes goes through here (docs/design.md §6): the
 * intent is written before the CF request and the outcome after it, so a
 * crash in between leaves an entry that reads "outcome unknown" until the
 * next drift check settles it. No history, no change: a change that could
 * not be recorded is not made. The result reaches the user only after the
 * outcome is written; a failure to write it is logged and said.
 *
 * The history only ever records what happened: a bind or unbind is recorded
 * only for the spaces it is sent for, and it is sent only for spaces that
 * are not already in the asked state as CF showed them just before (the
 * group's bindings, read by the action). A no-op is not a change.
 */

type SpaceRef = { guid: string; name: string };

/** A group as CF answered it just before the change: its bindings say which spaces are already so. */
export type FreshGroup = Pick<SecurityGroup, "guid" | "name" | "relationships">;

export type RecordedChange = {
  orgGuid: string;
  spaces: SpaceRef[];
  group: FreshGroup;
  lifecycle: Lifecycle;
  action: "bind" | "unbind";
};

/** `unrecorded`: CF was asked, but the outcome could not be written to the history. */
export type RecordedOutcome = Outcome & { unrecorded: boolean };

/**
 * A change's outcome and the spaces it was about: `sent`, those CF was asked
 * to change (and the history has); `already`, those already in the asked
 * state, for which nothing was sent or recorded. When every space is
 * already so, the outcome is a success that touched neither CF nor the history.
 */
export type SpacesOutcome = RecordedOutcome & { sent: SpaceRef[]; already: SpaceRef[] };

/**
 * The recorded path itself: the intent, the write, the outcome. Any write
 * goes through it; only what is written differs.
 */
export async function recorded<Ids>(
  ctx: ActionContext,
  steps: {
    intent: (store: AppDatabase) => Promise<Ids>;
    write: () => Promise<Outcome>;
    outcome: (store: AppDatabase, ids: Ids, outcome: ChangeOutcome) => Promise<void>;
  },
): Promise<RecordedOutcome> {
  let store: AppDatabase;
  let ids: Ids;
  try {
    store = await getDatabase();
    ids = await steps.intent(store);
  } catch (error) {
    ctx.log.error({ err: describeError(error) }, "history: intent not written; nothing changed");
    return {
      ok: false,
      failure: failure("unavailable", MESSAGES.historyUnavailable),
      cfError: null,
      unrecorded: false,
    };
  }
  const outcome = await steps.write();
  try {
    await steps.outcome(
      store,
      ids,
      outcome.ok
        ? { outcome: "succeeded" }
        : {
            // A write CF did not answer may or may not have been made: the drift check decides later.
            outcome: outcome.failure.kind === "unconfirmed" ? "unknown" : "failed",
            cfError: outcome.cfError,
            message: outcome.failure.message,
          },
    );
    return { ...outcome, unrecorded: false };
  } catch (error) {
    ctx.log.error({ err: describeError(error), entries: ids }, "history: outcome not written");
    return { ...outcome, unrecorded: true };
  }
}

const userOf = (ctx: ActionContext) => ({ guid: ctx.session.user.id, name: ctx.session.user.name });

/** Whether a space is already in the state the change asks for (bound for a bind, unbound for an unbind). */
export function alreadySo(change: Pick<RecordedChange, "group" | "lifecycle" | "action">, spaceGuid: string) {
  const bound = change.group.relationships[`${change.lifecycle}_spaces`].data.some(
    (d) => d.guid === spaceGuid,
  );
  return change.action === "bind" ? bound : !bound;
}

/**
 * Binds or unbinds a group for the spaces of an org that need it: one entry
 * per space sent. A bind goes in one request (CF binds all or none); unbinds
 * go one space at a time, each recorded on its own, and stop at the first
 * that fails, so no entry claims a request that was never sent.
 */
export async function applyRecorded(ctx: ActionContext, change: RecordedChange): Promise<SpacesOutcome> {
  const unique = [...new Map(change.spaces.map((s) => [s.guid, s])).values()];
  const already = unique.filter((s) => alreadySo(change, s.guid));
  const toSend = unique.filter((s) => !alreadySo(change, s.guid));
  if (toSend.length === 0) return { ok: true, unrecorded: false, sent: [], already };
  if (change.action === "bind") {
    return { ...(await sendRecorded(ctx, change, toSend)), sent: toSend, already };
  }
  const sent: SpaceRef[] = [];
  let unrecorded = false;
  for (const space of toSend) {
    const outcome = await sendRecorded(ctx, change, [space]);
    sent.push(space);
    unrecorded ||= outcome.unrecorded;
    if (!outcome.ok) return { ...outcome, unrecorded, sent, already };
  }
  return { ok: true, unrecorded, sent, already };
}

/** One request to CF for the spaces given, and its entries: one per space. */
function sendRecorded(
  ctx: ActionContext,
  change: RecordedChange,
  spaces: SpaceRef[],
): Promise<RecordedOutcome> {
  return recorded(ctx, {
    intent: (store) =>
      store.recordIntents(
        spaces.map((space) => ({
          user: userOf(ctx),
          orgGuid: change.orgGuid,
          spaceGuid: space.guid,
          spaceName: space.name,
          group: { guid: change.group.guid, name: change.group.name },
          lifecycle: change.lifecycle,
          action: change.action,
          requestId: ctx.requestId,
        })),
      ),
    write: () =>
      applyBinding(ctx.client, {
        action: change.action,
        groupGuid: change.group.guid,
        spaceGuids: spaces.map((s) => s.guid),
        lifecycle: change.lifecycle,
      }),
    outcome: (store, ids, outcome) => store.recordOutcomes(ids, outcome),
  });
}

export type SegmentMove = {
  orgGuid: string;
  space: { guid: string; name: string };
  from: { guid: string; name: string } | null;
  /** Null: back to the org's default. */
  to: { guid: string; name: string } | null;
};

/**
 * A space's move to an isolation segment, recorded like a bind: intent, CF,
 * outcome. A move to where the space already runs (`from`, as CF showed it
 * just before) is no move: nothing is sent or recorded, and `already` says so.
 */
export async function moveSpaceRecorded(
  ctx: ActionContext,
  move: SegmentMove,
): Promise<RecordedOutcome & { already: boolean }> {
  if ((move.from?.guid ?? null) === (move.to?.guid ?? null))
    return { ok: true, unrecorded: false, already: true };
  const outcome = await recorded(ctx, {
    intent: (store) =>
      store.recordSegmentIntent({
        user: userOf(ctx),
        orgGuid: move.orgGuid,
        spaceGuid: move.space.guid,
        spaceName: move.space.name,
        from: move.from,
        to: move.to,
        requestId: ctx.requestId,
      }),
    write: async () => {
      try {
        await setSpaceIsolationSegment(ctx.client, move.space.guid, move.to?.guid ?? null);
        return { ok: true };
      } catch (error) {
        return { ok: false, failure: toFailure(error, "write"), cfError: cfErrorOf(error) };
      }
    },
    outcome: (store, id, outcome) => store.recordSegmentOutcome(id, outcome),
  });
  return { ...outcome, already: false };
}

/**
 * Whether CF may hold something new after this outcome: done, or not confirmed either way. After a
 * refusal nothing changed, so the pages need no revalidation; re-rendering them in the action's
 * response would even lose its answer when that render cannot read CF (a token that expired during
 * the change sends the render to sign-in, and the user back to the page with no word of the refusal).
 */
export function mayHaveChanged(outcome: RecordedOutcome): boolean {
  return outcome.ok || outcome.failure.kind === "unconfirmed";
}

/** What the user reads: the action's own sentence, and whether the history has it. */
function withRecording(message: string, outcome: RecordedOutcome): string {
  if (!outcome.unrecorded) return message;
  return `${message} ${outcome.ok ? MESSAGES.notRecorded : MESSAGES.outcomeNotRecorded}`;
}

/**
 * The action's result for a change of one or more spaces: `already` (the
 * spaces that were already so) always; `done` when CF confirmed what was
 * sent, `none` when nothing needed sending, CF's refusal in words otherwise.
 */
export function spacesResultOf(
  outcome: SpacesOutcome,
  words: { done: string; none: string },
): ActionResult<{ already: string[] }> {
  const already = outcome.already.map((s) => s.guid);
  if (outcome.sent.length === 0) return { ok: true, message: words.none, already };
  if (outcome.ok) return { ok: true, message: withRecording(words.done, outcome), already };
  return refuseWith({ ...outcome.failure, message: withRecording(outcome.failure.message, outcome) });
}

/** The action's result for a recorded change: `done` when CF confirmed it, CF's refusal in words otherwise. */
export function resultOf(outcome: RecordedOutcome, done: string): ActionResult {
  if (outcome.ok) return { ok: true, message: withRecording(done, outcome) };
  return refuseWith({ ...outcome.failure, message: withRecording(outcome.failure.message, outcome) });
}
