import "server-only";
import { refuseWith, type ActionContext } from "@/lib/actions/define-action";
import type { ActionResult } from "@/lib/actions/result";
import type { Lifecycle } from "@/lib/egress";
import { failure, MESSAGES, toFailure } from "@/lib/failures";
import { getDatabase, type ChangeOutcome, type AppDatabase } from "@/lib/db";
import { describeError } from "@/lib/log";
import { setSpaceIsolationSegment } from "@/lib/cf/spaces";
import { applyBinding, cfErrorOf, type Outcome } from "./apply";

/**
 * Every change the dashboard makes goes through here (docs/design.md §6): the
 * intent is written before the CF request and the outcome after it, so a
 * crash in between leaves an entry that reads "outcome unknown" until the
 * next drift check settles it. No history, no change: a change that could
 * not be recorded is not made. The result reaches the user only after the
 * outcome is written; a failure to write it is logged and said.
 */

export type RecordedChange = {
  orgGuid: string;
  spaces: { guid: string; name: string }[];
  group: { guid: string; name: string };
  lifecycle: Lifecycle;
  action: "bind" | "unbind";
};

/** `unrecorded`: CF was asked, but the outcome could not be written to the history. */
export type RecordedOutcome = Outcome & { unrecorded: boolean };

/**
 * The recorded path itself: the intent, the write, the outcome. Any write
 * goes through it; only what is written differs.
 */
async function recorded<Ids>(
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

/** Binds or unbinds a group for one or more spaces of an org: one entry per space. */
export function applyRecorded(ctx: ActionContext, change: RecordedChange): Promise<RecordedOutcome> {
  return recorded(ctx, {
    intent: (store) =>
      store.recordIntents(
        change.spaces.map((space) => ({
          user: userOf(ctx),
          orgGuid: change.orgGuid,
          spaceGuid: space.guid,
          spaceName: space.name,
          group: change.group,
          lifecycle: change.lifecycle,
          action: change.action,
          requestId: ctx.requestId,
        })),
      ),
    write: () =>
      applyBinding(ctx.client, {
        action: change.action,
        groupGuid: change.group.guid,
        spaceGuids: change.spaces.map((s) => s.guid),
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

/** A space's move to an isolation segment, recorded like a bind: intent, CF, outcome. */
export function moveSpaceRecorded(ctx: ActionContext, move: SegmentMove): Promise<RecordedOutcome> {
  return recorded(ctx, {
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

/** The action's result for a recorded change: `done` when CF confirmed it, CF's refusal in words otherwise. */
export function resultOf(outcome: RecordedOutcome, done: string): ActionResult {
  if (outcome.ok) return { ok: true, message: withRecording(done, outcome) };
  return refuseWith({ ...outcome.failure, message: withRecording(outcome.failure.message, outcome) });
}
