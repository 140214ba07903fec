import type { Posture } from "@/lib/egress";
import { POSTURES } from "./labels";

/**
 * The org matrix's filters (name, posture, violations only) as its URL
 * carries them: the page's filters (components/egress/matrix/matrix-filters.tsx)
 * and the CSV export (app/orgs/[orgGuid]/posture.csv) read the same keys the
 * same way, so a download holds the rows the page shows. Pure.
 */

export type MatrixFilter = { query: string; posture: Posture | undefined; violations?: boolean };

/** The URL's keys, in the order the address bar shows them. */
export const FILTER_KEYS = ["q", "posture", "violations"] as const;

export function parsePosture(value: string | null): Posture | undefined {
  return (POSTURES as readonly string[]).includes(value ?? "") ? (value as Posture) : undefined;
}

/** The filter a URL's query names; anything else in it is ignored. */
export function filterFromSearch(params: URLSearchParams): MatrixFilter {
  return {
    query: params.get("q") ?? "",
    posture: parsePosture(params.get("posture")),
    violations: params.get("violations") === "1",
  };
}

/** The filter as a query string ("" when it filters nothing), for a link that keeps it. */
export function filterSearch(filter: MatrixFilter): string {
  const params = new URLSearchParams();
  if (filter.query) params.set("q", filter.query);
  if (filter.posture) params.set("posture", filter.posture);
  if (filter.violations) params.set("violations", "1");
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The rows the filter keeps: a name containing the query (any case), the posture, violations only. */
export function applyFilter<R extends { name: string; posture: Posture; policy?: { reasons?: string[] } }>(
  rows: R[],
  filter: MatrixFilter,
): R[] {
  const needle = filter.query.toLowerCase();
  return rows.filter(
    (s) =>
      (!needle || s.name.toLowerCase().includes(needle)) &&
      (!filter.posture || s.posture === filter.posture) &&
      (!filter.violations || s.policy?.reasons !== undefined),
  );
}
