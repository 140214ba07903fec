import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { connect, type DatabaseConfig } from "./connect";
import { MIGRATION_NAMES } from "./migrations";
import { openDatabase } from "./store";
import { testBackends } from "./test-support/backends";
import { appliedMigrations } from "./test-support/inspect";
import { intent, observation, ORG, PUBLIC, space, T0, useHistory } from "./test-support/fixtures";
import type { GroupRef, AppDatabase, Observation, ObserveResult } from "./types";

const MINUTE = 60_000;
const SNAPSHOT_WRITE = /^update "space_snapshots" set "space_name"/;

describe.each(testBackends())("history under concurrency on $name", (backend) => {
  const h = useHistory(backend);

  async function countDrifts(store: AppDatabase = h.store, spaceGuids = ["s-dev"]): Promise<number> {
    const result = await store.list({ orgGuid: ORG, spaceGuids, kinds: ["drift"], limit: 500 });
    if (!result.ok) throw new Error(result.message);
    return result.entries.length;
  }

  it("50 concurrent changes from two app instances: 50 entries, none lost or duplicated", async () => {
    const spaces = Array.from({ length: 10 }, (_, i) => `s-${i}`);
    const groups: GroupRef[] = Array.from({ length: 50 }, (_, i) => ({ guid: `g-${i}`, name: `group-${i}` }));
    await h.store.observe(
      observation(
        T0,
        spaces.map((guid) => space(guid)),
      ),
    );
    const other = await h.another();
    h.clock = T0 + MINUTE;

    const written = await Promise.all(
      groups.map(async (group, i) => {
        const store = i % 2 === 0 ? h.store : other;
        const [id] = await store.recordIntents([intent(spaces[i % 10]!, group)]);
        await store.recordOutcomes([id!], { outcome: "succeeded" });
        return id!;
      }),
    );

    expect(new Set(written).size).toBe(50);
    const result = await h.store.list({ orgGuid: ORG, spaceGuids: spaces, limit: 500 });
    expect(result.ok && result.entries.map((e) => e.id).sort((a, b) => a - b)).toEqual(
      [...written].sort((a, b) => a - b),
    );
    expect(result.ok && result.entries.every((e) => e.kind === "change" && e.outcome === "succeeded")).toBe(
      true,
    );
    // Every space's record took all five of its changes (no lost update): CF's state is not drift.
    const cf = spaces.map((guid, s) =>
      space(
        guid,
        groups.filter((_, i) => i % 10 === s),
      ),
    );
    h.clock = T0 + 2 * MINUTE;
    const check = { ...observation(h.clock, cf), visibleGroupGuids: groups.map((g) => g.guid) };
    expect(await h.store.observe(check)).toEqual({ drifted: 0, baselined: 0, settled: 0 });
  });

  it("two observations of one outside change at the same moment write one drift entry", async () => {
    const queries: string[] = [];
    const other = await openDatabase({
      ...h.database.config,
      now: () => h.clock,
      onQuery: (sql) => queries.push(sql),
    });
    try {
      await h.store.observe(observation(T0, [space("s-dev")]));
      let raced = 0;
      for (let round = 1; round <= 10; round++) {
        h.clock = T0 + round * MINUTE;
        const cf = space("s-dev", round % 2 === 1 ? [PUBLIC] : []);
        const seen = observation(h.clock - 1_000, [cf]);
        h.queries.length = 0;
        queries.length = 0;
        // Same store twice and another instance: two in one process, one from "another process".
        const results = await Promise.all([
          h.store.observe(seen),
          other.observe(seen),
          h.store.observe(seen),
        ]);
        expect(results.reduce((sum, r) => sum + r.drifted, 0)).toBe(1);
        const writers = [h.queries, queries].map(
          (list) => list.filter((sql) => SNAPSHOT_WRITE.test(sql)).length,
        );
        if (writers[0]! + writers[1]! > 1) raced++;
      }
      expect(await countDrifts()).toBe(10);
      // The race was real: more than one observer tried to write the same change.
      expect(raced).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it("refuses a second drift entry for the same snapshot version, whatever the code path", async () => {
    await h.store.observe(observation(T0, [space("s-dev")]));
    h.clock = T0 + MINUTE;
    await h.store.observe(observation(h.clock, [space("s-dev", [PUBLIC])]));
    const connection = connect(h.database.config);
    try {
      const drift = await connection.db
        .selectFrom("history_entries")
        .selectAll()
        .where("kind", "=", "drift")
        .executeTakeFirstOrThrow();
      const { id: _id, ...copy } = drift;
      await expect(connection.db.insertInto("history_entries").values(copy).execute()).rejects.toThrow(
        /unique/i,
      );
    } finally {
      await connection.db.destroy();
    }
  });

  it("three processes starting on a new database at once: one migration, one drift entry", async () => {
    const fresh = await backend.fresh();
    const seen = observation(T0 + MINUTE, [space("s-dev", [PUBLIC])]);
    const children = Array.from({ length: 3 }, () => startChild(fresh.config, seen));
    try {
      // Node and tsx take a second or so to start: open only once all three are up, so they race.
      await Promise.all(children.map((child) => child.started));
      await Promise.all(children.map((child) => child.open()));
      const store = await openDatabase({ ...fresh.config, now: () => T0 });
      try {
        await store.observe(observation(T0, [space("s-dev")]));
        const results = await Promise.all(children.map((child) => child.go()));
        expect(results.reduce((sum, r) => sum + r.drifted, 0)).toBe(1);
        expect(await countDrifts(store)).toBe(1);
      } finally {
        await store.close();
      }
      expect(await appliedMigrations(fresh.config)).toEqual([...MIGRATION_NAMES]);
    } finally {
      for (const child of children) child.kill();
      await fresh.drop();
    }
  }, 60_000);
});

const CHILD = fileURLToPath(new URL("./test-support/race-child.mts", import.meta.url));

/** Another app instance in its own process (see ./test-support/race-child.mts). */
function startChild(config: DatabaseConfig, observation: Observation) {
  const child = spawn(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      CHILD,
      JSON.stringify(config),
      JSON.stringify(observation),
    ],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  const waiters: { line: string; resolve: () => void }[] = [];
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    const said = out.split("\n");
    for (const waiter of waiters.filter((w) => said.includes(w.line))) waiter.resolve();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const says = (line: string) =>
    Promise.race([
      new Promise<void>((resolve) => waiters.push({ line, resolve })),
      exited.then((code) => {
        throw new Error(`child exited ${code} before "${line}": ${err}`);
      }),
    ]);
  return {
    started: says("started"),
    open: () => {
      child.stdin.write("open\n");
      return says("ready");
    },
    go: async (): Promise<ObserveResult> => {
      child.stdin.write("go\n");
      const code = await exited;
      const line = out.split("\n").find((text) => text.startsWith("{"));
      if (code !== 0 || line === undefined) throw new Error(`child exited ${code}: ${err}`);
      return JSON.parse(line) as ObserveResult;
    },
    kill: () => child.exitCode === null && child.kill(),
  };
}
