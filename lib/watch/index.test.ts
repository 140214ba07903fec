import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "@/sim/testing/harness";

/**
 * The watcher as the server starts it: configured from the environment, the
 * UAA discovered from the CF API's root, its own token, the process's
 * database; on /api/health's terms; stopped by the shutdown hooks, lease
 * given up. Its cycles run in their worker thread, started from the sources.
 */

let t: TestSim;
const dataDir = mkdtempSync(join(tmpdir(), "egress-watch-start-"));

beforeAll(async () => {
  t = await startTestSim();
  Object.assign(process.env, {
    CF_API_URL: t.sim.cfUrl,
    DATA_DIR: dataDir,
    WATCH_CLIENT_ID: "egress-watcher",
    WATCH_CLIENT_SECRET: "demo-watcher-secret",
    WATCH_INTERVAL: "1",
  });
});
afterAll(async () => {
  const { closeDatabase } = await import("@/lib/db");
  await closeDatabase();
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("startWatcher", () => {
  it("watches the foundation with the configured client, says so for /api/health, and stops on shutdown", async () => {
    const { CYCLE_THREAD_LIMITS, startWatcher, watchHealth, watchStatus } = await import(".");
    // The cycle thread a worker, as deployed, from the sources (the build bundles the same entry).
    let threads = 0;
    const spawn = () => {
      threads++;
      const worker = new Worker(new URL("./test-support/cycle-worker-boot.mjs", import.meta.url), {
        execArgv: ["--conditions=react-server"],
        resourceLimits: CYCLE_THREAD_LIMITS,
      });
      worker.unref();
      return worker;
    };
    startWatcher(spawn);
    startWatcher(spawn); // once per process
    await expect
      .poll(() => watchHealth().state === "on" && watchHealth().last_cycle?.ended_at != null, {
        timeout: 10_000,
      })
      .toBe(true);
    const health = watchHealth();
    expect(health).toMatchObject({
      state: "on",
      role: "leader",
      interval_s: 1,
      error: null,
      last_cycle: {
        duration_ms: expect.any(Number) as number,
        error: null,
        counts: { orgs: 3, spaces: 7, groups: 3, baselined: 7, cfRequests: 3, cfDepth: 1 },
      },
    });
    expect(threads).toBe(1);
    const requests = t.sim.requests().filter((r) => r.user_guid === "egress-watcher");
    expect(requests.every((r) => r.method === "GET")).toBe(true);

    // The server's shutdown runs the hooks in order: the watcher's first, then the database's.
    const registry = (globalThis as Record<symbol, { hooks: (() => Promise<void>)[] } | undefined>)[
      Symbol.for("egress-dashboard.shutdown")
    ];
    for (const hook of registry?.hooks ?? []) await hook();
    const { getDatabase } = await import("@/lib/db");
    expect(await (await getDatabase()).watch.lease("watcher")).toBeNull();
    expect(watchStatus()).toMatchObject({ state: "on" });
  });
});
