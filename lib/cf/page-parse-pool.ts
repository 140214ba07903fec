import "server-only";
import { Worker } from "node:worker_threads";
import { ParseThreads } from "./parse-threads";

/**
 * The process's pool of list-page parse threads (./parse-threads.ts), for the
 * pages' CF clients (lib/auth/cf-client.ts): started on the first page read,
 * one per process (Next's dev server evaluates modules again on edits).
 */

const KEY = Symbol.for("egress-dashboard.parse-threads");
type Holder = typeof globalThis & { [KEY]?: ParseThreads };

/**
 * How many: two, so that an admin's org page at 10,000 groups parses its two
 * large pages at once on a 2-core machine while the pages' thread waits for
 * them (docs/benchmarks.md, "Group pages parsed in threads of their own").
 */
export const PARSE_THREADS = 2;

/**
 * Each thread's heap: a page of 5,000 groups is about 4 MB of text and its
 * kept groups; a thread past this ends, and its pages are read in process.
 */
export const PARSE_THREAD_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

function parseWorker(): Worker {
  const worker = new Worker(new URL("./parse-worker.ts", import.meta.url), {
    resourceLimits: PARSE_THREAD_LIMITS,
  });
  worker.unref(); // a parse thread alone never keeps the process alive
  return worker;
}

export function pageParsePool(): ParseThreads {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= new ParseThreads(parseWorker, PARSE_THREADS));
}
