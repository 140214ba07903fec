import { MessageChannel, Worker } from "node:worker_threads";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CfClient } from "@/lib/cf/client";
import { testBackends } from "@/lib/db/test-support/backends";
import { useHistory } from "@/lib/db/test-support/fixtures";
import { loadPlatform } from "@/lib/egress/load-catalog";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import { WATCHER_CLIENT_ID, WATCHER_CLIENT_SECRET } from "@/sim/uaa";
import { CycleFailure, refusedToken, type CycleRun } from "./cycle-runner";
import { CycleThread, serveCycles } from "./cycle-thread";
import { ClientTokenSource } from "./token";

/**
 * The cycle thread's protocol over a real MessageChannel (the production
 * worker is a bundle of Next's build, proven by the e2e and deployment
 * suites): a cycle's result, its requests and its orgs' failures cross back;
 * CF's refusal of the token keeps its status; a stop reaches the cycle; a
 * thread that ends fails its cycle instead of leaving it waiting.
 */

const T0 = 1_700_000_000_000;

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.reset();
});

function run(at: number, overrides: Partial<CycleRun> = {}): CycleRun & { requests: () => number } {
  let requests = 0;
  return {
    observedAt: at,
    previousObservedAt: null,
    baseline: true,
    pendingStaleAfterMs: 120_000,
    // Both ends share this thread, whose own cycle makes it look busy: no pauses (./give-way.test.ts).
    pauseBudgetMs: 0,
    signal: new AbortController().signal,
    onRequest: () => requests++,
    onOrgError: () => undefined,
    requests: () => requests,
    ...overrides,
  };
}

describe.each(testBackends())("the watcher's cycle thread on $name", (backend) => {
  const h = useHistory(backend);

  function channel(token: () => Promise<string>) {
    const { port1, port2 } = new MessageChannel();
    serveCycles(port1, {
      store: () => Promise.resolve(h.store),
      client: (bearer, onRequest) => new CfClient({ apiUrl: t.sim.cfUrl, token: bearer, onRequest }),
      context: () => loadPlatform(),
      close: () => Promise.resolve(),
    });
    return new CycleThread(
      () => Object.assign(port2, { terminate: () => Promise.resolve(port2.close()) }),
      token,
    );
  }
  const watcherToken = () =>
    new ClientTokenSource({
      tokenUrl: () => Promise.resolve(`${t.sim.uaaUrl}/oauth/token`),
      clientId: WATCHER_CLIENT_ID,
      clientSecret: WATCHER_CLIENT_SECRET,
      timeoutMs: 5000,
    }).token();

  it("runs a cycle over the channel: its counts and its CF requests come back", async () => {
    const thread = channel(watcherToken);
    try {
      const first = run(T0);
      expect(await thread.runner(first)).toMatchObject({
        orgs: 3,
        spaces: 7,
        baselined: 7,
        failedOrgs: 0,
        pausedMs: 0,
      });
      expect(first.requests()).toBe(3);
      const second = run(T0 + 300_000, { previousObservedAt: T0, baseline: false });
      expect(await thread.runner(second)).toMatchObject({ orgs: 3, spaces: 7, baselined: 0, drifted: 0 });
      expect((await h.store.watch.lastCycles(1)).length).toBe(0); // the watcher records cycles, not the thread
    } finally {
      await thread.close();
    }
  });

  it("keeps CF's 401 as the failure's status, so the watcher forgets the token", async () => {
    const thread = channel(() => Promise.resolve("not-a-token"));
    try {
      const failure = await thread.runner(run(T0)).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CycleFailure);
      expect(refusedToken(failure)).toBe(true);
    } finally {
      await thread.close();
    }
  });

  it("stops a cycle when its signal aborts, with the reason", async () => {
    const thread = channel(watcherToken);
    try {
      const abort = new AbortController();
      const cycle = thread.runner(run(T0, { signal: abort.signal }));
      abort.abort(new Error("the lease went to another instance"));
      await expect(cycle).rejects.toThrow("the lease went to another instance");
    } finally {
      await thread.close();
    }
  });
});

describe("a cycle thread that ends", () => {
  it("fails the cycle in flight with the reason, and the next cycle gets a new thread", async () => {
    let spawned = 0;
    const thread = new CycleThread(
      () => {
        spawned++;
        return new Worker("process.exit(3)", { eval: true });
      },
      () => Promise.resolve("token"),
    );
    await expect(thread.runner(run(T0))).rejects.toThrow("the cycle's thread ended: exit code 3");
    await expect(thread.runner(run(T0))).rejects.toThrow("exit code 3");
    expect(spawned).toBe(2);
    await thread.close();
  });
});
