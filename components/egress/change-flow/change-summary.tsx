"use client";

import { Fragment, useId } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { StatusChange } from "@/lib/egress/status-change";
import { DestinationStatusBadge } from "../destination-status";

/**
 * What every change preview shows: the destinations whose status changes
 * (before → after) and the same change as cf CLI commands. Used by the change
 * dialog, bulk apply, segment moves and Bring into policy.
 */

export function StatusChanges({
  title,
  items,
  heading: Heading = "h3",
}: {
  title: string;
  items: readonly StatusChange[];
  /** The title's heading level, under the heading of what contains it. */
  heading?: "h3" | "h4";
}) {
  if (items.length === 0) return null;
  return (
    <div>
      <Heading className="font-bold">{title}</Heading>
      <ul className="mt-1 space-y-1">
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center gap-2">
            <span className="font-semibold">{item.label}:</span>
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

/**
 * The cf commands, one per line, and a button that copies them all. A long
 * command wraps at spaces only, never inside a token: each token is a span
 * that does not wrap, since browsers also break after a hyphen ("-⏎-space",
 * "agency-⏎alpha" cannot be retyped). Its continuation is indented so each
 * command still reads as one; a token wider than the box scrolls inside it.
 */
export function CliCommands({ commands }: { commands: string }) {
  const id = useId();
  const lines = commands.split("\n").filter((line) => line !== "");
  if (lines.length === 0) return null;
  const one = lines.length === 1;
  return (
    <div className="space-y-1">
      <p className="font-semibold">The same change with the cf CLI:</p>
      <pre className="overflow-x-auto rounded bg-base-lightest p-2 text-sm whitespace-pre-wrap">
        <code id={id}>
          {lines.map((line, i) => (
            <span key={i} className="block pl-6 -indent-6">
              {line.split(" ").map((token, j) => (
                <Fragment key={j}>
                  {j > 0 && " "}
                  <span className="whitespace-nowrap">{token}</span>
                </Fragment>
              ))}
            </span>
          ))}
        </code>
      </pre>
      <CopyButton
        text={lines.join("\n")}
        targetId={id}
        label={one ? "Copy the command" : "Copy the commands"}
      />
    </div>
  );
}
