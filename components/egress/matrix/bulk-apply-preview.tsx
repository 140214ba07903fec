"use client";

import { useEffect, useState } from "react";
import { bulkPreviewAnswerSchema, type BulkPreview } from "@/lib/changes/change-preview";
import { fetchJson } from "@/lib/http/fetch-json";
import { CliCommands } from "../change-flow/change-summary";
import { policyLine } from "../change-flow/policy-note";

/**
 * The bulk change's preview, before Confirm, as every other change has one:
 * per space what opens and closes and what the org's policy says, or that it
 * is already so. One request for all the spaces (POST
 * /api/orgs/:orgGuid/bulk-preview), made on the server from fresh CF data with
 * the user's token, again whenever the choice changes.
 */

export type PreviewState = { key: string; data?: BulkPreview; error?: string };

const UNAVAILABLE = "Without its preview, the change cannot be confirmed.";

/** The preview of the current choice: undefined while it loads. */
export function useBulkPreview(
  orgGuid: string,
  choice: { profileId: string; enabled: boolean; spaceGuids: string[] },
): PreviewState | undefined {
  const key = JSON.stringify(choice);
  const [state, setState] = useState<PreviewState>();
  useEffect(() => {
    const controller = new AbortController();
    const { profileId, enabled, spaceGuids } = JSON.parse(key) as typeof choice;
    const body = { profile: profileId, enabled, spaces: spaceGuids };
    void fetchJson(`/api/orgs/${orgGuid}/bulk-preview`, bulkPreviewAnswerSchema, {
      method: "POST",
      body: JSON.stringify(body),
      signal: controller.signal,
    }).then((result) => {
      if (controller.signal.aborted) return;
      setState(
        result.ok
          ? { key, data: result.value.preview }
          : { key, error: `${result.failure.message} ${UNAVAILABLE}` },
      );
    });
    return () => controller.abort();
  }, [orgGuid, key]);
  return state?.key === key ? state : undefined;
}

/**
 * A long list scrolls inside the dialog, and can then be scrolled by keyboard (it takes focus); a short
 * one does not, so a phone scrolls the dialog alone, never a box inside a box.
 */
const LONG = 12;
export const scrolls = (n: number) => (n > LONG ? "max-h-80 overflow-auto" : "");
export const scrollProps = (n: number) => (n > LONG ? { tabIndex: 0 } : {});

const spacesWord = (n: number) => `${n} ${n === 1 ? "space" : "spaces"}`;

const labels = (items: readonly { label: string }[]) => items.map((i) => i.label).join(", ");

export function BulkPreviewView({
  state,
  enabled,
  profileLabel,
}: {
  state: PreviewState | undefined;
  enabled: boolean;
  profileLabel: string;
}) {
  if (!state) return <p role="status">Working out what this changes, space by space…</p>;
  if (state.error || !state.data)
    return (
      <p role="alert" className="text-error-dark">
        {state.error}
      </p>
    );
  const { spaces, commands, takesEffect } = state.data;
  const already = spaces.filter((s) => s.already).length;
  const changing = spaces.length - already;
  const warned = spaces.filter(
    (s) => !s.already && (s.policy.verdict === "violates" || s.policy.verdict === "still-violates"),
  ).length;
  const so = enabled ? "on" : "off";
  return (
    <div className="space-y-3">
      <p className="font-semibold">
        {changing === 0
          ? `${profileLabel} is already ${so} for every one of these spaces: confirming changes nothing.`
          : `${spacesWord(changing)} would change; ${already} already ${already === 1 ? "has" : "have"} it ${so}.`}
      </p>
      {warned > 0 && (
        <p className="border-l-8 border-warning bg-warning-lighter px-4 py-2 font-semibold">
          {warned === 1 ? "1 space" : `${warned} spaces`} would violate the org&apos;s egress policy after
          this change (below). You can still confirm it.
        </p>
      )}
      <ul
        aria-label="Preview per space"
        className={`space-y-2 ${scrolls(spaces.length)}`}
        {...scrollProps(spaces.length)}
      >
        {spaces.map((space) => {
          const policy = space.already ? null : policyLine(space.policy);
          const warns = space.policy.verdict === "violates" || space.policy.verdict === "still-violates";
          return (
            <li key={space.guid}>
              <span className="font-semibold">{space.name}:</span>{" "}
              {space.already ? (
                `already ${so}`
              ) : (
                <>
                  {space.opens.length > 0 && `opens ${labels(space.opens)}`}
                  {space.opens.length > 0 && space.closes.length > 0 && "; "}
                  {space.closes.length > 0 && `closes ${labels(space.closes)}`}
                  {space.opens.length === 0 &&
                    space.closes.length === 0 &&
                    "no destination of the catalog changes"}
                </>
              )}
              {policy && (
                <span
                  className={`block text-sm ${warns ? "font-semibold text-error-dark" : "text-base-dark"}`}
                >
                  {policy.charAt(0).toUpperCase() + policy.slice(1)}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <CliCommands commands={commands} />
      {changing > 0 && <p>{takesEffect}</p>}
    </div>
  );
}
