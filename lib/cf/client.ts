import "server-only";
import { z } from "zod";
import { CfApiError, CfUnavailableError } from "./errors";
import { pageHrefs, readList, readListStart, type ListStart, type Page } from "./paging";
import { retryAfterMs, toQueryString, type Query } from "./query";

export { toQueryString, type Query } from "./query";

/**
 * The typed CF API v3 client. Every request carries the signed-in user's own
 * token (the CF API is the authority on permissions), every response is
 * parsed with zod, lists are read whole at `per_page=5000` (the pages after
 * the first all at once, ./paging.ts), and failures become CfApiError /
 * CfUnavailableError.
 *
 * Retries are bounded: idempotent GETs on 5xx and network errors with
 * exponential backoff, and any request refused with 429 once its
 * `Retry-After` has passed (CF refuses it before doing anything). A request
 * that timed out is not retried: the timeout is all a reader waits for CF.
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
};

/** One CF API request as the logs record it: what, how it ended, how long it took. */
export type CfRequestEvent = {
  method: string;
  /** The path without its query. */
  path: string;
  /** 0 when no response came (timeout, connection refused). */
  status: number;
  ms: number;
  /** 0 for the first try; retries of a GET after a 5xx or a network error count up. */
  attempt: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class CfClient {
  private readonly origin: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: CfClientOptions) {
    this.origin = new URL(options.apiUrl).origin;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxRetries = options.maxRetries ?? 2;
    this.retryBaseMs = options.retryBaseMs ?? 200;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 5_000;
    this.fetchImpl = options.fetch ?? fetch;
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

  /** One request with timeout, bounded retries and error mapping; the parsed JSON body, or undefined when empty. */
  async request(
    method: string,
    pathOrHref: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    const url = this.url(pathOrHref);
    const label = `${method} ${new URL(url).pathname}`;
    const idempotent = method === "GET" || method === "HEAD";
    let attempt = 0;
    let rateLimitRetried = false;
    const path = new URL(url).pathname;
    for (;;) {
      let response: Response;
      const started = performance.now();
      const report = (status: number) =>
        this.options.onRequest?.({
          method,
          path,
          status,
          ms: Math.round(performance.now() - started),
          attempt: attempt + (rateLimitRetried ? 1 : 0),
        });
      try {
        response = await this.fetchImpl(url, {
          method,
          headers: {
            Authorization: `bearer ${this.options.token}`,
            Accept: "application/json",
            ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMs),
          cache: "no-store",
        });
      } catch (error) {
        report(0);
        const timedOut = error instanceof Error && error.name === "TimeoutError";
        // A CF slower than the timeout would be as slow again: retrying would triple the wait.
        if (idempotent && !timedOut && attempt < this.maxRetries) {
          await sleep(this.backoff(attempt++));
          continue;
        }
        throw new CfUnavailableError(
          label,
          timedOut ? `timed out after ${this.timeoutMs} ms` : "could not connect",
        );
      }

      report(response.status);
      if (response.status === 429 && !rateLimitRetried) {
        const wait = retryAfterMs(response.headers.get("retry-after"));
        if (wait !== undefined && wait <= this.maxRetryAfterMs) {
          rateLimitRetried = true;
          await response.body?.cancel();
          await sleep(wait);
          continue;
        }
      }
      if (response.status >= 500 && idempotent && attempt < this.maxRetries) {
        await response.body?.cancel();
        await sleep(this.backoff(attempt++));
        continue;
      }

      const text = await response.text();
      let parsed: unknown = undefined;
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          // CC sends its 429 body as text/plain JSON; anything else unparseable is not CF.
          if (response.ok) throw new CfUnavailableError(label, "the response is not JSON");
        }
      }
      if (!response.ok) throw CfApiError.fromResponse(response.status, parsed, label);
      return { status: response.status, body: parsed, headers: response.headers };
    }
  }

  private backoff(attempt: number): number {
    return this.retryBaseMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
  }

  private parse<T>(schema: z.ZodType<T>, value: unknown, label: string): T {
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
    return readList(`GET ${path}`, pageHrefs(path, query), this.pageReader(path, pageSchema));
  }

  /** A list's first page and how many pages it has; `rest()` reads the others, all at once. */
  async listFirst<P extends Page<unknown>>(
    path: string,
    pageSchema: z.ZodType<P>,
    query: Query = {},
  ): Promise<ListStart<P["resources"][number]>> {
    return readListStart(`GET ${path}`, pageHrefs(path, query), this.pageReader(path, pageSchema));
  }

  private pageReader<P>(path: string, pageSchema: z.ZodType<P>) {
    return async (href: string) =>
      this.parse(pageSchema, (await this.request("GET", href)).body, `GET ${path}`);
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
