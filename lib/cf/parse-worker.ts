import { parentPort } from "node:worker_threads";
import { serveParses } from "./parse-threads";

/**
 * The entry of a list-page parse thread (./parse-threads.ts), started by
 * ./page-parse-pool.ts as a worker: Next's build bundles it from the `new URL`
 * there. It holds no token and makes no request: it is sent bytes and a
 * reader's name and plain parameters, and answers the checked page.
 */

if (parentPort) serveParses(parentPort);
