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

type Hrefs = { first: string; page: (n: number) => string };

/** A list's first page, and a way to read the others when they are wanted. */
type FirstPage<P> = { first: P; rest: () => Promise<P[]> };

/**
 * The first page of a list; `rest()` then reads pages 2…total_pages in
 * parallel, then any `next` the last of them still names. A caller may look
 * at the first page (its `total_pages`) before deciding to read the rest.
 */
async function readFirstPage<P extends Page<unknown>>(
  label: string,
  hrefs: Hrefs,
  fetchPage: (href: string) => Promise<P>,
): Promise<FirstPage<P>> {
  const first = await fetchPage(hrefs.first);
  const rest = async () => {
    const pages: P[] = [];
    const total = first.pagination.total_pages ?? 0;
    if (first.pagination.next !== null && total > 1) {
      if (total > MAX_PAGES) throw new CfUnavailableError(label, "too many pages");
      const others = Array.from({ length: total - 1 }, (_, i) => hrefs.page(i + 2));
      pages.push(...(await Promise.all(others.map(fetchPage))));
    }
    for (let next = (pages.at(-1) ?? first).pagination.next; next !== null;) {
      if (pages.length + 1 >= MAX_PAGES) throw new CfUnavailableError(label, "too many pages");
      const page = await fetchPage(next.href);
      pages.push(page);
      next = page.pagination.next;
    }
    return pages;
  };
  return { first, rest };
}

/** A whole list: every page's resources in order, and the included resources of every page merged. */
export async function readList<P extends Page<unknown>>(
  label: string,
  hrefs: Hrefs,
  fetchPage: (href: string) => Promise<P>,
): Promise<{ resources: P["resources"]; included: Record<string, unknown[]> }> {
  const { first, rest } = await readFirstPage(label, hrefs, fetchPage);
  const resources: P["resources"] = [];
  const included: Record<string, unknown[]> = {};
  for (const page of [first, ...(await rest())]) {
    for (const resource of page.resources) resources.push(resource);
    for (const [key, values] of Object.entries(page.included ?? {})) {
      if (values) (included[key] ??= []).push(...values);
    }
  }
  return { resources, included };
}

/** A list's first page's resources, how many pages the list has, and a way to read the rest. */
export type ListStart<R> = { resources: R[]; totalPages: number; rest: () => Promise<R[]> };

export async function readListStart<P extends Page<unknown>>(
  label: string,
  hrefs: Hrefs,
  fetchPage: (href: string) => Promise<P>,
): Promise<ListStart<P["resources"][number]>> {
  const { first, rest } = await readFirstPage(label, hrefs, fetchPage);
  return {
    resources: first.resources,
    // A `next` with no usable total still means more than one page.
    totalPages: first.pagination.next === null ? 1 : Math.max(2, first.pagination.total_pages ?? 0),
    rest: async () => (await rest()).flatMap((page) => page.resources),
  };
}
