"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import type { Action } from "@/lib/actions/result";
import type { ChangeGroupInput, ChangeProfileInput } from "@/lib/changes/inputs";
import type { Lifecycle } from "@/lib/egress";
import { ChangeDialog, preloadChangeDialog } from "../change-flow/change-dialog";
import { useChangeFlow, type ChangeFlow } from "../change-flow/use-change-flow";
import { ProfileSwitch, type SwitchBlock } from "../profile-switch";

/**
 * The space page's changes: every control asks this provider, which runs the
 * one change flow (dialog with preview, action, refresh from CF, notice).
 * The server actions arrive as props from the page.
 */

export type Change =
  | { kind: "profile"; profileId: string; label: string; lifecycle: Lifecycle; enabled: boolean }
  | { kind: "group"; groupGuid: string; groupName: string; lifecycle: Lifecycle; action: "bind" | "unbind" };

export type SpaceActions = {
  changeProfile: Action<ChangeProfileInput>;
  changeGroup: Action<ChangeGroupInput>;
};

const ChangesContext = createContext<ChangeFlow<Change> | null>(null);

const keyOf = (change: Change) =>
  change.kind === "profile"
    ? `profile:${change.profileId}:${change.lifecycle}`
    : `group:${change.groupGuid}:${change.lifecycle}`;

function titleOf(change: Change, spaceName: string): string {
  if (change.kind === "profile") {
    const staging = change.lifecycle === "staging" ? " (staging)" : "";
    return `Turn ${change.enabled ? "on" : "off"} ${change.label} for ${spaceName}${staging}?`;
  }
  return change.action === "bind"
    ? `Bind ${change.groupName} to ${spaceName} for ${change.lifecycle}?`
    : `Unbind ${change.groupName} from ${spaceName} for ${change.lifecycle}?`;
}

function previewQuery(change: Change): string {
  return new URLSearchParams({
    lifecycle: change.lifecycle,
    ...(change.kind === "profile"
      ? { action: change.enabled ? "bind" : "unbind", profile: change.profileId }
      : { action: change.action, group: change.groupGuid }),
  }).toString();
}

export function SpaceChanges({
  orgGuid,
  spaceGuid,
  spaceName,
  actions,
  children,
}: {
  orgGuid: string;
  spaceGuid: string;
  spaceName: string;
  actions: SpaceActions;
  children: ReactNode;
}) {
  const flow = useChangeFlow<Change>({
    keyOf,
    run: (change) =>
      change.kind === "profile"
        ? actions.changeProfile({
            orgGuid,
            spaceGuid,
            profileId: change.profileId,
            lifecycle: change.lifecycle,
            enabled: change.enabled,
          })
        : actions.changeGroup({
            orgGuid,
            spaceGuid,
            groupGuid: change.groupGuid,
            lifecycle: change.lifecycle,
            action: change.action,
          }),
  });
  const asking = flow.asking;

  return (
    <ChangesContext.Provider value={flow}>
      <Notice notice={flow.notice} />
      {/* The first pointer or focus here fetches the change dialog, so a switch's click finds it ready. */}
      <div onPointerEnter={preloadChangeDialog} onFocusCapture={preloadChangeDialog}>
        {children}
      </div>
      <ChangeDialog
        isOpen={!!asking}
        title={asking ? titleOf(asking, spaceName) : ""}
        previewUrl={
          asking ? `/api/orgs/${orgGuid}/spaces/${spaceGuid}/preview?${previewQuery(asking)}` : undefined
        }
        onCancel={flow.cancel}
        onConfirm={flow.confirm}
      />
    </ChangesContext.Provider>
  );
}

function useChanges(): ChangeFlow<Change> {
  const flow = useContext(ChangesContext);
  if (!flow) throw new Error("space change controls must be inside <SpaceChanges>");
  return flow;
}

/** A profile switch of the space page, named e.g. "Public egress" or "Public egress (staging)". */
export function SpaceProfileSwitch({
  profileId,
  label,
  lifecycle,
  checked,
  block,
  reasonId,
}: {
  profileId: string;
  label: string;
  lifecycle: Lifecycle;
  checked: boolean;
  block?: SwitchBlock;
  /** The id of the reason shown beside the switch (ProfileSwitch's reasonId). */
  reasonId?: string;
}) {
  const { ask, isPending } = useChanges();
  const change = { kind: "profile" as const, profileId, label, lifecycle };
  return (
    <ProfileSwitch
      label={lifecycle === "staging" ? `${label} (staging)` : label}
      checked={checked}
      block={block}
      reasonId={reasonId}
      pending={isPending(keyOf({ ...change, enabled: !checked }))}
      onChange={(enabled) => ask({ ...change, enabled })}
    />
  );
}

/** A button that proposes a change: a fix for a blocked destination, an unbind, a bind. */
export function ChangeButton({ change, children }: { change: Change; children: ReactNode }) {
  const { ask, isPending } = useChanges();
  const pending = isPending(keyOf(change));
  return (
    <Button
      variant="secondary"
      size="compact"
      className="text-sm"
      onClick={() => ask(change)}
      disabled={pending}
    >
      {pending ? "Saving…" : children}
    </Button>
  );
}

/** Under "Advanced": bind any group the user can see, for running or staging. */
export function BindGroupForm({ groups }: { groups: { guid: string; name: string }[] }) {
  const { ask, isPending } = useChanges();
  const [groupGuid, setGroupGuid] = useState(groups[0]?.guid ?? "");
  const [lifecycle, setLifecycle] = useState<Lifecycle>("running");
  const group = groups.find((g) => g.guid === groupGuid);
  if (groups.length === 0) return <p>There is no security group you can see to bind.</p>;
  const pending = group ? isPending(`group:${group.guid}:${lifecycle}`) : false;
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (group)
          ask({ kind: "group", groupGuid: group.guid, groupName: group.name, lifecycle, action: "bind" });
      }}
    >
      <Select
        label="Security group"
        value={groupGuid}
        onChange={(e) => setGroupGuid(e.target.value)}
        options={groups.map((g) => ({ value: g.guid, label: g.name }))}
      />
      <Select
        label="Lifecycle"
        value={lifecycle}
        onChange={(e) => setLifecycle(e.target.value === "staging" ? "staging" : "running")}
        options={[
          { value: "running", label: "Running" },
          { value: "staging", label: "Staging" },
        ]}
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Bind…"}
      </Button>
    </form>
  );
}
