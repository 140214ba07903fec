import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { exited, startProcess, stopProcess } from "../../scripts/lib/processes";
import { query } from "./support/deploy";

/**
 * The watcher across processes (docs/adr/0009-watcher-lease.md): two
 * instances of the production build, each with the watcher's client and a
 * 2 s interval, over the suite's one PostgreSQL. Between them they run
 * exactly one cycle per interval, all by the lease's holder; when the holder
 * is killed (SIGKILL: no shutdown, no release, its lease left to run out),
 * the other starts cycles within two intervals. Each instance's
 * /api/health and its log say the same of the last cycle. Bounded: about
 * 25 s with the start-up.
 */

const SIM_URL = process.env.E2E_SIM_URL ?? "";
const INTERVAL_MS = 2_000;
/** A tick is a quarter interval (lib/watch/watcher.ts): a due cycle starts at most one tick late, plus slack. */
const LATEST_GAP_MS = INTERVAL_MS + INTERVAL_MS / 4 + 750;
const WATCHER_SECRET = "demo-watcher-secret";

type Instance = { name: string; origin: string; child: ChildProcess; pid: number; output: () => string };
type CycleRow = {
  id: number;
  holder: string;
  started_at: number;
  ended_at: number | null;
  error: string | null;
};
type LastCycle = {
  id: number;
  started_at: string;
  ended_at: string | null;
  duration_ms: number | null;
  by: string;
  counts: Record<string, number> | null;
  error: string | null;
};
type Health = { watcher: { state: string; role?: string; last_cycle?: LastCycle | null } };

/** A port the system has free now (the suite's fixed ones belong to its other servers). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function start(name: string): Promise<Instance> {
  const port = await freePort();
  let output = "";
  const child = startProcess("node", [path.resolve("dist", "start.cjs")], {
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      CF_API_URL: SIM_URL,
      CF_REQUEST_TIMEOUT_MS: process.env.E2E_CF_TIMEOUT_MS,
      UAA_CLIENT_SECRET: process.env.E2E_CLIENT_SECRET,
      AUTH_SECRET: process.env.E2E_AUTH_SECRET,
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: process.env.E2E_ACTIONS_KEY,
      DATABASE_URL: process.env.DATABASE_URL,
      WATCH_CLIENT_ID: "egress-watcher",
      WATCH_CLIENT_SECRET: WATCHER_SECRET,
      WATCH_INTERVAL: String(INTERVAL_MS / 1000),
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  if (child.pid === undefined) throw new Error(`instance ${name} did not start`);
  // `node dist/start.cjs` serves in itself: its pid is the one in the lease's holder id (lib/watch/index.ts).
  return { name, origin: `http://127.0.0.1:${port}`, child, pid: child.pid, output: () => output };
}

async function health(instance: Instance): Promise<Health | null> {
  try {
    const response = await fetch(`${instance.origin}/api/health`, { signal: AbortSignal.timeout(2_000) });
    return response.ok ? ((await response.json()) as Health) : null;
  } catch {
    return null; // not listening yet
  }
}

/** The cycles that began since `since`, oldest first, with which instance (by process id) ran each. */
async function cyclesSince(since: number, instances: Instance[]) {
  const rows = await query<CycleRow>(
    `select id, holder, started_at::float8 as started_at, ended_at::float8 as ended_at, error
       from watch_cycles where started_at >= $1 order by started_at, id`,
    [since],
  );
  return rows.map((row) => ({
    ...row,
    by: instances.find((i) => row.holder.split(":")[1] === String(i.pid))?.name ?? row.holder,
  }));
}

function expectOnePerInterval(cycles: { started_at: number }[]): void {
  for (let i = 1; i < cycles.length; i++) {
    const gap = (cycles[i]?.started_at ?? 0) - (cycles[i - 1]?.started_at ?? 0);
    expect(gap, `gap before cycle ${i}`).toBeGreaterThanOrEqual(INTERVAL_MS);
    expect(gap, `gap before cycle ${i}`).toBeLessThanOrEqual(LATEST_GAP_MS);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let instances: Instance[] = [];

test.afterEach(async () => {
  await Promise.all(instances.map((instance) => stopProcess(instance.child)));
  instances = [];
});

test("two instances run one cycle per interval between them, and when the holder is killed the other takes over within two intervals", async () => {
  test.setTimeout(90_000);
  instances = await Promise.all([start("a"), start("b")]);
  const [a, b] = instances as [Instance, Instance];
  // Both up, one leading: a first cycle ended (whoever ran it), the other instance standing by.
  await expect(async () => {
    const [ha, hb] = await Promise.all([health(a), health(b)]);
    expect(ha?.watcher.state).toBe("on");
    expect(hb?.watcher.state).toBe("on");
    expect([ha?.watcher.role, hb?.watcher.role].sort()).toEqual(["leader", "standby"]);
    expect((await cyclesSince(0, instances)).some((c) => c.ended_at !== null)).toBe(true);
  }).toPass({ timeout: 45_000, intervals: [250] });

  // Four intervals, both instances ticking all the while.
  const from = Date.now();
  await sleep(4 * INTERVAL_MS + 300);
  const shared = await cyclesSince(from, instances);
  const leaderName = shared[0]?.by;
  expect(["a", "b"]).toContain(leaderName);
  expect(new Set(shared.map((c) => c.by)), "cycles by one instance only").toEqual(new Set([leaderName]));
  expect(shared.length).toBeGreaterThanOrEqual(3);
  expect(shared.length).toBeLessThanOrEqual(5);
  expectOnePerInterval(shared);
  expect(shared.filter((c) => c.ended_at !== null).every((c) => c.error === null)).toBe(true);

  const [holder, survivor] = leaderName === "a" ? [a, b] : [b, a];
  // /api/health and the log say the same of the last cycle ended: its time, duration, counts, error.
  let reported: LastCycle | undefined;
  await expect(async () => {
    const last = (await health(holder))?.watcher.last_cycle;
    expect(last?.ended_at).toEqual(expect.any(String));
    reported = last ?? undefined;
  }).toPass({ timeout: 5_000, intervals: [100] });
  expect(reported).toMatchObject({
    duration_ms: expect.any(Number),
    error: null,
    counts: {
      orgs: expect.any(Number),
      spaces: expect.any(Number),
      cfRequests: 3,
      cfDepth: 1,
      failedOrgs: 0,
    },
  });
  const logged = holder
    .output()
    .split("\n")
    .filter((line) => line.includes('"msg":"watch: cycle done"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .find((line) => line.cycle === reported?.id);
  expect(logged, `the log line of cycle ${reported?.id}`).toBeDefined();
  expect(logged).toMatchObject({ ...reported?.counts, holder: reported?.by });
  // The log times the cycle from its first CF read, the database from its record: within a few ms.
  expect(Math.abs(Number(logged?.durationMs) - (reported?.duration_ms ?? 0))).toBeLessThanOrEqual(250);

  // Killed: no shutdown hook runs, the lease stays in its row until it expires.
  holder.child.kill("SIGKILL");
  await exited(holder.child);
  const killedAt = Date.now();
  let takeover: number | undefined;
  while (takeover === undefined && Date.now() - killedAt < 4 * INTERVAL_MS) {
    await sleep(100);
    takeover = (await cyclesSince(killedAt - INTERVAL_MS, instances)).find(
      (c) => c.by === survivor.name,
    )?.started_at;
  }
  expect(takeover, "a cycle by the survivor").toBeDefined();
  expect((takeover ?? Infinity) - killedAt).toBeLessThanOrEqual(2 * INTERVAL_MS);
  test.info().annotations.push({
    type: "cycles",
    description: `${shared.length} in ${(4 * INTERVAL_MS + 300) / 1000} s before the kill, gaps ${shared
      .slice(1)
      .map((c, i) => c.started_at - (shared[i]?.started_at ?? 0))
      .join(", ")} ms; takeover ${(takeover ?? 0) - killedAt} ms after the kill`,
  });

  // The survivor goes on, one cycle per interval, and nobody else runs any.
  await sleep(2 * INTERVAL_MS + 300);
  const after = await cyclesSince(killedAt, instances);
  expect(new Set(after.map((c) => c.by))).toEqual(new Set([survivor.name]));
  expect(after.length).toBeGreaterThanOrEqual(2);
  expectOnePerInterval(after);
  expect((await health(survivor))?.watcher.role).toBe("leader");

  // Neither log holds the watcher's secret or a token.
  for (const instance of [a, b]) {
    expect(instance.output()).not.toContain(WATCHER_SECRET);
    expect(instance.output()).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}/);
  }
});
