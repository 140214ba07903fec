import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { ACTIVITY_KINDS, type ActivityQuery } from "@/lib/view-models/activity-query";

const KIND_LABELS: Record<(typeof ACTIVITY_KINDS)[number], string> = {
  change: "Changes made in the dashboard",
  failure: "Changes that failed",
  drift: "Changes made outside the dashboard (drift)",
  policy: "Policy edits",
  request: "Private egress requests",
};

/** A plain GET form: works without JavaScript, and every filtered view has its own URL. */
export function ActivityFilters({
  orgGuid,
  query,
  spaces,
}: {
  orgGuid: string;
  query: ActivityQuery;
  spaces: { guid: string; name: string }[];
}) {
  return (
    <form
      method="get"
      action={`/orgs/${orgGuid}/activity`}
      className="space-y-4"
      aria-label="Filter the activity"
    >
      <div className="flex flex-wrap items-end gap-4">
        <Select
          label="Space"
          name="space"
          defaultValue={query.space ?? ""}
          options={[
            { value: "", label: "All spaces you can see" },
            ...spaces.map((s) => ({ value: s.guid, label: s.name })),
          ]}
        />
        <div className="flex flex-col">
          <label htmlFor="activity-from" className="font-semibold">
            From (UTC)
          </label>
          <input
            id="activity-from"
            type="date"
            name="from"
            defaultValue={query.from ?? ""}
            className="min-h-11 rounded border border-base-dark px-3"
          />
        </div>
        <div className="flex flex-col">
          <label htmlFor="activity-to" className="font-semibold">
            To (UTC)
          </label>
          <input
            id="activity-to"
            type="date"
            name="to"
            defaultValue={query.to ?? ""}
            className="min-h-11 rounded border border-base-dark px-3"
          />
        </div>
      </div>
      <fieldset className="flex flex-wrap gap-x-6 gap-y-2">
        <legend className="mb-1 font-semibold">Kind (none checked: every kind)</legend>
        {ACTIVITY_KINDS.map((kind) => (
          <label key={kind} className="flex min-h-11 items-center gap-2">
            <input
              type="checkbox"
              name="kind"
              value={kind}
              defaultChecked={query.kind.includes(kind)}
              className="size-5"
            />
            {KIND_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      <Button type="submit">Show</Button>
    </form>
  );
}
