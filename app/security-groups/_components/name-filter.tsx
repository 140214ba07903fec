import Link from "next/link";
import { Button } from "@/components/ui/button";

/** A plain GET form: filtering works without JavaScript and the URL can be shared. */
export function NameFilter({ query, shown, total }: { query: string; shown: number; total: number }) {
  const filtered = query.trim() !== "";
  return (
    <form method="get" action="/security-groups" role="search" aria-label="Security groups">
      <label htmlFor="security-group-filter" className="block font-bold">
        Filter by name
      </label>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <input
          id="security-group-filter"
          name="q"
          type="search"
          defaultValue={query}
          className="min-h-11 w-full max-w-sm rounded-none border-2 border-base-dark px-2"
        />
        <Button type="submit">Filter</Button>
        {filtered && <Link href="/security-groups">Clear filter</Link>}
      </div>
      <p className="mt-2 text-sm text-base-dark">
        {filtered ? `Showing ${shown} of ${total} groups` : `${total} ${total === 1 ? "group" : "groups"}`}
      </p>
    </form>
  );
}
