"use client";

import { useEffect, useState } from "react";
import { Button as AriaButton } from "react-aria-components";
import { buttonClass } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import type { Action } from "@/lib/actions/result";
import type { StatusChange } from "@/lib/egress";
import type { ErrorBody } from "@/lib/failures/http";
import { MESSAGES } from "@/lib/failures/messages";
import {
  opKey,
  opWords,
  type BringResult,
  type PlannedSpace,
  type PlanView,
} from "@/lib/view-models/policy-plan";
import { DestinationStatusBadge } from "../destination-status";

/**
 * "Bring into policy" (design.md §10): the preview of the smallest set of
 * binds and unbinds per violating space (from the server, from fresh CF
 * data), the spaces this user cannot bring into policy with why, then
 * Confirm. The action plans again on the server and applies only what was
 * previewed; a few spaces go per call, so the dialog shows "n of m spaces"
 * as it goes, and each space's result at the end. Whatever happens (a
 * refusal, a lost connection), the dialog ends on its results and closes.
 */

export type BringInput = {
  orgGuid: string;
  revision: number;
  spaces: { guid: string; ops: string[] }[];
};

export type BringAction = Action<BringInput, { results: BringResult[] }>;

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

async function fetchPlan(url: string): Promise<PlanView> {
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store", headers: { Accept: "application/json" } });
  } catch {
    throw new Error(MESSAGES.serverUnreachable);
  }
  const body = (await response.json().catch(() => ({}))) as Partial<PlanView & ErrorBody>;
  if (!response.ok || body.changes === undefined) {
    throw new Error(body.error?.message ?? `The preview failed (${response.status}).`);
  }
  return body as PlanView;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

const spaces = (n: number) => `${n} ${n === 1 ? "space" : "spaces"}`;

const STATUS_WORDS: Record<BringResult["status"], string> = {
  done: "brought into policy",
  compliant: "already complies",
  skipped: "left as it is",
  failed: "not changed",
  unconfirmed: "not confirmed",
};

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
    let live = true;
    const settle = (phase: Phase) => live && setState({ url, phase });
    fetchPlan(url)
      .then((plan) => settle({ step: "review", plan }))
      .catch((error: unknown) =>
        settle({ step: "failed", message: error instanceof Error ? error.message : String(error) }),
      );
    return () => {
      live = false;
    };
  }, [url]);

  const close = () => {
    setState(undefined);
    onClose();
  };

  async function run(plan: PlanView) {
    setPhase({ step: "running", plan, done: 0 });
    const queue = chunks(plan.changes, CHUNK);
    const collected: BringResult[] = [];
    const worker = async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        const current = batch;
        let answered: BringResult[];
        try {
          const result = await action({
            orgGuid,
            revision: plan.revision,
            spaces: current.map((s) => ({ guid: s.guid, ops: s.ops.map(opKey) })),
          });
          answered = result.ok
            ? result.results
            : current.map((s) => ({
                guid: s.guid,
                name: s.name,
                status: result.kind === "unconfirmed" ? "unconfirmed" : "failed",
                message: result.message,
              }));
        } catch {
          // The action never throws (lib/actions): this is the connection or the server going away.
          answered = current.map((s) => ({
            guid: s.guid,
            name: s.name,
            status: "unconfirmed",
            message: MESSAGES.offline,
          }));
        }
        collected.push(...answered);
        setPhase((p) => (p.step === "running" ? { ...p, done: p.done + current.length } : p));
      }
    };
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      await onApplied();
    } catch {
      // The re-read failed: the results below still stand, and the page keeps what it showed.
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

function Review({ plan }: { plan: PlanView }) {
  const { changes, unattainable, compliant } = plan;
  return (
    <div className="space-y-4">
      <p>
        {changes.length === 0
          ? "No space can be brought into policy by a change of yours."
          : `${spaces(changes.length)} will change: the smallest set of binds and unbinds that makes each comply, for running apps.`}{" "}
        {compliant > 0 &&
          `${spaces(compliant)} already ${compliant === 1 ? "complies" : "comply"} and will not be touched.`}
      </p>
      {changes.length > 0 && (
        <ul aria-label="Planned changes per space" className="space-y-4">
          {changes.map((space) => (
            <PlannedChange key={space.guid} space={space} />
          ))}
        </ul>
      )}
      {unattainable.length > 0 && (
        <div>
          <h3 className="font-bold">Cannot be brought into policy by you</h3>
          <ul aria-label="Spaces that cannot be brought into policy" className="mt-1 space-y-2">
            {unattainable.map((space) => (
              <li key={space.guid}>
                <span className="font-semibold">{space.name}:</span> {space.why}.
                <span className="block text-sm text-base-dark">Violates: {space.reasons.join(". ")}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function PlannedChange({ space }: { space: PlannedSpace }) {
  return (
    <li className="space-y-2 rounded border border-base-lighter p-3">
      <h3 className="font-bold">{space.name}</h3>
      <p className="text-sm">Violates: {space.reasons.join(". ")}</p>
      <p>
        <span className="font-semibold">Changes:</span>{" "}
        {space.ops.map((op) => `${opWords(op)} (running)`).join(", ")}
      </p>
      <Destinations title="Closes" items={space.closes} />
      <Destinations title="Opens" items={space.opens} />
      <div>
        <p className="font-semibold">The same change with the cf CLI:</p>
        <pre className="mt-1 rounded bg-base-lightest p-2 text-sm break-all whitespace-pre-wrap">
          <code>{space.commands.join("\n")}</code>
        </pre>
      </div>
    </li>
  );
}

function Destinations({ title, items }: { title: string; items: StatusChange[] }) {
  if (items.length === 0) return null;
  return (
    <div>
      <p className="font-semibold">{title}:</p>
      <ul className="mt-1 space-y-1">
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center gap-2">
            <span>{item.label}:</span>
            <DestinationStatusBadge status={item.before} />
            <span aria-hidden="true">→</span>
            <span className="sr-only">becomes</span>
            <DestinationStatusBadge status={item.after} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function Progress({ total, done, results }: { total: number; done: number; results: BringResult[] | null }) {
  const brought = results?.filter((r) => r.status === "done").length ?? 0;
  return (
    <div className="space-y-2">
      <label className="block font-semibold" htmlFor="policy-progress">
        {done} of {total} spaces
      </label>
      <progress id="policy-progress" max={total} value={done} className="w-full" />
      <p role="status">
        {results === null
          ? `Working: ${done} of ${total} spaces done.`
          : `Done: ${brought} of ${total} spaces brought into policy${brought < total ? `, ${total - brought} not` : ""}.`}
      </p>
    </div>
  );
}

function Results({ results }: { results: BringResult[] }) {
  return (
    <ul className="max-h-60 space-y-1 overflow-auto" aria-label="Result per space">
      {results.map((r) => (
        <li key={r.guid}>
          <span className="font-semibold">{r.name}:</span>{" "}
          <span
            className={
              r.status === "done" || r.status === "compliant" ? "text-success-darker" : "text-error-dark"
            }
          >
            {STATUS_WORDS[r.status]}. {r.message}
          </span>
        </li>
      ))}
    </ul>
  );
}
