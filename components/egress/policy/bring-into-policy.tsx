"use client";

import { useEffect, useState } from "react";
import { Button as AriaButton } from "react-aria-components";
import { buttonClass } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import type { Action } from "@/lib/actions/result";
import type { BringIntoPolicyInput } from "@/lib/changes/inputs";
import { fetchJson } from "@/lib/http/fetch-json";
import { MESSAGES } from "@/lib/failures/messages";
import { pool, type Settled } from "@/lib/pool";
import {
  opKey,
  planViewSchema,
  type BringResult,
  type PlannedSpace,
  type PlanView,
} from "@/lib/view-models/policy-plan";
import { Progress, Results } from "./bring-progress";
import { Review } from "./plan-review";

/**
 * "Bring into policy" (docs/design.md §10): the preview of the smallest set of
 * binds and unbinds per violating space (from the server, from fresh CF
 * data), the spaces this user cannot bring into policy with why, then
 * Confirm. The action plans again on the server and applies only what was
 * previewed; a few spaces go per call, so the dialog shows "n of m spaces"
 * as it goes, and each space's result at the end. Whatever happens (a
 * refusal, a lost connection), the dialog ends on its results and closes.
 */

export type BringAction = Action<BringIntoPolicyInput, { results: BringResult[] }>;
type BringAnswer = Awaited<ReturnType<BringAction>>;

/** Every violating space the user can see, or one space. */
export type BringTarget = "all" | { guid: string; name: string };

/** Spaces per action call: each call reads CF once for all of them. */
const CHUNK = 5;
const CONCURRENCY = 2;

type Phase =
  | { step: "loading" }
  | { step: "failed"; message: string }
  | { step: "review"; plan: PlanView }
  | { step: "running"; plan: PlanView; done: number }
  | { step: "done"; plan: PlanView; results: BringResult[] };

/** Each space's result: the action's, its refusal for every space of the batch, or a lost connection. */
function resultsOf(settled: Settled<PlannedSpace[], BringAnswer>): BringResult[] {
  const batch = settled.item;
  // The action never throws (lib/actions): a rejection is the connection or the server going away.
  if (!settled.ok) {
    return batch.map((s) => ({
      guid: s.guid,
      name: s.name,
      status: "unconfirmed",
      message: MESSAGES.offline,
    }));
  }
  const result = settled.value;
  if (result.ok) return result.results;
  return batch.map((s) => ({
    guid: s.guid,
    name: s.name,
    status: result.kind === "unconfirmed" ? "unconfirmed" : "failed",
    message: result.message,
  }));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

export function BringIntoPolicyDialog({
  orgGuid,
  target,
  action,
  onClose,
  onApplied,
}: {
  orgGuid: string;
  /** Null: closed. */
  target: BringTarget | null;
  action: BringAction;
  onClose: () => void;
  /** Re-reads the page's data after changes were applied; awaited before the results show. */
  onApplied: () => Promise<unknown>;
}) {
  const url =
    target === null
      ? null
      : `/api/orgs/${orgGuid}/policy/plan${target === "all" ? "" : `?space=${encodeURIComponent(target.guid)}`}`;
  // The phase belongs to the preview it was made for; a new target starts loading again.
  const [state, setState] = useState<{ url: string; phase: Phase }>();
  const phase: Phase = state !== undefined && state.url === url ? state.phase : { step: "loading" };
  const setPhase = (next: Phase | ((current: Phase) => Phase)) => {
    if (url === null) return;
    setState((current) => {
      const previous: Phase = current?.url === url ? current.phase : { step: "loading" };
      return { url, phase: typeof next === "function" ? next(previous) : next };
    });
  };

  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    void fetchJson(url, planViewSchema, { signal: controller.signal }).then((result) => {
      if (controller.signal.aborted) return;
      setState({
        url,
        phase: result.ok
          ? { step: "review", plan: result.value }
          : { step: "failed", message: result.failure.message },
      });
    });
    return () => controller.abort();
  }, [url]);

  const close = () => {
    setState(undefined);
    onClose();
  };

  async function run(plan: PlanView) {
    setPhase({ step: "running", plan, done: 0 });
    let collected: BringResult[] = [];
    try {
      const settled = await pool(
        chunks(plan.changes, CHUNK),
        CONCURRENCY,
        (batch) =>
          action({
            orgGuid,
            revision: plan.revision,
            spaces: batch.map((s) => ({ guid: s.guid, ops: s.ops.map(opKey) })),
          }),
        (s) => setPhase((p) => (p.step === "running" ? { ...p, done: p.done + s.item.length } : p)),
      );
      collected = settled.flatMap(resultsOf);
      await onApplied();
    } catch {
      // The pool never rejects; this is the re-read failing: the results below still stand.
    } finally {
      setPhase({
        step: "done",
        plan,
        results: collected.sort((a, b) => a.name.localeCompare(b.name)),
      });
    }
  }

  const title =
    target === null || target === "all" ? "Bring spaces into policy" : `Bring ${target.name} into policy`;
  const running = phase.step === "running";

  return (
    <Modal isOpen={target !== null} title={title} onClose={close} dismissable={!running}>
      {phase.step === "loading" && <p role="status">Working out the smallest change for each space…</p>}
      {phase.step === "failed" && (
        <p role="alert" className="text-error-dark">
          {phase.message} Nothing was changed.
        </p>
      )}
      {phase.step === "review" && <Review plan={phase.plan} />}
      {(phase.step === "running" || phase.step === "done") && (
        <Progress
          total={phase.plan.changes.length}
          done={phase.step === "done" ? phase.plan.changes.length : phase.done}
          results={phase.step === "done" ? phase.results : null}
        />
      )}
      {phase.step === "done" && <Results results={phase.results} />}
      <div className="flex flex-wrap gap-3 pt-2">
        {phase.step === "review" && phase.plan.changes.length > 0 && (
          <AriaButton onPress={() => void run(phase.plan)} className={buttonClass("primary")}>
            Confirm
          </AriaButton>
        )}
        {(phase.step === "review" || phase.step === "loading") && (
          <AriaButton onPress={close} className={buttonClass("secondary")}>
            Cancel
          </AriaButton>
        )}
        {(phase.step === "done" || phase.step === "failed") && (
          <AriaButton onPress={close} className={buttonClass("primary")}>
            Close
          </AriaButton>
        )}
      </div>
    </Modal>
  );
}
