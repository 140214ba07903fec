"use client";

import { useState } from "react";
import { Button as AriaButton } from "react-aria-components";
import { buttonClass } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import { Select } from "@/components/ui/select";
import type { ActionResult } from "@/lib/actions/result";
import { cfCommand, cfOrgCommand } from "@/lib/cf/commands";
import { MESSAGES } from "@/lib/failures/messages";
import { pool, type Settled } from "@/lib/pool";
import type { MatrixProfile } from "@/lib/view-models/org-matrix";
import { CliCommands } from "../change-flow/change-summary";
import type { BulkActions } from "./bulk-apply";
import type { SpaceRef } from "./types";

/**
 * The bulk change itself (see bulk-apply.tsx): choose a profile and on or
 * off, confirm, watch the progress, read each space's result. Mounted when
 * opened, so each opening starts at the choice; it cannot be dismissed while
 * the change runs.
 */

/** `unconfirmed`: CF did not answer the write, so it may or may not have been made. */
type Result = { space: SpaceRef; ok: boolean; unconfirmed: boolean; message: string };

/** Unbinds in flight at once: CF unbinds one space per request. */
const UNBIND_CONCURRENCY = 4;

/** One request to CF and the spaces it changes. */
type Request = { spaces: SpaceRef[]; send: () => Promise<ActionResult> };

/** An action's answer, or the words for a request that never came back (the action itself never throws). */
function outcomeOf(settled: Settled<Request, ActionResult>): Omit<Result, "space"> {
  if (!settled.ok) return { ok: false, unconfirmed: true, message: MESSAGES.offline };
  const result = settled.value;
  return { ok: result.ok, unconfirmed: !result.ok && result.kind === "unconfirmed", message: result.message };
}

function commandsFor(
  profile: MatrixProfile,
  orgName: string,
  target: SpaceRef[],
  all: SpaceRef[],
  enabled: boolean,
): string {
  const base = { lifecycle: "running" as const, group: profile.group, org: orgName };
  if (enabled && target.length === all.length) return cfOrgCommand(base);
  return target
    .map((s) => cfCommand({ ...base, action: enabled ? "bind" : "unbind", space: s.name }))
    .join("\n");
}

export function BulkApplyDialog({
  orgGuid,
  orgName,
  usable,
  target,
  all,
  actions,
  onDone,
  onClose,
}: {
  orgGuid: string;
  orgName: string;
  /** The profiles a bulk change may apply (bound through a group, not platform-wide). */
  usable: MatrixProfile[];
  target: SpaceRef[];
  all: SpaceRef[];
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

  // On: one request binds every space (CF binds all or none). Off: one request per space.
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
    let collected: Result[] = [];
    try {
      const settled = await pool(
        requests(),
        UNBIND_CONCURRENCY,
        (request) => request.send(),
        (s) => setDone((n) => n + s.item.spaces.length),
      );
      collected = settled.flatMap((s) => s.item.spaces.map((space) => ({ space, ...outcomeOf(s) })));
      await onDone();
    } catch {
      // The pool never rejects; this is the refresh failing: the results still stand.
    } finally {
      setResults(collected.sort((a, b) => a.space.name.localeCompare(b.space.name)));
      setPhase("done");
    }
  }

  const failed = results.filter((r) => !r.ok);
  const succeeded = results.length - failed.length;
  const spacesWord = (n: number) => `${n} ${n === 1 ? "space" : "spaces"}`;

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
              value={enabled ? "on" : "off"}
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
          {profile && <CliCommands commands={commandsFor(profile, orgName, target, all, enabled)} />}
        </>
      )}
      {phase !== "choose" && (
        <div className="space-y-2">
          <label className="block font-semibold" htmlFor="bulk-progress">
            {done} of {target.length} spaces
          </label>
          <progress id="bulk-progress" max={target.length} value={done} className="w-full" />
          <p role="status">
            {phase === "running"
              ? `Working: ${done} of ${target.length} spaces done.`
              : `Done: ${succeeded} of ${target.length} spaces changed${failed.length > 0 ? `, ${failed.length} not changed` : ""}.`}
          </p>
        </div>
      )}
      {phase === "done" && (
        <ul className="max-h-60 space-y-1 overflow-auto" aria-label="Result per space">
          {results.map((r) => (
            <li key={r.space.guid}>
              <span className="font-semibold">{r.space.name}:</span>{" "}
              <span className={r.ok ? "text-success-darker" : "text-error-dark"}>
                {r.ok ? "changed" : `${r.unconfirmed ? "not confirmed" : "not changed"}. ${r.message}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-3 pt-2">
        {phase === "choose" && (
          <>
            <AriaButton onPress={() => void run()} className={buttonClass("primary")}>
              Confirm
            </AriaButton>
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
