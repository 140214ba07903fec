import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "@/lib/db/connect";
import { openDatabase } from "@/lib/db/store";
import { testBackends } from "@/lib/db/test-support/backends";
import { intent, OLIVIA, ORG, PUBLIC } from "@/lib/db/test-support/fixtures";

/**
 * `npm run history:verify` as an operator runs it: a process reading DATA_DIR or DATABASE_URL,
 * exit code 0 on an intact chain, 1 with the first break named on a tampered one.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

async function verify(config: { databaseUrl?: string; dataDir: string }) {
  try {
    const { stdout } = await promisify(execFile)(
      TSX,
      ["--conditions=react-server", "scripts/history-verify.mts"],
      {
        cwd: ROOT,
        timeout: 60_000,
        env: { ...process.env, DATA_DIR: config.dataDir, DATABASE_URL: config.databaseUrl ?? "" },
      },
    );
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "" };
  }
}

describe.each(testBackends())("npm run history:verify on $name", (backend) => {
  afterAll(() => backend.close());

  it("exits 0 on an intact chain, and 1 naming the entry, its time and what differs on a tampered one", async () => {
    const database = await backend.create();
    const store = await openDatabase({ ...database.config, now: () => 1_700_000_000_000 });
    const raw = connect(database.config);
    try {
      const [id] = await store.recordIntents([intent("s-dev", PUBLIC)]);
      await store.recordOutcomes([id ?? -1], { outcome: "succeeded" });
      await store.recordRequest({ user: OLIVIA, orgGuid: ORG, message: "asked", details: {} });

      const intact = await verify(database.config);
      expect(intact.code).toBe(0);
      expect(intact.stdout).toMatch(/^history chain: intact, 3 records/);

      await raw.db
        .updateTable("history_entries")
        .set({ outcome: "failed" })
        .where("id", "=", id ?? -1)
        .execute();
      const broken = await verify(database.config);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(
        `first break: entry ${id} (2023-11-14T22:13:20.000Z, record 1): outcome: the chain has "succeeded", the row has "failed"`,
      );
    } finally {
      await raw.db.destroy();
      await store.close();
      await database.drop();
    }
  }, 120_000);
});
