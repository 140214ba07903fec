"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/actions/define-action";
import type { PlatformNetwork } from "@/lib/private-egress/addresses";
import { ENDPOINT_TYPES } from "@/lib/private-egress/endpoints";
import { REQUEST_FIELDS, type RequestField } from "@/lib/private-egress/fields";
import type { PreparedRequest } from "@/lib/private-egress/support-request";
import { ErrorSummary } from "./error-summary";
import { Field, fieldId } from "./request-field";
import { SupportRequestPanel } from "./support-request-panel";

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

export type OrgOption = { guid: string; name: string; suspended: boolean; manageable: boolean };

function valueOf(values: Record<string, string | string[]>, field: RequestField): string {
  const value = values[field];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

const INPUT =
  "mt-1 block min-h-11 w-full rounded border-2 border-base-dark bg-white px-3 py-2 disabled:cursor-not-allowed disabled:bg-base-lightest aria-invalid:border-error-dark";

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

  const values = state.status === "done" ? state.values : {};
  const failed = state.status === "done" && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const problems = REQUEST_FIELDS.flatMap((field) =>
    (errors[field] ?? []).map((message) => ({ field, message })),
  );
  const manageable = orgs.filter((o) => o.manageable);
  // One org to choose from is chosen already.
  const only = manageable.length === 1 ? manageable[0] : orgs.length === 1 ? orgs[0] : undefined;
  const chosenOrg = valueOf(values, "orgGuid") || (only?.guid ?? "");
  const fieldProps = (field: RequestField, hint: boolean) => {
    const invalid = (errors[field]?.length ?? 0) > 0;
    const described = [hint ? `${fieldId(field)}-hint` : "", invalid ? `${fieldId(field)}-error` : ""].filter(
      Boolean,
    );
    return {
      id: fieldId(field),
      name: field,
      "aria-invalid": invalid || undefined,
      "aria-describedby": described.length > 0 ? described.join(" ") : undefined,
    };
  };

  return (
    <div className="space-y-6">
      {state.status === "done" && state.ok && (
        <SupportRequestPanel prepared={state} supportEmail={supportEmail} headingRef={resultRef} />
      )}

      {failed && problems.length === 0 && (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          className="border-l-8 border-error bg-error-lighter px-4 py-3 focus:outline-none"
        >
          <p className="font-bold">The request could not be prepared</p>
          <p>{failed.message}</p>
        </div>
      )}

      {problems.length > 0 && <ErrorSummary problems={problems} summaryRef={summaryRef} />}

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

          <Field
            field="orgGuid"
            errors={errors.orgGuid}
            hint="The org whose apps will run on the dedicated hosts."
          >
            <select {...fieldProps("orgGuid", true)} defaultValue={chosenOrg} className={`${INPUT} max-w-md`}>
              <option value="">Choose an org</option>
              {orgs.map((org) => (
                <option key={org.guid} value={org.guid} disabled={readOnlyReason === null && !org.manageable}>
                  {org.name}
                  {org.suspended ? " (suspended)" : ""}
                  {readOnlyReason === null && !org.manageable ? " (you are not its OrgManager)" : ""}
                </option>
              ))}
            </select>
          </Field>

          <Field
            field="endpointIp"
            errors={errors.endpointIp}
            hint="The internet-routable IPv4 address of your VPN endpoint; behind NAT, the public address it is translated to."
          >
            <input
              {...fieldProps("endpointIp", true)}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              defaultValue={valueOf(values, "endpointIp")}
              className={`${INPUT} max-w-md font-mono`}
            />
          </Field>

          <Field
            field="privateCidrs"
            errors={errors.privateCidrs}
            hint={
              <>
                One CIDR per line, such as 10.20.0.0/16: the networks behind your endpoint that your apps will
                reach. Private addresses only (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10),
                not overlapping each other
                {platformNetworks.length > 0 ? (
                  <>
                    {" "}
                    or the platform&rsquo;s own networks (
                    {platformNetworks.map((n, i) => (
                      <span key={n.range}>
                        {i > 0 ? ", " : ""}
                        {n.label} <span className="font-mono">{n.range}</span>
                      </span>
                    ))}
                    ).
                  </>
                ) : (
                  "."
                )}
              </>
            }
          >
            <textarea
              {...fieldProps("privateCidrs", true)}
              rows={4}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              defaultValue={valueOf(values, "privateCidrs")}
              className={`${INPUT} max-w-md font-mono`}
            />
          </Field>

          <Field
            field="endpointType"
            errors={errors.endpointType}
            hint="The compatible devices listed above, an open-source endpoint, or another one."
          >
            <select
              {...fieldProps("endpointType", true)}
              defaultValue={valueOf(values, "endpointType")}
              className={`${INPUT} max-w-2xl`}
            >
              <option value="">Choose a type</option>
              {ENDPOINT_TYPES.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </Field>

          <Field
            field="endpointOther"
            errors={errors.endpointOther}
            hint="Only when you chose Other: the product and its version, such as Libreswan 4.12."
          >
            <input
              {...fieldProps("endpointOther", true)}
              type="text"
              autoComplete="off"
              maxLength={250}
              defaultValue={valueOf(values, "endpointOther")}
              className={`${INPUT} max-w-md`}
            />
          </Field>

          <Field
            field="appCount"
            errors={errors.appCount}
            hint="How many apps will use the connection, roughly: it sizes the dedicated pool of hosts."
          >
            <input
              {...fieldProps("appCount", true)}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              defaultValue={valueOf(values, "appCount")}
              className={`${INPUT} max-w-40`}
            />
          </Field>

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
