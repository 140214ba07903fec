import type { ReactNode } from "react";
import type { RequestField } from "@/lib/private-egress/fields";

/** The request form's field labels, ids and one field: label, hint, errors next to it, the control. */

export const LABELS: Record<RequestField, string> = {
  orgGuid: "Org",
  endpointIp: "Public IP address of your IPsec endpoint",
  privateCidrs: "Private network CIDRs",
  endpointType: "Type of IPsec endpoint",
  endpointOther: "Name of your endpoint, if you chose Other",
  appCount: "Approximate number of apps",
};

export const fieldId = (field: RequestField) => `pe-${field}`;

export function Field({
  field,
  errors,
  hint,
  children,
}: {
  field: RequestField;
  errors: string[] | undefined;
  hint: ReactNode;
  children: ReactNode;
}) {
  const invalid = (errors?.length ?? 0) > 0;
  return (
    <div className={invalid ? "border-l-4 border-error-dark pl-4" : ""}>
      <label htmlFor={fieldId(field)} className="block font-bold">
        {LABELS[field]}
      </label>
      <p id={`${fieldId(field)}-hint`} className="mt-1 max-w-2xl text-sm text-base-darker">
        {hint}
      </p>
      {invalid && (
        <ul id={`${fieldId(field)}-error`} className="mt-1 space-y-1 font-bold text-error-dark">
          {errors?.map((message, i) => (
            <li key={`${i}-${message}`}>
              <span className="sr-only">Error: </span>
              {message}
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
