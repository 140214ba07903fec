import "server-only";
import { refuseWith, type ActionContext } from "@/lib/actions/define-action";
import type { ActionResult } from "@/lib/actions/result";
import type { Lifecycle } from "@/lib/egress";
import { failure, MESSAGES } from "@/lib/failures";
import { getHistory, type HistoryStore } from "@/lib/history";
import { describeError } from "@/lib/log";
import { applyBinding, type Outcome } from "./apply";

/**
 * Every change the dashboard makes goes through here (design.md §6): the
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

export async function applyRecorded(ctx: ActionContext, change: RecordedChange): Promise<RecordedOutcome> {
  const user = { guid: ctx.session.user.id, name: ctx.session.user.name };
  let store: HistoryStore;
  let ids: number[];
  try {
    store = await getHistory();
    ids = await store.recordIntents(
      change.spaces.map((space) => ({
        user,
        orgGuid: change.orgGuid,
        spaceGuid: space.guid,
        spaceName: space.name,
        group: change.group,
        lifecycle: change.lifecycle,
        action: change.action,
        requestId: ctx.requestId,
      })),
    );
  } catch (error) {
    ctx.log.error({ err: describeError(error) }, "history: intent not written; change not made");
    return {
      ok: false,
      failure: failure("unavailable", MESSAGES.historyUnavailable),
      cfError: null,
      unrecorded: false,
    };
  }

  const outcome = await applyBinding(ctx.client, {
    action: change.action,
    groupGuid: change.group.guid,
    spaceGuids: change.spaces.map((s) => s.guid),
    lifecycle: change.lifecycle,
  });

  try {
    await store.recordOutcomes(
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
