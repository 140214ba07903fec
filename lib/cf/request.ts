import { parseKeeping } from "./list-text";
import { CfApiError, CfUnavailableError } from "./errors";
import { retryAfterMs } from "./query";

/**
 * One CF API request on the wire, for the client (./client.ts): the token,
 * the timeout, bounded retries, and CF's error bodies turned into CfApiError.
 *
 * Retries are bounded: idempotent GETs on 5xx and network errors with
 * exponential backoff, and any request refused with 429 once its
 * `Retry-After` has passed (CF refuses it before doing anything). A request
 * that timed out is not retried: the timeout is all a reader waits for CF.
 */

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
  /** When it was sent and when its answer's head came (or it failed), epoch milliseconds: its span, for depth. */
  startedAt: number;
  endedAt: number;
};

export type Wire = {
  token: string;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  maxRetryAfterMs: number;
  fetch: typeof fetch;
  onRequest?: (event: CfRequestEvent) => void;
};

/** A successful answer, its body as text: lists are looked at before they are parsed (./paging.ts). */
export type Exchanged = { status: number; text: string; headers: Headers };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const backoff = (wire: Wire, attempt: number) =>
  wire.retryBaseMs * 2 ** attempt * (0.75 + Math.random() * 0.5);

/** The request to an absolute URL of the CF API; throws CfApiError for CF's refusals. */
export async function exchange(wire: Wire, method: string, url: string, body?: unknown): Promise<Exchanged> {
  const path = new URL(url).pathname;
  const label = `${method} ${path}`;
  const idempotent = method === "GET" || method === "HEAD";
  let attempt = 0;
  let rateLimitRetried = false;
  for (;;) {
    let response: Response;
    const started = performance.now();
    const report = (status: number) => {
      const ended = performance.now();
      wire.onRequest?.({
        method,
        path,
        status,
        ms: Math.round(ended - started),
        attempt: attempt + (rateLimitRetried ? 1 : 0),
        startedAt: performance.timeOrigin + started,
        endedAt: performance.timeOrigin + ended,
      });
    };
    try {
      response = await wire.fetch(url, {
        method,
        headers: {
          Authorization: `bearer ${wire.token}`,
          Accept: "application/json",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(wire.timeoutMs),
        cache: "no-store",
      });
    } catch (error) {
      report(0);
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      // A CF slower than the timeout would be as slow again: retrying would triple the wait.
      if (idempotent && !timedOut && attempt < wire.maxRetries) {
        await sleep(backoff(wire, attempt++));
        continue;
      }
      throw new CfUnavailableError(
        label,
        timedOut ? `timed out after ${wire.timeoutMs} ms` : "could not connect",
      );
    }

    report(response.status);
    if (response.status === 429 && !rateLimitRetried) {
      const wait = retryAfterMs(response.headers.get("retry-after"));
      if (wait !== undefined && wait <= wire.maxRetryAfterMs) {
        rateLimitRetried = true;
        await response.body?.cancel();
        await sleep(wait);
        continue;
      }
    }
    if (response.status >= 500 && idempotent && attempt < wire.maxRetries) {
      await response.body?.cancel();
      await sleep(backoff(wire, attempt++));
      continue;
    }

    const text = await response.text();
    if (!response.ok) {
      let parsed: unknown = undefined;
      try {
        // CC sends its 429 body as text/plain JSON.
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Not CF's error body: CfApiError says what it can from the status.
      }
      throw CfApiError.fromResponse(response.status, parsed, label);
    }
    return { status: response.status, text, headers: response.headers };
  }
}

/** A successful answer's JSON body, or undefined when empty; anything unparseable is not CF. */
/** A list page's JSON with only the resources whose text `keep` accepts (./list-text.ts). */
export function jsonKeeping(
  text: string,
  keep: (resource: string) => boolean,
  label: string,
  each?: (resource: unknown) => unknown,
): unknown {
  if (!text) return undefined;
  try {
    return parseKeeping(text, keep, each);
  } catch (error) {
    // `each` may refuse a resource (its check): that says why, not that the text is not JSON.
    if (error instanceof SyntaxError) throw new CfUnavailableError(label, "the response is not JSON");
    throw error;
  }
}

export function jsonOf(text: string, label: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new CfUnavailableError(label, "the response is not JSON");
  }
}
