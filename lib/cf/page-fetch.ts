import { z } from "zod";
import { CfUnavailableError } from "./errors";
import { readPage, type PageJob, type PageOf, type ReaderName, type ReadOutcome } from "./page-readers";
import { totalPagesHint, type PageFetcher } from "./paging";
import type { ParseThreads } from "./parse-threads";
import { exchange, exchangeBytes, jsonKeeping, jsonOf, type Wire } from "./request";

/**
 * How the client (./client.ts) fetches a list's pages for ./paging.ts: each
 * page's text (or bytes) first, for the page count it states, then its
 * parse, checked; the same errors whichever way a page is read.
 */

/** A CF answer checked against its schema; a mismatch is logged and reported as CF being unavailable. */
export function checked<T>(schema: z.ZodType<T>, value: unknown, label: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw unexpectedShape(label, z.prettifyError(result.error));
  return result.data;
}

function unexpectedShape(label: string, detail: string): CfUnavailableError {
  console.error(`CF API response of ${label} did not match the expected shape`, detail);
  return new CfUnavailableError(label, "the response has an unexpected shape");
}

/** A page reader's outcome (./page-readers.ts) as the client answers it: the page, or the error it throws. */
export function settled(outcome: ReadOutcome, label: string): unknown {
  if (outcome.ok) return outcome.value;
  if (outcome.problem === "not-json") throw new CfUnavailableError(label, "the response is not JSON");
  throw unexpectedShape(label, outcome.detail);
}

const keepAll = () => true;

/** Pages as text, parsed here: whole, or only the resources `keepText` accepts (./list-text.ts). */
export function textPages<P>(
  wire: Wire,
  url: (href: string) => string,
  label: string,
  schema: () => z.ZodType<P> | Promise<z.ZodType<P>>,
  keepText?: () => Promise<(resource: string) => boolean>,
  resourceSchema?: z.ZodType,
): PageFetcher<P> {
  const each = resourceSchema && ((resource: unknown) => checked(resourceSchema, resource, label));
  return async (href) => {
    const { text } = await exchange(wire, "GET", url(href));
    return {
      totalPagesHint: totalPagesHint(text),
      parse: async () => {
        const keep = keepText ? await keepText() : each ? keepAll : undefined;
        const value = keep ? jsonKeeping(text, keep, label, each) : jsonOf(text, label);
        return checked(await schema(), value, label);
      },
    };
  };
}

// The page count is near the text's start (./paging.ts): only that much is decoded here.
const HEAD_BYTES = 4096;
const headDecoder = new TextDecoder();

/**
 * Pages as bytes, each read by the reader its job names (./page-readers.ts),
 * in a parse thread where `threads` has one (./parse-threads.ts), else here.
 * The job is asked for when a page is parsed: it may wait (say, for the
 * spaces that decide what is kept). It carries plain data only: no token.
 */
export function readerPages<N extends ReaderName>(
  wire: Wire,
  url: (href: string) => string,
  label: string,
  job: () => Promise<PageJob<N>>,
  threads?: ParseThreads,
): PageFetcher<PageOf<N>> {
  return async (href) => {
    const bytes = await exchangeBytes(wire, url(href));
    return {
      totalPagesHint: totalPagesHint(headDecoder.decode(bytes.subarray(0, HEAD_BYTES))),
      parse: async () => {
        const page = await job();
        const outcome = threads ? await threads.read(page, bytes) : readPage(page, bytes);
        return settled(outcome, label) as PageOf<N>;
      },
    };
  };
}
