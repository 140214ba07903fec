"use client";

import { useState, type FormEvent } from "react";
import { ChangeButton } from "@/components/egress/space/space-changes";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { MESSAGES } from "@/lib/failures/messages";
import type { ReachView } from "@/lib/view-models/reach";

export type ReachQuery = { host?: string; port?: string; protocol?: string };

const FIELD = "mt-1 min-h-11 rounded border border-base-dark px-3 font-normal";

/**
 * "Can my app reach …?": a GET form, so it works without JavaScript (the
 * page answers the question in its URL). With JavaScript it asks the reach
 * route and answers in place, and the address bar takes the question
 * (history.replaceState), so the answer keeps a URL to share.
 */
export function ReachForm({
  orgGuid,
  spaceGuid,
  query,
  answer,
}: {
  orgGuid: string;
  spaceGuid: string;
  /** The question in the page's URL, and the server's answer to it. */
  query: ReachQuery;
  answer: ReachView | undefined;
}) {
  const [shown, setShown] = useState<ReachView | undefined>(answer);
  const [fromServer, setFromServer] = useState(answer);
  const [asking, setAsking] = useState(false);
  // The page re-rendered (a change refreshed it): its answer to the URL's question is the newer one.
  if (answer !== fromServer) {
    setFromServer(answer);
    setShown(answer);
  }
  const page = `/orgs/${orgGuid}/spaces/${spaceGuid}`;

  async function ask(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const params = new URLSearchParams();
    for (const key of ["host", "port", "protocol"]) {
      const value = data.get(key);
      params.set(key, typeof value === "string" ? value.trim() : "");
    }
    setAsking(true);
    try {
      // zod comes with the first question, not with the page (docs/design.md §8, first-load JS).
      const { fetchReach } = await import("./fetch-reach");
      const result = await fetchReach(`/api${page}/reach?${params}`);
      setShown(result.ok ? result.value.reach : { ok: false, message: result.failure.message });
      if (result.ok) window.history.replaceState(null, "", `${page}?${params}#reach-heading`);
    } catch {
      // Only the check's own code can fail to load (fetchReach never throws): the server is out of reach.
      setShown({ ok: false, message: MESSAGES.serverUnreachable });
    } finally {
      setAsking(false);
    }
  }

  return (
    <>
      <form
        method="get"
        action={`${page}#reach-heading`}
        onSubmit={(e) => void ask(e)}
        className="flex flex-wrap items-end gap-3"
      >
        <label className="flex max-w-full flex-col font-semibold">
          Address or host name
          <input
            name="host"
            defaultValue={query.host ?? ""}
            required
            className={`${FIELD} w-72 max-w-full`}
          />
        </label>
        <label className="flex flex-col font-semibold">
          Port
          <input
            name="port"
            inputMode="numeric"
            defaultValue={query.port ?? ""}
            className={`${FIELD} w-28`}
          />
        </label>
        <Select
          label="Protocol"
          name="protocol"
          defaultValue={query.protocol || "tcp"}
          options={[
            { value: "tcp", label: "TCP" },
            { value: "udp", label: "UDP" },
            { value: "icmp", label: "ICMP (ping)" },
          ]}
        />
        <Button type="submit" disabled={asking}>
          {asking ? "Checking…" : "Check"}
        </Button>
      </form>
      <div aria-live="polite">
        {shown && !shown.ok && (
          <p role="alert" className="text-error-dark">
            {shown.message}
          </p>
        )}
        {shown?.ok && (
          <div role="status" className="space-y-2">
            {shown.note && <p className="text-sm text-base-dark">{shown.note}</p>}
            <ul className="space-y-2">
              {shown.lines.map((line) => (
                <li key={line.address} className="space-y-1">
                  <p className="wrap-anywhere">
                    <strong>{line.verdict}</strong> {line.text}
                  </p>
                  {line.action && (
                    <ChangeButton
                      change={{
                        kind: "profile",
                        profileId: line.action.profileId,
                        label: line.action.label,
                        lifecycle: "running",
                        enabled: true,
                      }}
                    >
                      Turn on {line.action.label}
                    </ChangeButton>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </>
  );
}
