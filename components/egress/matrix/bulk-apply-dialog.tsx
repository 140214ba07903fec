"use client";

import { useRef, useState } from "react";
import { Button as AriaButton } from "react-aria-components";
import { buttonClass } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import { Select } from "@/components/ui/select";
import type { ActionResult } from "@/lib/actions/result";
import { MESSAGES } from "@/lib/failures/messages";
import { pool, type Settled } from "@/lib/pool";
import type { MatrixProfile } from "@/lib/view-models/org-matrix";
import type { BulkActions } from "./bulk-apply";
import { BulkPreviewView, scrolls, scrollProps, useBulkPreview } from "./bulk-apply-preview";
import type { SpaceRef } from "./types";

/**
 * The bulk change itself (see bulk-apply.tsx): choose a profile and on or
 * off, read the preview per space, confirm, watch the progress, read each
 * space's result. Mounted when opened, so each opening starts at the choice;
 * it cannot be dismissed while the change runs. Which spaces need the change
 * is decided again on the server when it runs: a space already so is neither
 * sent nor recorded, and its result says "already on" (or off).
 */

type Status = "changed" | "already" | "failed" | "unconfirmed";
type Result = { space: SpaceRef; status: Status; message: string };

/** Unbinds in flight at once: CF unbinds one space per request. */
const UNBIND_CONCURRENCY = 4;

/** One request to CF and the spaces it is about. */
type Request = { spaces: SpaceRef[]; send: () => Promise<ActionResult<{ already: string[] }>> };

/** Each space's result from its request's answer, or the words for a request that never came back. */
function resultsOf(settled: Settled<Request, ActionResult<{ already: string[] }>>): Result[] {
  const { spaces } = settled.item;
  if (!settled.ok)
    return spaces.map((space) => ({ space, status: "unconfirmed", message: MESSAGES.offline }));
  const answer = settled.value;
  if (!answer.ok) {
    const status = answer.kind === "unconfirmed" ? "unconfirmed" : "failed";
    return spaces.map((space) => ({ space, status, message: answer.message }));
  }
  const already = new Set(answer.already);
  return spaces.map((space) => ({
    space,
    status: already.has(space.guid) ? "already" : "changed",
    message: answer.message,
  }));
}

const spacesWord = (n: number) => `${n} ${n === 1 ? "space" : "spaces"}`;

export function BulkApplyDialog({
  orgGuid,
  orgName,
  usable,
  target,
  actions,
  onDone,
  onClose,
}: {
  orgGuid: string;
  orgName: string;
  /** The profiles a bulk change may apply (bound through a group, not platform-wide). */
  usable: MatrixProfile[];
  target: SpaceRef[];
  actions: BulkActions;
  onDone: () => Promise<void>;
  onClose: () => void;
}) {
  const [profileId, setProfileId] = useState(usable[0]?.id ?? "");
  const [enabled, setEnabled] = useState(true);
  const [phase, setPhase] = useState<"choose" | "running" | "done">("choose");
  const [done, setDone] = useState(0);
  const [results, setResults] = useState<Result[]>([]);
  const profile = usable.find((p) => p.id === profileId);
  const preview = useBulkPreview(orgGuid, {
    profileId,
    enabled,
    spaceGuids: target.map((s) => s.guid),
  });
  const ready = !!preview?.data;
  // Confirm leaves with the choice: focus moves to the progress, which then says how it ended.
  const progress = useRef<HTMLParagraphElement>(null);

  // On: one request binds every space that needs it (CF binds all or none). Off: one request per space.
  const requests = (): Request[] =>
    enabled
      ? [
          {
            spaces: target,
            send: () =>
              actions.bindProfileToSpaces({
                orgGuid,
                spaceGuids: target.map((s) => s.guid),
                profileId,
                lifecycle: "running",
              }),
          },
        ]
      : target.map((space) => ({
          spaces: [space],
          send: () =>
            actions.changeProfile({
              orgGuid,
              spaceGuid: space.guid,
              profileId,
              lifecycle: "running",
              enabled: false,
            }),
        }));

  async function run() {
    setPhase("running");
    requestAnimationFrame(() => progress.current?.focus());
    let collected: Result[] = [];
    try {
      const settled = await pool(
        requests(),
        UNBIND_CONCURRENCY,
        (request) => request.send(),
        (s) => setDone((n) => n + s.item.spaces.length),
      );
      collected = settled.flatMap(resultsOf);
      await onDone();
    } catch {
      // The pool never rejects; this is the refresh failing: the results still stand.
    } finally {
      setResults(collected.sort((a, b) => a.space.name.localeCompare(b.space.name)));
      setPhase("done");
    }
  }

  const count = (status: Status) => results.filter((r) => r.status === status).length;
  const failed = count("failed") + count("unconfirmed");
  const so = enabled ? "on" : "off";
  const words: Record<Status, (r: Result) => string> = {
    changed: () => "changed",
    already: () => `already ${so}; nothing was sent`,
    failed: (r) => `not changed. ${r.message}`,
    unconfirmed: (r) => `not confirmed. ${r.message}`,
  };

  return (
    <Modal
      isOpen
      title={`Change egress of ${spacesWord(target.length)}`}
      onClose={onClose}
      dismissable={phase !== "running"}
    >
      {phase === "choose" && (
        <>
          <div className="flex flex-wrap gap-4">
            <Select
              label="Profile"
              value={profileId}
              onChange={(e) => setProfileId(e.target.value)}
              options={usable.map((p) => ({ value: p.id, label: p.label }))}
            />
            <Select
              label="Turn it"
              value={so}
              onChange={(e) => setEnabled(e.target.value === "on")}
              options={[
                { value: "on", label: "On" },
                { value: "off", label: "Off" },
              ]}
            />
          </div>
          <p>
            This applies to the {spacesWord(target.length)} of {orgName} that exist now, for running apps. New
            spaces start closed: a profile applied here does not reach spaces created later.
          </p>
          <BulkPreviewView state={preview} enabled={enabled} profileLabel={profile?.label ?? ""} />
        </>
      )}
      {phase !== "choose" && (
        <div className="space-y-2">
          <label className="block font-semibold" htmlFor="bulk-progress">
            {done} of {target.length} spaces
          </label>
          <progress id="bulk-progress" max={target.length} value={done} className="w-full" />
          <p role="status" ref={progress} tabIndex={-1} className="outline-none">
            {phase === "running"
              ? `Working: ${done} of ${target.length} spaces done.`
              : `Done: ${count("changed")} changed, ${count("already")} already ${so}${failed > 0 ? `, ${failed} not changed` : ""}.`}
          </p>
        </div>
      )}
      {phase === "done" && (
        <ul
          className={`space-y-1 ${scrolls(results.length)}`}
          aria-label="Result per space"
          {...scrollProps(results.length)}
        >
          {results.map((r) => (
            <li key={r.space.guid}>
              <span className="font-semibold">{r.space.name}:</span>{" "}
              <span
                className={
                  r.status === "changed" || r.status === "already" ? "text-success-darker" : "text-error-dark"
                }
              >
                {words[r.status](r)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-3 pt-2">
        {phase === "choose" && (
          <>
            {/* aria-disabled, not disabled: Confirm stays in the tab order while the preview loads. */}
            <button
              type="button"
              aria-disabled={ready ? undefined : true}
              onClick={() => {
                if (ready) void run();
              }}
              className={buttonClass("primary", "aria-disabled:cursor-not-allowed aria-disabled:opacity-60")}
            >
              Confirm
            </button>
            <AriaButton onPress={onClose} className={buttonClass("secondary")}>
              Cancel
            </AriaButton>
          </>
        )}
        {phase === "done" && (
          <AriaButton onPress={onClose} className={buttonClass("primary")}>
            Close
          </AriaButton>
        )}
      </div>
    </Modal>
  );
}
