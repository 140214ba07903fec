"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useState, useTransition, type ReactNode } from "react";
import { changeGroup, changeProfile, type ActionResult } from "@/app/orgs/[orgGuid]/actions";
import { ChangeDialog } from "./change-dialog";
import { ProfileSwitch, type SwitchBlock } from "./profile-switch";

/**
 * The space page's changes: every control asks this provider, which shows
 * the confirmation dialog, runs the server action, and refreshes the page
 * from CF. A control shows "saving" until the refreshed page arrives, so it
 * never shows a state CF has not confirmed.
 */

type Lifecycle = "running" | "staging";
export type Change =
  | { kind: "profile"; profileId: string; label: string; lifecycle: Lifecycle; enabled: boolean }
  | { kind: "group"; groupGuid: string; groupName: string; lifecycle: Lifecycle; action: "bind" | "unbind" };

type Ctx = { ask: (change: Change) => void; pendingKey: string | undefined };
const ChangesContext = createContext<Ctx | null>(null);

const keyOf = (change: Change) =>
  change.kind === "profile"
    ? `profile:${change.profileId}:${change.lifecycle}`
    : `group:${change.groupGuid}:${change.lifecycle}`;

function titleOf(change: Change, spaceName: string): string {
  if (change.kind === "profile") {
    return `Turn ${change.enabled ? "on" : "off"} ${change.label} for ${spaceName}${change.lifecycle === "staging" ? " (staging)" : ""}?`;
  }
  return change.action === "bind"
    ? `Bind ${change.groupName} to ${spaceName} for ${change.lifecycle}?`
    : `Unbind ${change.groupName} from ${spaceName} for ${change.lifecycle}?`;
}

export function SpaceChanges({
  orgGuid,
  spaceGuid,
  spaceName,
  children,
}: {
  orgGuid: string;
  spaceGuid: string;
  spaceName: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const [asking, setAsking] = useState<Change>();
  const [pendingKey, setPendingKey] = useState<string>();
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const [, startTransition] = useTransition();

  function confirm() {
    const change = asking;
    if (!change) return;
    setAsking(undefined);
    setPendingKey(keyOf(change));
    startTransition(async () => {
      let result: ActionResult;
      try {
        result =
          change.kind === "profile"
            ? await changeProfile({
                orgGuid,
                spaceGuid,
                profileId: change.profileId,
                lifecycle: change.lifecycle,
                enabled: change.enabled,
              })
            : await changeGroup({
                orgGuid,
                spaceGuid,
                groupGuid: change.groupGuid,
                lifecycle: change.lifecycle,
                action: change.action,
              });
      } catch {
        result = { ok: false, message: "The dashboard could not reach its server. Nothing was changed." };
      }
      setNotice({ ok: result.ok, text: result.message });
      router.refresh();
      setPendingKey(undefined);
    });
  }

  const previewUrl = asking
    ? `/api/orgs/${orgGuid}/spaces/${spaceGuid}/preview?${new URLSearchParams({
        lifecycle: asking.lifecycle,
        ...(asking.kind === "profile"
          ? { action: asking.enabled ? "bind" : "unbind", profile: asking.profileId }
          : { action: asking.action, group: asking.groupGuid }),
      }).toString()}`
    : undefined;

  return (
    <ChangesContext.Provider value={{ ask: setAsking, pendingKey }}>
      <div aria-live="polite" className="min-h-6">
        {notice && (
          <p
            role={notice.ok ? "status" : "alert"}
            className={`font-semibold ${notice.ok ? "text-success-darker" : "text-error-dark"}`}
          >
            {notice.text}
          </p>
        )}
      </div>
      {children}
      <ChangeDialog
        isOpen={!!asking}
        title={asking ? titleOf(asking, spaceName) : ""}
        previewUrl={previewUrl}
        onCancel={() => setAsking(undefined)}
        onConfirm={confirm}
      />
    </ChangesContext.Provider>
  );
}

function useChanges(): Ctx {
  const ctx = useContext(ChangesContext);
  if (!ctx) throw new Error("space change controls must be inside <SpaceChanges>");
  return ctx;
}

/** A profile switch of the space page, named e.g. "Public egress" or "Public egress (staging)". */
export function SpaceProfileSwitch({
  profileId,
  label,
  lifecycle,
  checked,
  block,
}: {
  profileId: string;
  label: string;
  lifecycle: Lifecycle;
  checked: boolean;
  block?: SwitchBlock;
}) {
  const { ask, pendingKey } = useChanges();
  const change = { kind: "profile" as const, profileId, label, lifecycle };
  return (
    <ProfileSwitch
      label={lifecycle === "staging" ? `${label} (staging)` : label}
      checked={checked}
      block={block}
      pending={pendingKey === keyOf({ ...change, enabled: !checked })}
      onChange={(enabled) => ask({ ...change, enabled })}
    />
  );
}

/** A button that proposes a change: a fix for a blocked destination, an unbind, a bind. */
export function ChangeButton({ change, children }: { change: Change; children: ReactNode }) {
  const { ask, pendingKey } = useChanges();
  const pending = pendingKey === keyOf(change);
  return (
    <button
      type="button"
      onClick={() => ask(change)}
      disabled={pending}
      className="min-h-11 rounded border-2 border-primary px-3 text-sm font-semibold text-primary hover:bg-primary-lighter disabled:opacity-60"
    >
      {pending ? "Saving…" : children}
    </button>
  );
}

/** Under "Advanced": bind any group the user can see, for running or staging. */
export function BindGroupForm({ groups }: { groups: { guid: string; name: string }[] }) {
  const { ask } = useChanges();
  const [groupGuid, setGroupGuid] = useState(groups[0]?.guid ?? "");
  const [lifecycle, setLifecycle] = useState<Lifecycle>("running");
  const group = groups.find((g) => g.guid === groupGuid);
  if (groups.length === 0) return <p>There is no security group you can see to bind.</p>;
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (group)
          ask({ kind: "group", groupGuid: group.guid, groupName: group.name, lifecycle, action: "bind" });
      }}
    >
      <label className="flex flex-col font-semibold">
        Security group
        <select
          value={groupGuid}
          onChange={(e) => setGroupGuid(e.target.value)}
          className="min-h-11 rounded border border-base-dark bg-white px-3 font-normal"
        >
          {groups.map((g) => (
            <option key={g.guid} value={g.guid}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col font-semibold">
        Lifecycle
        <select
          value={lifecycle}
          onChange={(e) => setLifecycle(e.target.value === "staging" ? "staging" : "running")}
          className="min-h-11 rounded border border-base-dark bg-white px-3 font-normal"
        >
          <option value="running">Running</option>
          <option value="staging">Staging</option>
        </select>
      </label>
      <button
        type="submit"
        className="min-h-11 rounded border-2 border-primary px-4 font-semibold text-primary hover:bg-primary-lighter"
      >
        Bind…
      </button>
    </form>
  );
}
