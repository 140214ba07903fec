"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/actions/define-action";
import type { PlatformNetwork } from "@/lib/private-egress/addresses";
import type { PreparedRequest } from "@/lib/private-egress/support-request";
import { RequestInputs, type OrgOption } from "./request-inputs";
import { RequestOutcome } from "./request-outcome";

/**
 * The private-egress request form. A plain `<form action>` with
 * useActionState, so it works without JavaScript: the server answers with the
 * field errors and what the user typed, which the fields show again. With
 * JavaScript, the submission goes through onSubmit instead: React resets a
 * form after its action, and a select whose default changed came back empty,
 * so the fields simply keep what the user typed; focus then moves to the
 * error summary or to the prepared request.
 */

export type RequestFormState = FormState<PreparedRequest>;

export type { OrgOption };

export function RequestForm({
  action,
  orgs,
  readOnlyReason,
  platformNetworks,
  supportEmail,
}: {
  action: (previous: RequestFormState, data: FormData) => Promise<RequestFormState>;
  orgs: OrgOption[];
  /** Set when the user may not send a request: the form is shown disabled, with this reason. */
  readOnlyReason: string | null;
  platformNetworks: PlatformNetwork[];
  supportEmail: string;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const summaryRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }

  useEffect(() => {
    if (state.status !== "done") return;
    (state.ok ? resultRef.current : summaryRef.current)?.focus();
  }, [state]);

  const done = state.status === "done" ? state : null;

  return (
    <div className="space-y-6">
      <RequestOutcome
        state={state}
        supportEmail={supportEmail}
        resultRef={resultRef}
        summaryRef={summaryRef}
      />

      {readOnlyReason && (
        <div id="pe-read-only" className="flex gap-3 border-l-8 border-info bg-info-lighter px-4 py-3">
          <div>
            <p className="font-bold">You can read this form, but not send it</p>
            <p>{readOnlyReason}</p>
          </div>
        </div>
      )}

      <form
        action={formAction}
        onSubmit={submit}
        noValidate
        aria-labelledby="request-heading"
        className="max-w-3xl"
      >
        <fieldset
          disabled={readOnlyReason !== null}
          aria-describedby={readOnlyReason ? "pe-read-only" : undefined}
          className="space-y-6"
        >
          <legend className="sr-only">Private egress request</legend>
          <RequestInputs
            values={done?.values ?? {}}
            errors={(done && !done.ok && done.fieldErrors) || {}}
            orgs={orgs}
            readOnly={readOnlyReason !== null}
            platformNetworks={platformNetworks}
          />
          <div className="flex flex-wrap items-center gap-4">
            <Button type="submit" disabled={pending}>
              {pending ? "Preparing the request…" : "Prepare the support request"}
            </Button>
            <p className="text-sm text-base-darker">
              Nothing is sent yet: you review the request, then send it to {supportEmail} yourself.
            </p>
          </div>
        </fieldset>
      </form>
    </div>
  );
}
