import type { Timestamps } from "../world";
import { cgiEscape, type ListQuery } from "./query";

/**
 * One page of a list as CC answers it (docs/cf-behaviour.md §1.3): ordered as
 * asked (creation order by default), cut at `page`/`per_page`, with the links
 * that repeat the query's filters in Rails' `to_query` order and encoding.
 */

type Orderable = Timestamps & { name?: string };

/** CC orders by internal id (creation order) unless asked; ties break on guid. */
export function sortItems<T extends Orderable & { guid: string }>(items: T[], query: ListQuery): T[] {
  const order = query.orderBy;
  if (!order) return items;
  const key = (item: T): string =>
    order.field === "name"
      ? (item.name ?? "")
      : order.field === "created_at"
        ? item.createdAt
        : item.updatedAt;
  const sorted = [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0;
  });
  return order.descending ? sorted.reverse() : sorted;
}

export type PaginatedList = {
  pagination: {
    total_results: number;
    total_pages: number;
    first: { href: string };
    last: { href: string };
    next: { href: string } | null;
    previous: { href: string } | null;
  };
  resources: unknown[];
};

export function paginate<T>(
  items: T[],
  query: ListQuery,
  url: string,
  present: (item: T) => unknown,
): { list: PaginatedList; pageItems: T[] } {
  const totalPages = Math.max(1, Math.ceil(items.length / query.perPage));
  const href = (page: number) => {
    const params = new Map(query.linkParams);
    params.set("page", String(page));
    const qs = [...params.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${cgiEscape(k)}=${cgiEscape(v)}`)
      .join("&");
    return { href: `${url}?${qs}` };
  };
  const start = (query.page - 1) * query.perPage;
  const pageItems = items.slice(start, start + query.perPage);
  return {
    pageItems,
    list: {
      pagination: {
        total_results: items.length,
        total_pages: totalPages,
        first: href(1),
        last: href(totalPages),
        next: query.page < totalPages ? href(query.page + 1) : null,
        // Past the last page CC answers no resources, no next, and the page before the one asked.
        previous: query.page > 1 ? href(query.page - 1) : null,
      },
      resources: pageItems.map(present),
    },
  };
}
