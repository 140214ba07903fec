import { Button } from "@/components/ui/button";
import type { QueryField } from "@/lib/egress/reach-query";
import type { ReachFilter } from "@/lib/view-models/reach-search";

const FIELD =
  "min-h-11 rounded border border-base-dark bg-white px-3 font-normal aria-invalid:border-error-dark";

const STATUS_OPTIONS = [
  { value: "any", label: "Any" },
  { value: "allowed", label: "Allowed" },
  { value: "partial", label: "Partial" },
  { value: "blocked", label: "Blocked" },
] as const;

export type ReachFormValues = { destination: string; ports: string; protocol: string };

/**
 * "Who can reach this?": a plain GET form, so the question and the status
 * filters live in the URL (a result can be linked and reloaded) and it
 * works without JavaScript; the page answers the URL's question itself.
 * A field the search refused says why beside it.
 */
export function ReachSearchForm({
  action,
  values,
  filter,
  errors,
}: {
  action: string;
  values: ReachFormValues;
  filter: ReachFilter;
  errors: Partial<Record<QueryField, string[]>>;
}) {
  const field = (name: QueryField, label: string, hint: string, width: string) => {
    const problems = errors[name] ?? [];
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={`reach-${name}`} className="font-semibold">
          {label}
        </label>
        <span id={`reach-${name}-hint`} className="text-sm text-base-dark">
          {hint}
        </span>
        <input
          id={`reach-${name}`}
          name={name}
          defaultValue={values[name]}
          aria-invalid={problems.length > 0 || undefined}
          aria-describedby={[
            `reach-${name}-hint`,
            ...(problems.length > 0 ? [`reach-${name}-error`] : []),
          ].join(" ")}
          className={`${FIELD} ${width}`}
          autoComplete="off"
          spellCheck={false}
        />
        {problems.length > 0 && (
          <span id={`reach-${name}-error`} className="text-sm font-semibold text-error-dark">
            {problems.join(" ")}
          </span>
        )}
      </div>
    );
  };
  const select = (
    name: string,
    label: string,
    value: string,
    options: readonly { value: string; label: string }[],
  ) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`reach-${name}`} className="font-semibold">
        {label}
      </label>
      <select id={`reach-${name}`} name={name} defaultValue={value} className={FIELD}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form role="search" aria-label="Who can reach this?" method="get" action={action} className="space-y-4">
      <div className="flex flex-wrap items-start gap-4">
        {field("destination", "Destination", "An address, a CIDR or a range a-b", "w-72")}
        {field("ports", "Ports", "443, 8000-8080 or 80,443; empty for icmp and all", "w-48")}
        <div className="flex flex-col gap-1">
          {select(
            "protocol",
            "Protocol",
            values.protocol || "tcp",
            ["tcp", "udp", "icmp", "all"].map((p) => ({ value: p, label: p })),
          )}
          {(errors.protocol ?? []).length > 0 && (
            <span className="text-sm font-semibold text-error-dark">{errors.protocol?.join(" ")}</span>
          )}
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-4">
        {select("running", "Running status", filter.running, STATUS_OPTIONS)}
        {select("staging", "Staging status", filter.staging, STATUS_OPTIONS)}
        <Button type="submit">Search</Button>
      </div>
    </form>
  );
}
