import { Button } from "@/components/ui/button";
import { POSTURE_LABELS, POSTURES } from "@/lib/view-models/labels";
import type { FoundationFilter } from "@/lib/view-models/foundation";

const FIELD = "min-h-11 rounded border border-base-dark bg-white px-3 font-normal";

/** The org table's filters: a plain GET form, so they live in the URL and the exports keep them. */
export function FoundationFilters({ filter }: { filter: FoundationFilter }) {
  return (
    <form
      role="search"
      aria-label="Filter organizations"
      method="get"
      className="flex flex-wrap items-end gap-4"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="foundation-q" className="font-semibold">
          Organization name
        </label>
        <input id="foundation-q" type="search" name="q" defaultValue={filter.q} className={`${FIELD} w-64`} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="foundation-posture" className="font-semibold">
          With a space of posture
        </label>
        <select id="foundation-posture" name="posture" defaultValue={filter.posture ?? ""} className={FIELD}>
          <option value="">Any</option>
          {POSTURES.map((p) => (
            <option key={p} value={p}>
              {POSTURE_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      <label className="flex min-h-11 items-center gap-2 font-semibold">
        <input
          type="checkbox"
          name="violations"
          value="1"
          defaultChecked={filter.violations}
          className="size-5"
        />
        Violations only
      </label>
      <Button type="submit">Filter</Button>
    </form>
  );
}
