import type { PlatformNetwork } from "@/lib/private-egress/addresses";
import { ENDPOINT_TYPES } from "@/lib/private-egress/endpoints";
import type { RequestField } from "@/lib/private-egress/fields";
import { Field, fieldId } from "./request-field";

/**
 * The request form's six inputs, each in its field (request-field.tsx),
 * showing again what the user typed and why it was refused. Uncontrolled
 * (default values), so the form also works without JavaScript.
 */

export type OrgOption = { guid: string; name: string; suspended: boolean; manageable: boolean };

const INPUT =
  "mt-1 block min-h-11 w-full rounded border-2 border-base-dark bg-white px-3 py-2 disabled:cursor-not-allowed disabled:bg-base-lightest aria-invalid:border-error-dark";

function valueOf(values: Record<string, string | string[]>, field: RequestField): string {
  const value = values[field];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

export function RequestInputs({
  values,
  errors,
  orgs,
  readOnly,
  platformNetworks,
}: {
  /** What the user typed, as the server sent it back. */
  values: Record<string, string | string[]>;
  errors: Record<string, string[]>;
  orgs: OrgOption[];
  /** Shown to read, not to send: no org is marked as one the user may not choose. */
  readOnly: boolean;
  platformNetworks: PlatformNetwork[];
}) {
  const manageable = orgs.filter((o) => o.manageable);
  // One org to choose from is chosen already.
  const only = manageable.length === 1 ? manageable[0] : orgs.length === 1 ? orgs[0] : undefined;
  const chosenOrg = valueOf(values, "orgGuid") || (only?.guid ?? "");
  // Every field has a hint; a refused one is also described by its errors.
  const control = (field: RequestField) => {
    const invalid = (errors[field]?.length ?? 0) > 0;
    return {
      id: fieldId(field),
      name: field,
      "aria-invalid": invalid || undefined,
      "aria-describedby": [`${fieldId(field)}-hint`, invalid ? `${fieldId(field)}-error` : ""]
        .filter(Boolean)
        .join(" "),
    };
  };

  return (
    <>
      <Field
        field="orgGuid"
        errors={errors.orgGuid}
        hint="The org whose apps will run on the dedicated hosts."
      >
        <select {...control("orgGuid")} defaultValue={chosenOrg} className={`${INPUT} max-w-md`}>
          <option value="">Choose an org</option>
          {orgs.map((org) => (
            <option key={org.guid} value={org.guid} disabled={!readOnly && !org.manageable}>
              {org.name}
              {org.suspended ? " (suspended)" : ""}
              {!readOnly && !org.manageable ? " (you are not its OrgManager)" : ""}
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
          {...control("endpointIp")}
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
        hint={<CidrHint platformNetworks={platformNetworks} />}
      >
        <textarea
          {...control("privateCidrs")}
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
          {...control("endpointType")}
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
          {...control("endpointOther")}
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
          {...control("appCount")}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={valueOf(values, "appCount")}
          className={`${INPUT} max-w-40`}
        />
      </Field>
    </>
  );
}

function CidrHint({ platformNetworks }: { platformNetworks: PlatformNetwork[] }) {
  return (
    <>
      One CIDR per line, such as 10.20.0.0/16: the networks behind your endpoint that your apps will reach.
      Private addresses only (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10), not overlapping
      each other
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
  );
}
