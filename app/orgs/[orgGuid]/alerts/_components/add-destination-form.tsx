"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import type { FormState } from "@/lib/actions/define-action";

type AddState = FormState<{ secret: string | null }>;

/**
 * Adds a webhook or an email address. The server checks a webhook URL at once
 * (https and a public address in production, loopback too elsewhere) and
 * says why it refused; a webhook's signing secret is shown here once, after
 * it is added, and never again.
 */
export function AddDestinationForm({
  action,
  orgGuid,
  emailUnavailable,
}: {
  action: (previous: AddState, data: FormData) => Promise<AddState>;
  orgGuid: string;
  /** Why email cannot be chosen (SMTP_URL unset); null when it can. */
  emailUnavailable: string | null;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const [channel, setChannel] = useState<"webhook" | "email">("webhook");
  const done = state.status === "done" ? state : null;
  const errors = done && !done.ok ? (done.fieldErrors?.target ?? []) : [];
  const typed = done && !done.ok && typeof done.values.target === "string" ? done.values.target : "";

  return (
    <form action={formAction} className="max-w-3xl space-y-4">
      <input type="hidden" name="orgGuid" value={orgGuid} />
      <fieldset className="space-y-2">
        <legend className="font-semibold">Kind of destination</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="channel"
            value="webhook"
            checked={channel === "webhook"}
            onChange={() => setChannel("webhook")}
            className="size-5"
          />
          Webhook (JSON, signed; Slack-compatible <code>text</code>)
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="channel"
            value="email"
            checked={channel === "email"}
            onChange={() => setChannel("email")}
            disabled={emailUnavailable !== null}
            aria-describedby={emailUnavailable ? "email-unavailable" : undefined}
            className="size-5"
          />
          Email
        </label>
        {emailUnavailable && (
          <p id="email-unavailable" className="text-base-dark">
            {emailUnavailable}
          </p>
        )}
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="alert-target" className="block font-semibold">
          {channel === "webhook" ? "Webhook URL" : "Email address"}
        </label>
        <input
          id="alert-target"
          name="target"
          type={channel === "webhook" ? "url" : "email"}
          required
          defaultValue={typed}
          key={`${channel}-${state.status === "done" ? JSON.stringify(state.values) : ""}`}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={errors.length > 0 ? "alert-target-errors" : undefined}
          className="w-full rounded border-2 border-base-light px-3 py-2"
          autoComplete="off"
        />
        {errors.length > 0 && (
          <p id="alert-target-errors" className="font-semibold text-error-dark">
            {errors.join(" ")}
          </p>
        )}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add destination"}
      </Button>
      {done && (
        <div role={done.ok ? "status" : "alert"} className="space-y-2">
          <p className={done.ok ? "text-success-darker" : "font-semibold text-error-dark"}>{done.message}</p>
          {done.ok && done.secret && (
            <div className="space-y-1">
              <p className="font-semibold">Signing secret</p>
              <div className="flex flex-wrap items-center gap-2">
                <code
                  id="webhook-secret"
                  data-testid="webhook-secret"
                  className="rounded bg-base-lightest px-2 py-1 break-all"
                >
                  {done.secret}
                </code>
                <CopyButton text={done.secret} targetId="webhook-secret" label="Copy the secret" />
              </div>
            </div>
          )}
        </div>
      )}
    </form>
  );
}
