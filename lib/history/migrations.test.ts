import { describe, expect, it } from "vitest";
import { connect } from "./connect";
import { migrate, MIGRATION_NAMES } from "./migrations";
import { openHistory } from "./store";
import { testBackends } from "./test-support/backends";
import { appliedMigrations } from "./test-support/inspect";
import { useHistory } from "./test-support/fixtures";

describe.each(testBackends())("history migrations on $name", (backend) => {
  const h = useHistory(backend);

  it("ran at open, once, and running them again changes nothing", async () => {
    expect(await appliedMigrations(h.database.config)).toEqual([...MIGRATION_NAMES]);
    const connection = connect(h.database.config);
    try {
      expect(await migrate(connection)).toEqual([]);
      expect(await migrate(connection)).toEqual([]);
    } finally {
      await connection.db.destroy();
    }
    // Another store on the same database opens without migrating again.
    const queries: string[] = [];
    const again = await openHistory({ ...h.database.config, onQuery: (sql) => queries.push(sql) });
    await again.close();
    expect(queries.filter((sql) => /create table/i.test(sql))).toEqual([]);
  });

  it("three connections migrating a new database at once: one runs it, the others find it done", async () => {
    const fresh = await backend.fresh();
    const connections = Array.from({ length: 3 }, () => connect(fresh.config));
    try {
      const runs = await Promise.all(connections.map((connection) => migrate(connection)));
      expect(runs.flat()).toEqual([...MIGRATION_NAMES]);
    } finally {
      await Promise.all(connections.map((connection) => connection.db.destroy()));
      await fresh.drop();
    }
  });

  it("concurrent opens in one process share one migration run", async () => {
    const fresh = await backend.fresh();
    const queries: string[] = [];
    try {
      const stores = await Promise.all(
        Array.from({ length: 5 }, () =>
          openHistory({ ...fresh.config, onQuery: (sql) => queries.push(sql) }),
        ),
      );
      await Promise.all(stores.map((store) => store.close()));
      expect(queries.filter((sql) => /create table "history_entries"/i.test(sql))).toHaveLength(1);
    } finally {
      await fresh.drop();
    }
  });
});
