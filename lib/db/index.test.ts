import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDatabase } from "./index";

describe("getDatabase", () => {
  it("opens the process's store from the environment once, and tries again after a failed open", async () => {
    const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
    const dataDir = mkdtempSync(path.join(tmpdir(), "egress-history-"));
    try {
      process.env.DATABASE_URL = "mysql://egress@db.example.org/egress";
      await expect(getDatabase()).rejects.toThrow(/DATABASE_URL/);

      delete process.env.DATABASE_URL;
      process.env.DATA_DIR = dataDir;
      const [first, second] = await Promise.all([getDatabase(), getDatabase()]);
      expect(second).toBe(first);
      expect(await getDatabase()).toBe(first);
      expect(existsSync(path.join(dataDir, "history.sqlite"))).toBe(true);
      await first.close();
    } finally {
      delete (globalThis as { __egressDatabase?: unknown }).__egressDatabase;
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
