"use client";

import { useState } from "react";
import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { bindProfileToSpaces, changeProfile } from "@/app/orgs/[orgGuid]/actions";
import type { MatrixProfile } from "@/lib/views/org-matrix";

/**
 * An org manager applies a profile on or off to many spaces. On: one CF
 * request binds them all (CF binds all or none). Off: CF unbinds one space
 * per request, so the dialog shows progress ("n of m spaces") and each
 * space's result. Spaces created later are not covered: new spaces start closed.
 */

type SpaceRef = { guid: string; name: string };
type Result = { space: SpaceRef; ok: boolean; message: string };

const UNBIND_CONCURRENCY = 4;

export function BulkApply({
  orgGuid,
  orgName,
  profiles,
  selected,
  all,
  onDone,
}: {
  orgGuid: string;
  orgName: string;
  profiles: MatrixProfile[];
  selected: SpaceRef[];
  all: SpaceRef[];
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

  async function run(spaces: SpaceRef[]) {
    setPhase("running");
    const collected: Result[] = [];
    if (enabled) {
      const result = await bindProfileToSpaces({
        orgGuid,
        spaceGuids: spaces.map((s) => s.guid),
        profileId,
        lifecycle: "running",
      });
      for (const space of spaces) collected.push({ space, ok: result.ok, message: result.message });
      setDone(spaces.length);
    } else {
      const queue = [...spaces];
      const worker = async () => {
        for (let space = queue.shift(); space; space = queue.shift()) {
          const result = await changeProfile({
            orgGuid,
            spaceGuid: space.guid,
            profileId,
            lifecycle: "running",
            enabled: false,
          });
          collected.push({ space, ok: result.ok, message: result.message });
          setDone((n) => n + 1);
        }
      };
      await Promise.all(Array.from({ length: UNBIND_CONCURRENCY }, worker));
    }
    setResults(collected.sort((a, b) => a.space.name.localeCompare(b.space.name)));
    await onDone();
    setPhase("done");
  }

  const failed = results.filter((r) => !r.ok);
  const succeeded = results.length - failed.length;

  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        disabled={selected.length === 0}
        onClick={() => open(selected)}
        className="min-h-11 rounded border-2 border-primary px-4 font-semibold text-primary hover:bg-primary-lighter disabled:opacity-50"
      >
        Change selected spaces ({selected.length})
      </button>
      <button
        type="button"
        onClick={() => open(all)}
        className="min-h-11 rounded border-2 border-primary px-4 font-semibold text-primary hover:bg-primary-lighter"
      >
        Apply to all spaces
      </button>

      <ModalOverlay
        isOpen={target !== null}
        onOpenChange={(isOpen) => !isOpen && phase !== "running" && setTarget(null)}
        isDismissable={phase !== "running"}
        isKeyboardDismissDisabled={phase === "running"}
        className="fixed inset-0 z-50 flex items-center justify-center bg-black/50 p-4"
      >
        <Modal className="max-h-[90vh] w-full max-w-xl overflow-auto rounded bg-white p-6 shadow-xl">
          <Dialog className="space-y-4 outline-none">
            <Heading slot="title" className="text-2xl font-bold">
              Change egress of {target?.length ?? 0} {target?.length === 1 ? "space" : "spaces"}
            </Heading>
            {phase === "choose" && target && (
              <>
                <div className="flex flex-wrap gap-4">
                  <label className="flex flex-col font-semibold">
                    Profile
                    <select
                      value={profileId}
                      onChange={(e) => setProfileId(e.target.value)}
                      className="min-h-11 rounded border border-base-dark bg-white px-3 font-normal"
                    >
                      {usable.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.label}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="flex flex-col font-semibold">
                    Turn it
                    <select
                      value={enabled ? "on" : "off"}
                      onChange={(e) => setEnabled(e.target.value === "on")}
                      className="min-h-11 rounded border border-base-dark bg-white px-3 font-normal"
                    >
                      <option value="on">On</option>
                      <option value="off">Off</option>
                    </select>
                  </label>
                </div>
                <p>
                  This applies to the {target.length} {target.length === 1 ? "space" : "spaces"} of {orgName}{" "}
                  that exist now, for running apps. New spaces start closed: a profile applied here does not
                  reach spaces created later.
                </p>
                {profile && (
                  <div>
                    <p className="font-semibold">The same change with the cf CLI:</p>
                    <pre className="mt-1 rounded bg-base-lightest p-2 text-sm break-all whitespace-pre-wrap">
                      <code>
                        {enabled
                          ? target.length === all.length
                            ? `cf bind-security-group ${profile.group} ${orgName}`
                            : target
                                .map(
                                  (s) =>
                                    `cf bind-security-group ${profile.group} ${orgName} --space ${s.name}`,
                                )
                                .join("\n")
                          : target
                              .map((s) => `cf unbind-security-group ${profile.group} ${orgName} ${s.name}`)
                              .join("\n")}
                      </code>
                    </pre>
                  </div>
                )}
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
                      {r.ok ? "changed" : `not changed. ${r.message}`}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <div className="flex flex-wrap gap-3 pt-2">
              {phase === "choose" && target && (
                <>
                  <Button
                    onPress={() => void run(target)}
                    className="min-h-11 rounded bg-primary px-5 font-bold text-white data-[hovered]:bg-primary-dark"
                  >
                    Confirm
                  </Button>
                  <Button
                    onPress={() => setTarget(null)}
                    className="min-h-11 rounded border-2 border-primary px-5 font-semibold text-primary data-[hovered]:bg-primary-lighter"
                  >
                    Cancel
                  </Button>
                </>
              )}
              {phase === "done" && (
                <Button
                  onPress={() => setTarget(null)}
                  className="min-h-11 rounded bg-primary px-5 font-bold text-white data-[hovered]:bg-primary-dark"
                >
                  Close
                </Button>
              )}
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </div>
  );
}
