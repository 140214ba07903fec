"use client";

import { useState } from "react";
import { Button as AriaButton } from "react-aria-components";
import { Button, buttonClass } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import { Select } from "@/components/ui/select";
import type { Action } from "@/lib/actions/result";
import { cfCommand, cfOrgCommand } from "@/lib/changes/commands";
import type { Lifecycle } from "@/lib/egress";
import { MESSAGES } from "@/lib/failures/messages";
import type { MatrixProfile } from "@/lib/view-models/org-matrix";
import type { ChangeProfileInput } from "./org-matrix";
import type { SpaceRef } from "./types";
import { CliCommands } from "../change-flow/change-summary";

/**
 * An org manager applies a profile on or off to many spaces. On: one CF
 * request binds them all (CF binds all or none). Off: CF unbinds one space
 * per request, so the dialog shows progress ("n of m spaces") and each
 * space's result. Spaces created later are not covered: new spaces start
 * closed. Whatever happens (a refusal, an exception, a lost connection), the
 * dialog ends on its results and can be closed.
 */

/** `unconfirmed`: CF did not answer the write, so it may or may not have been made. */
type Result = { space: SpaceRef; ok: boolean; unconfirmed: boolean; message: string };

export type BulkActions = {
  changeProfile: Action<ChangeProfileInput>;
  bindProfileToSpaces: Action<{
    orgGuid: string;
    spaceGuids: string[];
    profileId: string;
    lifecycle: Lifecycle;
  }>;
};

const UNBIND_CONCURRENCY = 4;

/** An action's answer, or the words for a request that never came back. */
async function settle(
  call: () => Promise<{ ok: boolean; message: string; kind?: string }>,
): Promise<Omit<Result, "space">> {
  try {
    const result = await call();
    return { ok: result.ok, unconfirmed: result.kind === "unconfirmed", message: result.message };
  } catch {
    return { ok: false, unconfirmed: true, message: MESSAGES.offline };
  }
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

export function BulkApply({
  orgGuid,
  orgName,
  profiles,
  selected,
  all,
  actions,
  onDone,
}: {
  orgGuid: string;
  orgName: string;
  profiles: MatrixProfile[];
  selected: SpaceRef[];
  all: SpaceRef[];
  actions: BulkActions;
  onDone: () => Promise<void>;
}) {
  const usable = profiles.filter((p) => p.groupGuid && !p.globalRunning);
  const [target, setTarget] = useState<SpaceRef[] | null>(null);
  const [profileId, setProfileId] = useState(usable[0]?.id ?? "");
  const [enabled, setEnabled] = useState(true);
  const [phase, setPhase] = useState<"choose" | "running" | "done">("choose");
  const [done, setDone] = useState(0);
  const [results, setResults] = useState<Result[]>([]);
  const profile = usable.find((p) => p.id === profileId);

  if (usable.length === 0) return null;

  function open(spaces: SpaceRef[]) {
    setTarget(spaces);
    setPhase("choose");
    setDone(0);
    setResults([]);
  }

  async function bindAll(spaces: SpaceRef[]): Promise<Result[]> {
    const result = await settle(() =>
      actions.bindProfileToSpaces({
        orgGuid,
        spaceGuids: spaces.map((s) => s.guid),
        profileId,
        lifecycle: "running",
      }),
    );
    setDone(spaces.length);
    return spaces.map((space) => ({ space, ...result }));
  }

  async function unbindEach(spaces: SpaceRef[]): Promise<Result[]> {
    const collected: Result[] = [];
    const queue = [...spaces];
    const worker = async () => {
      for (let space = queue.shift(); space; space = queue.shift()) {
        const current = space;
        const result = await settle(() =>
          actions.changeProfile({
            orgGuid,
            spaceGuid: current.guid,
            profileId,
            lifecycle: "running",
            enabled: false,
          }),
        );
        collected.push({ space: current, ...result });
        setDone((n) => n + 1);
      }
    };
    await Promise.all(Array.from({ length: UNBIND_CONCURRENCY }, worker));
    return collected;
  }

  async function run(spaces: SpaceRef[]) {
    setPhase("running");
    let collected: Result[] = [];
    try {
      collected = enabled ? await bindAll(spaces) : await unbindEach(spaces);
      await onDone();
    } catch {
      // settle() catches the actions; this is the refresh failing: the results still stand.
    } finally {
      setResults(collected.sort((a, b) => a.space.name.localeCompare(b.space.name)));
      setPhase("done");
    }
  }

  const failed = results.filter((r) => !r.ok);
  const succeeded = results.length - failed.length;
  const count = target?.length ?? 0;
  const spacesWord = (n: number) => `${n} ${n === 1 ? "space" : "spaces"}`;

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" disabled={selected.length === 0} onClick={() => open(selected)}>
        Change selected spaces ({selected.length})
      </Button>
      <Button variant="secondary" onClick={() => open(all)}>
        Apply to all spaces
      </Button>

      <Modal
        isOpen={target !== null}
        title={`Change egress of ${spacesWord(count)}`}
        onClose={() => setTarget(null)}
        dismissable={phase !== "running"}
      >
        {phase === "choose" && target && (
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
              This applies to the {spacesWord(target.length)} of {orgName} that exist now, for running apps.
              New spaces start closed: a profile applied here does not reach spaces created later.
            </p>
            {profile && <CliCommands commands={commandsFor(profile, orgName, target, all, enabled)} />}
          </>
        )}
        {phase !== "choose" && target && (
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
          {phase === "choose" && target && (
            <>
              <AriaButton onPress={() => void run(target)} className={buttonClass("primary")}>
                Confirm
              </AriaButton>
              <AriaButton onPress={() => setTarget(null)} className={buttonClass("secondary")}>
                Cancel
              </AriaButton>
            </>
          )}
          {phase === "done" && (
            <AriaButton onPress={() => setTarget(null)} className={buttonClass("primary")}>
              Close
            </AriaButton>
          )}
        </div>
      </Modal>
    </div>
  );
}
