"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import type { Action } from "@/lib/actions/result";
import type { AssignSegmentInput } from "@/lib/changes/inputs";
import { cfSegmentCommand } from "@/lib/cf/commands";
import { ChangeDialog } from "../change-flow/change-dialog";
import { CliCommands } from "../change-flow/change-summary";
import { useChangeFlow } from "../change-flow/use-change-flow";

type Ref = { guid: string; name: string };
type Move = { to: Ref | null };

export type AssignSegment = Action<AssignSegmentInput>;

/**
 * Moves the space onto one of the org's isolation segments, or back to the
 * org's default, through the one change flow: a dialog with what it means
 * and the cf command, the action, a refresh from CF, a notice. For a user
 * who may not, the same control is shown disabled, with why.
 */
export function SegmentMove({
  orgGuid,
  orgName,
  space,
  current,
  orgDefault,
  entitled,
  disabledReason,
  assignSegment,
}: {
  orgGuid: string;
  orgName: string;
  space: Ref;
  current: Ref | null;
  orgDefault: Ref | null;
  entitled: Ref[];
  disabledReason?: string;
  assignSegment: AssignSegment;
}) {
  const [choice, setChoice] = useState(current?.guid ?? "");
  const flow = useChangeFlow<Move>({
    keyOf: () => "segment",
    run: ({ to }) => assignSegment({ orgGuid, spaceGuid: space.guid, segmentGuid: to?.guid ?? null }),
  });
  const pending = flow.isPending("segment");
  const defaultLabel = `The org's default (${orgDefault ? orgDefault.name : "shared hosts"})`;
  const target = choice === "" ? null : (entitled.find((s) => s.guid === choice) ?? null);
  const unchanged = (target?.guid ?? null) === (current?.guid ?? null);
  const reasonId = `segment-why-${space.guid}`;
  const asking = flow.asking;

  return (
    <div className="space-y-3">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!unchanged) flow.ask({ to: target });
        }}
      >
        <Select
          label="Run this space's apps on"
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          disabled={!!disabledReason || pending}
          aria-describedby={disabledReason ? reasonId : undefined}
          options={[
            { value: "", label: defaultLabel },
            ...entitled.map((s) => ({ value: s.guid, label: s.name })),
          ]}
        />
        <Button type="submit" variant="secondary" disabled={!!disabledReason || pending || unchanged}>
          {pending ? "Moving…" : "Move…"}
        </Button>
      </form>
      {disabledReason && (
        <p id={reasonId} className="text-base-dark">
          {disabledReason}
        </p>
      )}
      <Notice notice={flow.notice} />
      <ChangeDialog
        isOpen={!!asking}
        title={asking ? `Move ${space.name} to ${asking.to ? asking.to.name : "the org's default"}?` : ""}
        onCancel={flow.cancel}
        onConfirm={flow.confirm}
      >
        {asking && (
          <div className="space-y-3">
            <p>
              {asking.to
                ? `Apps in ${space.name} will run on the isolation segment ${asking.to.name}: dedicated hosts in their own network segment.`
                : `Apps in ${space.name} will run where the org's apps run by default: ${orgDefault ? `the isolation segment ${orgDefault.name}` : "the platform's shared hosts"}.`}{" "}
              Security groups do not change.
            </p>
            <p className="font-semibold">
              Running apps move only when they are restarted (cf restart APP_NAME); new pushes land there at
              once.
            </p>
            <CliCommands
              commands={cfSegmentCommand({
                org: orgName,
                space: space.name,
                segment: asking.to?.name ?? null,
              })}
            />
          </div>
        )}
      </ChangeDialog>
    </div>
  );
}
