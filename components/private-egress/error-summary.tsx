import type { RefObject } from "react";
import type { RequestField } from "@/lib/private-egress/fields";
import { fieldId, LABELS } from "./request-field";

/** Every problem of the form at the top, each a link to its field (USWDS's error summary). */
export function ErrorSummary({
  problems,
  summaryRef,
}: {
  problems: { field: RequestField; message: string }[];
  summaryRef: RefObject<HTMLDivElement | null>;
}) {
  return (
    <div
      ref={summaryRef}
      tabIndex={-1}
      role="alert"
      aria-labelledby="pe-error-summary-heading"
      className="border-l-8 border-error bg-error-lighter px-4 py-3 focus:outline-none"
    >
      <h3 id="pe-error-summary-heading" className="text-lg">
        {problems.length === 1 ? "There is a problem" : `There are ${problems.length} problems`} with the
        request
      </h3>
      <p>Nothing was sent. Fix what is listed here; everything you typed is still in the form.</p>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {problems.map((p, i) => (
          <li key={`${p.field}-${i}`}>
            <a
              href={`#${fieldId(p.field)}`}
              className="font-semibold text-error-dark hover:text-error-darker"
            >
              {LABELS[p.field]}: {p.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
