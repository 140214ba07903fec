import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CfClient } from "@/lib/cf/client";
import { testBackends } from "@/lib/db/test-support/backends";
import { useHistory } from "@/lib/db/test-support/fixtures";
import { openDatabase } from "@/lib/db/store";
import type { AppDatabase } from "@/lib/db/types";
import { loadPlatform } from "@/lib/egress/load-catalog";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import { WATCHER_CLIENT_ID, WATCHER_CLIENT_SECRET } from "@/sim/uaa";
import { inProcessCycles } from "./test-support/in-process-cycles";
import { ClientTokenSource } from "./token";
import { Watcher } from "./watcher";

/**
 * Two instances over one database (SQLite, and PostgreSQL with DATABASE_URL):
 * one cycle per interval, all by the lease's holder; when the holder is
 * killed (its lease left to run out), the other takes over within two
 * intervals; a holder that stops gracefully hands over at once.
 */

const INTERVAL_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.close();
});

const quiet = { info: () => undefined, warn: () => undefined };

function watcher(store: AppDatabase, holder: string): Watcher {
  const tokens = new ClientTokenSource({
    tokenUrl: () => Promise.resolve(`${t.sim.uaaUrl}/oauth/token`),
    clientId: WATCHER_CLIENT_ID,
    clientSecret: WATCHER_CLIENT_SECRET,
    timeoutMs: 5000,
  });
  return new Watcher({
    intervalMs: INTERVAL_MS,
    holder,
    store: () => Promise.resolve(store),
    runCycle: inProcessCycles({
      store: () => Promise.resolve(store),
      client: async (onRequest) =>
        new CfClient({ apiUrl: t.sim.cfUrl, token: await tokens.token(), onRequest }),
      context: () => loadPlatform(),
    }),
    tokenRefused: () => tokens.forget(),
    pendingStaleAfterMs: 120_000,
    log: quiet,
  });
}

describe.each(testBackends())("two watchers over one database on $name", (backend) => {
  const h = useHistory(backend);
  const stores: AppDatabase[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  it("run one cycle per interval between them, and the other takes over within two intervals of a kill", async () => {
    // Real clocks: the lease and the cycles are timed by the instances, not the test.
    const [storeA, storeB] = [await openDatabase(h.database.config), await openDatabase(h.database.config)];
    stores.push(storeA, storeB);
    const a = watcher(storeA, "a");
    const b = watcher(storeB, "b");
    a.start();
    b.start();
    await sleep(3.6 * INTERVAL_MS);
    const before = (await storeA.watch.lastCycles(50)).reverse();
    const leader = before[0]?.holder;
    expect(new Set(before.map((c) => c.holder))).toEqual(new Set([leader]));
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < before.length; i++) {
      expect((before[i]?.startedAt ?? 0) - (before[i - 1]?.startedAt ?? 0)).toBeGreaterThanOrEqual(
        INTERVAL_MS,
      );
    }
    expect(before.filter((c) => c.endedAt !== null).every((c) => c.error === null)).toBe(true);

    const [dead, survivor] = leader === "a" ? [a, b] : [b, a];
    await dead.stop({ release: false });
    const killedAt = Date.now();
    let takeover: number | undefined;
    while (takeover === undefined && Date.now() - killedAt < 4 * INTERVAL_MS) {
      await sleep(50);
      const [latest] = await storeA.watch.lastCycles(1);
      if (latest && latest.holder !== leader) takeover = latest.startedAt;
    }
    expect(takeover).toBeDefined();
    expect((takeover ?? Infinity) - killedAt).toBeLessThanOrEqual(2 * INTERVAL_MS);
    expect(survivor.status()).toMatchObject({ state: "on", role: "leader" });
    await survivor.stop();
    expect(await storeA.watch.lease("watcher")).toBeNull();
  }, 15_000);
});
