import "server-only";
import { parentPort } from "node:worker_threads";
import { CfClient } from "@/lib/cf/client";
import { closeDatabase, getDatabase } from "@/lib/db";
import { loadPlatform } from "@/lib/egress/load-catalog";
import { env } from "@/lib/env";
import { serveCycles } from "./cycle-thread";
import { readOnlyFetch } from "./read-only";

/**
 * The entry of the watcher's cycle thread (./cycle-thread.ts), started by
 * ./index.ts as a worker: Next's build bundles it from the `new URL` there.
 * Its own database connection (SQLite in WAL mode lets two connections share
 * the file; PostgreSQL gets its own small pool), its own read-only CF client.
 */

if (parentPort) {
  const { cfApiUrl, cfRequestTimeoutMs } = env();
  serveCycles(parentPort, {
    store: getDatabase,
    // Reads only: a write would be refused here before CF could refuse it (./read-only.ts).
    client: (token, onRequest) =>
      new CfClient({
        apiUrl: cfApiUrl,
        token,
        timeoutMs: cfRequestTimeoutMs,
        // Its span only: the event's other fields are the logs', and the pages' thread needs the times.
        onRequest: ({ startedAt, endedAt }) => onRequest({ startedAt, endedAt }),
        fetch: readOnlyFetch(),
      }),
    context: () => loadPlatform(),
    close: closeDatabase,
  });
}
