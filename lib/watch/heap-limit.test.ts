import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/store";
import { testBackends } from "@/lib/db/test-support/backends";
import { useHistory } from "@/lib/db/test-support/fixtures";
import { CycleThread } from "./cycle-thread";
import { watchHealth } from "./status";
import { Watcher } from "./watcher";

/**
 * The cycle thread's heap is bounded (./index.ts, `CYCLE_THREAD_LIMITS`): a cycle that needs more
 * than the bound is ended by V8, and that must be a failed cycle, said in /api/health and the log,
 * with the watcher going on (the next cycle in a new thread), not a dead watcher or a dead process.
 * The thread here is a real worker under a small bound whose "cycle" keeps allocating.
 */

const INTERVAL_MS = 1_000;

/** Answers a cycle's message by holding ever more memory, as a foundation too large for the bound would. */
const GREEDY_THREAD = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", (message) => {
  if (message.kind !== "run") return;
  const held = [];
  for (;;) held.push(new Array(100_000).fill(held.length));
});
`;

describe.each(testBackends())("a cycle past the thread's heap bound on $name", (backend) => {
  const h = useHistory(backend);

  it("fails as a cycle, in /api/health and the log, and the next cycle gets a new thread", async () => {
    const store = await openDatabase(h.database.config);
    let threads = 0;
    const thread = new CycleThread(
      () => {
        threads++;
        return new Worker(GREEDY_THREAD, {
          eval: true,
          resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
        });
      },
      () => Promise.resolve("token"),
    );
    const warnings: { fields: Record<string, unknown>; message: string }[] = [];
    const watcher = new Watcher({
      intervalMs: INTERVAL_MS,
      holder: "a",
      store: () => Promise.resolve(store),
      runCycle: thread.runner,
      tokenRefused: () => undefined,
      pendingStaleAfterMs: 120_000,
      log: {
        info: () => undefined,
        warn: (fields: Record<string, unknown>, message: string) => warnings.push({ fields, message }),
      },
    });
    try {
      watcher.start();
      await expect
        .poll(async () => (await store.watch.lastCycles(5)).filter((c) => c.endedAt !== null).length, {
          timeout: 15_000,
        })
        .toBeGreaterThanOrEqual(2);
      const failure =
        /^the cycle's thread ran out of memory: its heap is bounded, and this cycle needed more/;
      for (const cycle of (await store.watch.lastCycles(5)).filter((c) => c.endedAt !== null)) {
        expect(cycle.error).toMatch(failure);
      }
      // /api/health: the watcher on and leading, its last cycle failed with the reason.
      await expect
        .poll(() => watchHealth(watcher.status()))
        .toMatchObject({
          state: "on",
          role: "leader",
          error: null,
          last_cycle: { error: expect.stringMatching(failure) as string },
        });
      const logged = warnings.filter((w) => w.message === "watch: cycle failed");
      expect(logged.length).toBeGreaterThanOrEqual(2);
      expect(String(logged[0]?.fields.error)).toMatch(/ran out of memory/);
      expect(threads).toBeGreaterThanOrEqual(2);
    } finally {
      await watcher.stop();
      await thread.close();
      await store.close();
    }
  }, 30_000);
});
