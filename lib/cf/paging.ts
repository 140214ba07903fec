import { CfUnavailableError } from "./errors";
import { toQueryString, type Query } from "./query";
import { Remembered } from "./remembered";

/**
 * How the client reads a list longer than one page (docs/cf-behaviour.md §1.3).
 *
 * The first page says how many there are (`total_pages`), and CF accepts
 * `page=N` with the same filters, so the remaining pages are asked for all at
 * once: a list of any length costs two round trips, not one per page, and one
 * where the list is remembered (`rememberAs`) and has not grown since. They go
 * out as soon as the first page's text has come, from the `total_pages` near
 * its start (CC writes the pagination first), before that page is parsed:
 * parsing 5,000 groups takes longer than a round trip. The parsed first page
 * then has the last word: pages it does not count are dropped, and any it
 * counts beyond the early guess are asked for. Where the first page gives no
 * usable total but a `next` href, and where the last page still has a `next`
 * (the list grew while it was read), the `next` hrefs are followed as CF built
 * them, one after the other.
 */

export type Page<R> = {
  pagination: { total_pages?: number; next: { href: string } | null };
  resources: R[];
  included?: Record<string, unknown[] | undefined>;
};

/** A page whose text has come: the page count its text states (read before parsing), and its parse. */
export type FetchedPage<P> = { totalPagesHint: number | undefined; parse: () => Promise<P> };
export type PageFetcher<P> = (href: string) => Promise<FetchedPage<P>>;

export const MAX_PER_PAGE = 5000;
/** A safety bound: 5000 × 200 resources is far beyond any real foundation. */
export const MAX_PAGES = 200;

/** `"total_pages": N` near the start of a list's text; only a hint, checked once the page is parsed. */
export function totalPagesHint(text: string): number | undefined {
  const found = /"total_pages"\s*:\s*(\d+)/.exec(text.slice(0, 4096));
  return found ? Number(found[1]) : undefined;
}

type Hrefs = { first: string; page: (n: number) => string };

/** The first request of a list, and the request for its page N: the same query, with `page=N`. */
export function pageHrefs(path: string, query: Query): Hrefs {
  const base = { per_page: String(MAX_PER_PAGE), ...query };
  return {
    first: `${path}${toQueryString(base)}`,
    page: (n) => `${path}${toQueryString({ ...base, page: String(n) })}`,
  };
}

/** A list's first page's resources, how many pages it has (2 when unknown but more), and a way to read the rest. */
export type ListStart<R> = { resources: R[]; totalPages: number; rest: () => Promise<R[]> };

export type ReadOptions = {
  /**
   * Asked once the first page's text says there are `pages` pages, before it
   * is parsed: whether the rest will be wanted, so that it goes out at once.
   * Without it, the rest is always wanted.
   */
  readRest?: (pages: number) => Promise<boolean>;
  /**
   * The name this list's page count is remembered under (the reader's audience
   * and the list's first request: lists that every reader of that audience
   * sees alike). Where it had N > 1 pages last time, pages 2..N go out with
   * page 1 rather than once page 1 says how many there are: a list that has
   * not grown costs one round trip, not two. Pages past the first page's count
   * answer empty lists (docs/cf-behaviour.md §1.3) and are dropped; pages it
   * counts beyond the guess are asked for then.
   */
  rememberAs?: string;
  /**
   * Whether the remembered pages may go out before page 1 answers: once this
   * resolves true. A reader whose `readRest` may refuse the rest gives it (say,
   * once it knows it will want the rest); without it, such a list guesses nothing.
   */
  guessWhen?: Promise<boolean>;
};

/**
 * How many pages each remembered list had when last read, for lists of more
 * than one page only (a one-page list has nothing to guess). Bounded: a
 * foundation's lists of more than 5,000 resources are a handful per audience.
 */
const pagesLastTime = new Remembered<number>(1000);

/**
 * Pages 2..N of the list remembered under `rememberAs`, asked for as soon as
 * `guessWhen` allows, unless page 1's text has come by then (`late()`): from
 * there its own count decides.
 */
function guessRest(options: ReadOptions, ask: (n: number) => void, late: () => boolean): void {
  const last = options.rememberAs === undefined ? undefined : pagesLastTime.get(options.rememberAs);
  if (last === undefined) return;
  const askAll = () => {
    if (late()) return;
    for (let n = 2; n <= Math.min(last, MAX_PAGES); n++) ask(n);
  };
  if (options.guessWhen !== undefined) {
    // A failed guess only means no guess; the caller sees the failure itself.
    options.guessWhen.then((go) => go && askAll()).catch(() => undefined);
  } else if (options.readRest === undefined) askAll();
}

/** What page 1 said, remembered for the next read: the count when it states one, else nothing. */
function remember(options: ReadOptions, totalPages: number | undefined): void {
  if (options.rememberAs === undefined) return;
  if (totalPages !== undefined && totalPages > 1) pagesLastTime.set(options.rememberAs, totalPages);
  else pagesLastTime.delete(options.rememberAs);
}

async function start<P extends Page<unknown>>(
  label: string,
  hrefs: Hrefs,
  fetchPage: PageFetcher<P>,
  options: ReadOptions,
): Promise<{ first: P; totalPages: number; rest: () => Promise<P[]> }> {
  const read = (n: number) => fetchPage(hrefs.page(n)).then((page) => page.parse());
  const early = new Map<number, Promise<P>>();
  const ask = (n: number) => {
    if (early.has(n)) return;
    const page = read(n);
    page.catch(() => undefined); // awaited in rest(); not an unhandled rejection if nobody gets there
    early.set(n, page);
  };
  let firstCame = false;
  const firstPage = fetchPage(hrefs.first);
  guessRest(options, ask, () => firstCame);
  const fetched = await firstPage;
  firstCame = true;
  const hint = fetched.totalPagesHint;
  if (hint !== undefined && hint > 1 && hint <= MAX_PAGES && (await (options.readRest?.(hint) ?? true))) {
    for (let n = 2; n <= hint; n++) ask(n);
  }
  const first = await fetched.parse();
  const total = first.pagination.total_pages ?? 0;
  const more = first.pagination.next !== null;
  remember(options, more && total > 1 ? Math.min(total, MAX_PAGES) : undefined);
  const rest = async (): Promise<P[]> => {
    const pages: P[] = [];
    if (more && total > 1) {
      if (total > MAX_PAGES) throw new CfUnavailableError(label, "too many pages");
      const numbers = Array.from({ length: total - 1 }, (_, i) => i + 2);
      pages.push(...(await Promise.all(numbers.map((n) => early.get(n) ?? read(n)))));
    }
    for (let next = (pages.at(-1) ?? first).pagination.next; next !== null;) {
      if (pages.length + 1 >= MAX_PAGES) throw new CfUnavailableError(label, "too many pages");
      const page = await (await fetchPage(next.href)).parse();
      pages.push(page);
      next = page.pagination.next;
    }
    return pages;
  };
  return { first, totalPages: !more ? 1 : Math.max(2, total), rest };
}

/** A whole list: every page's resources in order, and the included resources of every page merged. */
export async function readList<P extends Page<unknown>>(
  label: string,
  hrefs: Hrefs,
  fetchPage: PageFetcher<P>,
  options: Pick<ReadOptions, "rememberAs"> = {},
): Promise<{ resources: P["resources"]; included: Record<string, unknown[]> }> {
  const { first, rest } = await start(label, hrefs, fetchPage, options);
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

/** A list's first page, its page count, and `rest()` for the others (asked early if `readRest` says so). */
export async function readListStart<P extends Page<unknown>>(
  label: string,
  hrefs: Hrefs,
  fetchPage: PageFetcher<P>,
  options: ReadOptions = {},
): Promise<ListStart<P["resources"][number]>> {
  const { first, totalPages, rest } = await start(label, hrefs, fetchPage, options);
  return {
    resources: first.resources,
    totalPages,
    rest: async () => (await rest()).flatMap((page) => page.resources),
  };
}
