import type { RefObject } from "react";
import type { FormState } from "@/lib/actions/define-action";
import { REQUEST_FIELDS } from "@/lib/private-egress/fields";
import type { PreparedRequest } from "@/lib/private-egress/support-request";
import { ErrorSummary } from "./error-summary";
import { SupportRequestPanel } from "./support-request-panel";

/**
 * What the last submission came back with, above the form: the prepared
 * support request, or why there is none (the fields in error, each a link to
 * its field, or the refusal in words). The form moves focus to it.
 */
export function RequestOutcome({
  state,
  supportEmail,
  resultRef,
  summaryRef,
}: {
  state: FormState<PreparedRequest>;
  supportEmail: string;
  resultRef: RefObject<HTMLElement | null>;
  summaryRef: RefObject<HTMLDivElement | null>;
}) {
  if (state.status !== "done") return null;
  if (state.ok)
    return <SupportRequestPanel prepared={state} supportEmail={supportEmail} headingRef={resultRef} />;
  const errors = state.fieldErrors ?? {};
  const problems = REQUEST_FIELDS.flatMap((field) =>
    (errors[field] ?? []).map((message) => ({ field, message })),
  );
  if (problems.length > 0) return <ErrorSummary problems={problems} summaryRef={summaryRef} />;
  return (
    <div
      ref={summaryRef}
      tabIndex={-1}
      role="alert"
      className="border-l-8 border-error bg-error-lighter px-4 py-3 focus:outline-none"
    >
      <p className="font-bold">The request could not be prepared</p>
      <p>{state.message}</p>
    </div>
  );
}
