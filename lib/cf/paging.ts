import { CfUnavailableError } from "./errors";
import { toQueryString, type Query } from "./query";

/**
 * How the client reads a list longer than one page (docs/cf-behaviour.md §1.3).
 *
 * The first page says how many there are (`total_pages`), and CF accepts
 * `page=N` with the same filters, so the remaining pages are asked for all at
 * once: a list of any length costs two round trips, not one per page. Where
 * the first page gives no usable total but a `next` href, and where the last
 * page still has a `next` (the list grew while it was read), the `next` hrefs
 * are followed as CF built them, one after the other, as before.
 */

export type Page<R> = {
  pagination: { total_pages?: number; next: { href: string } | null };
  resources: R[];
  included?: Record<string, unknown[] | undefined>;
};

export const MAX_PER_PAGE = 5000;
/** A safety bound: 5000 × 200 resources is far beyond any real foundation. */
export const MAX_PAGES = 200;

/** The first request of a list, and the request for its page N: the same query, with `page=N`. */
export function pageHrefs(path: string, query: Query): { first: string; page: (n: number) => string } {
  const base = { per_page: String(MAX_PER_PAGE), ...query };
  return {
    first: `${path}${toQueryString(base)}`,
    page: (n) => `${path}${toQueryString({ ...base, page: String(n) })}`,
  };
}

/**
 * Every page of a list, in order: the first, then pages 2…total_pages in
 * parallel, then any `next` the last of them still names.
 */
export async function readAllPages<P extends Page<unknown>>(
  label: string,
  hrefs: { first: string; page: (n: number) => string },
  fetchPage: (href: string) => Promise<P>,
): Promise<P[]> {
  const first = await fetchPage(hrefs.first);
  const pages = [first];
  const total = first.pagination.total_pages ?? 0;
  if (first.pagination.next !== null && total > 1) {
    if (total > MAX_PAGES) throw new CfUnavailableError(label, "too many pages");
    const rest = Array.from({ length: total - 1 }, (_, i) => hrefs.page(i + 2));
    pages.push(...(await Promise.all(rest.map(fetchPage))));
  }
  for (let next = pages.at(-1)?.pagination.next ?? null; next !== null;) {
    if (pages.length >= MAX_PAGES) throw new CfUnavailableError(label, "too many pages");
    const page = await fetchPage(next.href);
    pages.push(page);
    next = page.pagination.next;
  }
  return pages;
}
