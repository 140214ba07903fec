import "server-only";
import { z } from "zod";
import { CfApiError, CfUnavailableError } from "./errors";
import {
  pageHrefs,
  readList,
  readListStart,
  totalPagesHint,
  type ListStart,
  type Page,
  type PageFetcher,
  type ReadOptions,
} from "./paging";
import { toQueryString, type Query } from "./query";
import { exchange, jsonKeeping, jsonOf, type CfRequestEvent, type Wire } from "./request";

export { toQueryString, type Query } from "./query";

/**
 * The typed CF API v3 client. Every request carries the signed-in user's own
 * token (the CF API is the authority on permissions), every response is
 * parsed with zod, lists are read whole at `per_page=5000` (the pages after
 * the first all at once, ./paging.ts), and failures become CfApiError /
 * CfUnavailableError. Timeouts and bounded retries are ./request.ts's.
 */

export type CfClientOptions = {
  apiUrl: string;
  token: string;
  timeoutMs?: number;
  /** Retries of a GET after a 5xx or a network error. */
  maxRetries?: number;
  retryBaseMs?: number;
  /** The longest `Retry-After` the client waits for; longer ones fail at once. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  /** Told of every request once it ends (the logs' CF timings). Never given the token. */
  onRequest?: (event: CfRequestEvent) => void;
  /**
   * Whose lists this client reads, for remembering how many pages each had
   * (./paging.ts, `rememberAs`): one name for every user CF shows the same
   * lists (admins and global readers see the whole foundation), else one per
   * user. Without it, nothing is remembered and every list asks page 1 first.
   */
  listAudience?: string;
};

export type { CfRequestEvent } from "./request";

const keepAll = () => true;

export class CfClient {
  private readonly origin: string;
  private readonly wire: Wire;

  constructor(private readonly options: CfClientOptions) {
    this.origin = new URL(options.apiUrl).origin;
    this.wire = {
      token: options.token,
      timeoutMs: options.timeoutMs ?? 15_000,
      maxRetries: options.maxRetries ?? 2,
      retryBaseMs: options.retryBaseMs ?? 200,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 5_000,
      fetch: options.fetch ?? fetch,
      onRequest: options.onRequest,
    };
  }

  private url(pathOrHref: string): string {
    const url = new URL(pathOrHref, this.options.apiUrl);
    // The token goes only to the CF API itself, whatever a `next` href says.
    if (url.origin !== this.origin) {
      throw new CfUnavailableError(
        pathOrHref,
        `refusing to send the token to another origin (${url.origin})`,
      );
    }
    return url.toString();
  }

  /** One request with timeout, bounded retries and error mapping (./request.ts); the JSON body, or undefined when empty. */
  async request(
    method: string,
    pathOrHref: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    const url = this.url(pathOrHref);
    const answer = await exchange(this.wire, method, url, body);
    return { ...answer, body: jsonOf(answer.text, `${method} ${new URL(url).pathname}`) };
  }

  /** A CF answer checked against its schema; a mismatch is logged and reported as CF being unavailable. */
  parse<T>(schema: z.ZodType<T>, value: unknown, label: string): T {
    const result = schema.safeParse(value);
    if (!result.success) {
      console.error(
        `CF API response of ${label} did not match the expected shape`,
        z.prettifyError(result.error),
      );
      throw new CfUnavailableError(label, "the response has an unexpected shape");
    }
    return result.data;
  }

  async get<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<T> {
    const { body } = await this.request("GET", `${path}${toQueryString(query)}`);
    return this.parse(schema, body, `GET ${path}`);
  }

  /** The same, or null when CF answers 404: it does not exist, or CF does not show it to this user. */
  async getOrNull<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<T | null> {
    try {
      return await this.get(path, schema, query);
    } catch (error) {
      if (error instanceof CfApiError && error.isNotFound) return null;
      throw error;
    }
  }

  /**
   * A whole list at per_page=5000: the first page, then every other page at
   * once (./paging.ts). Included resources of every page are merged.
   */
  async list<P extends Page<unknown>>(
    path: string,
    pageSchema: z.ZodType<P>,
    query: Query = {},
  ): Promise<{ resources: P["resources"]; included: Record<string, unknown[]> }> {
    const hrefs = pageHrefs(path, query);
    return readList(
      `GET ${path}`,
      hrefs,
      this.pages(path, () => pageSchema),
      {
        rememberAs: this.rememberAs(hrefs.first),
      },
    );
  }

  /**
   * A list's first page and its page count; `rest()` reads the others, all at
   * once. `pageSchema` checks each page (it may wait, say for what decides
   * which resources to keep), and `readRest` may have the others asked for as
   * soon as the first page's text says how many there are (./paging.ts).
   */
  async listFirst<P extends Page<unknown>>(
    path: string,
    query: Query,
    options: {
      pageSchema: () => z.ZodType<P> | Promise<z.ZodType<P>>;
      /** Which resources' text to parse at all (./list-text.ts); it may keep too many, never too few. */
      keepText?: () => Promise<(resource: string) => boolean>;
      /**
       * Each resource checked (and narrowed) as soon as its text is parsed, apart from the others
       * (./list-text.ts), so that a page's whole tree of resources never exists at once: a caller
       * that keeps three fields of 5,000 resources holds those, not every resource whole. The page
       * schema then sees the checked resources.
       */
      resourceSchema?: z.ZodType;
    } & ReadOptions,
  ): Promise<ListStart<P["resources"][number]>> {
    const hrefs = pageHrefs(path, query);
    return readListStart(
      `GET ${path}`,
      hrefs,
      this.pages(path, options.pageSchema, options.keepText, options.resourceSchema),
      { ...options, rememberAs: this.rememberAs(hrefs.first) },
    );
  }

  /** The name a list's page count is remembered under: this CF, this audience, this list. */
  private rememberAs(firstHref: string): string | undefined {
    const { listAudience } = this.options;
    return listAudience === undefined ? undefined : `${this.origin} ${listAudience} ${firstHref}`;
  }

  /** Reads pages of a list: each page's text first (for its page count), then its parse, checked. */
  private pages<P>(
    path: string,
    schema: () => z.ZodType<P> | Promise<z.ZodType<P>>,
    keepText?: () => Promise<(resource: string) => boolean>,
    resourceSchema?: z.ZodType,
  ): PageFetcher<P> {
    const label = `GET ${path}`;
    const each = resourceSchema && ((resource: unknown) => this.parse(resourceSchema, resource, label));
    return async (href) => {
      const { text } = await exchange(this.wire, "GET", this.url(href));
      return {
        totalPagesHint: totalPagesHint(text),
        parse: async () => {
          const keep = keepText ? await keepText() : each ? keepAll : undefined;
          const value = keep ? jsonKeeping(text, keep, label, each) : jsonOf(text, label);
          return this.parse(await schema(), value, label);
        },
      };
    };
  }

  async send<T>(
    method: "POST" | "PATCH" | "DELETE",
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const response = await this.request(method, path, body);
    return this.parse(schema, response.body, `${method} ${path}`);
  }

  /** A write that answers with no body (204) or a job (202 + Location). */
  async sendNoContent(
    method: "POST" | "PATCH" | "DELETE",
    path: string,
    body?: unknown,
  ): Promise<{ location: string | null }> {
    const response = await this.request(method, path, body);
    return { location: response.headers.get("location") };
  }
}
