"use client";

import { POSTURE_LABELS, POSTURES } from "@/lib/view-models/labels";
import { parsePosture, type MatrixFilter } from "@/lib/view-models/matrix-filter";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";

// The pure part lives in lib, where the CSV export reads the same filters.
export { applyFilter, parsePosture, type MatrixFilter } from "@/lib/view-models/matrix-filter";

/**
 * Filters by name and posture. They live in the component's state, and the
 * address bar follows synchronously (history.replaceState, which Next's
 * router observes): quick changes in a row cannot land out of order, as
 * navigations could.
 */
export function MatrixFilters({
  filter,
  onChange,
  shown,
  total,
  policyActive = false,
}: {
  filter: MatrixFilter;
  onChange: (next: MatrixFilter) => void;
  shown: number;
  total: number;
  /** Offer "Violations only" (the org has a policy). */
  policyActive?: boolean;
}) {
  function update(next: MatrixFilter) {
    const params = new URLSearchParams(window.location.search);
    for (const [key, value] of [
      ["q", next.query],
      ["posture", next.posture ?? ""],
      ["violations", next.violations ? "1" : ""],
    ] as const) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    const search = params.toString();
    window.history.replaceState(
      null,
      "",
      search ? `${window.location.pathname}?${search}` : window.location.pathname,
    );
    onChange(next);
  }

  return (
    <form role="search" className="flex flex-wrap items-end gap-4" onSubmit={(e) => e.preventDefault()}>
      <div className="flex flex-col">
        <label htmlFor="space-filter" className="font-semibold">
          Filter spaces by name
        </label>
        <input
          id="space-filter"
          name="q"
          type="search"
          value={filter.query}
          onChange={(e) => update({ ...filter, query: e.target.value })}
          className="min-h-11 w-64 rounded border border-base-dark px-3"
        />
      </div>
      <Select
        label="Posture"
        id="posture-filter"
        name="posture"
        value={filter.posture ?? ""}
        onChange={(e) => update({ ...filter, posture: parsePosture(e.target.value) })}
        options={[
          { value: "", label: "All postures" },
          ...POSTURES.map((p) => ({ value: p, label: POSTURE_LABELS[p] })),
        ]}
      />
      {policyActive && (
        <label className="flex min-h-11 items-center gap-2 font-semibold">
          <input
            type="checkbox"
            name="violations"
            value="1"
            checked={filter.violations ?? false}
            onChange={(e) => update({ ...filter, violations: e.target.checked })}
            className="size-5"
          />
          Violations only
        </label>
      )}
      {/* Without JavaScript the form is a plain GET: the page filters on the server from the URL. */}
      <noscript>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </noscript>
      <p role="status" className="pb-2 text-base-dark">
        Showing {shown} of {total} spaces
      </p>
    </form>
  );
}
