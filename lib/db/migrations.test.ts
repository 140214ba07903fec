import { describe, expect, it } from "vitest";
import { connect } from "./connect";
import { migrate, MIGRATION_NAMES } from "./migrations";
import { openDatabase } from "./store";
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
    const again = await openDatabase({ ...h.database.config, onQuery: (sql) => queries.push(sql) });
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
          openDatabase({ ...fresh.config, onQuery: (sql) => queries.push(sql) }),
        ),
      );
      await Promise.all(stores.map((store) => store.close()));
      expect(queries.filter((sql) => /create table "history_entries"/i.test(sql))).toHaveLength(1);
    } finally {
      await fresh.drop();
    }
  });

  it("002 keeps every entry and its id, and lets segment moves and requests in", async () => {
    const fresh = await backend.fresh();
    const connection = connect(fresh.config);
    try {
      expect(await migrate(connection, "001_history")).toEqual(["001_history"]);
      const old = await connection.db
        .insertInto("history_entries")
        .values([
          {
            occurred_at: 1,
            kind: "change",
            outcome: "succeeded",
            org_guid: "o",
            space_guid: "s",
            group_guid: "g",
            group_name: "public_networks_egress",
            lifecycle: "running",
            action: "bind",
          },
          {
            occurred_at: 2,
            kind: "policy",
            org_guid: "o",
            details: JSON.stringify({ before: null, after: {} }),
          },
        ])
        .returning("id")
        .execute();
      expect(await migrate(connection, "002_segments_and_requests")).toEqual(["002_segments_and_requests"]);

      const kept = await connection.db
        .selectFrom("history_entries")
        .select(["id", "kind"])
        .orderBy("id")
        .execute();
      expect(kept).toEqual(old.map((row, i) => ({ id: row.id, kind: i === 0 ? "change" : "policy" })));

      const store = await openDatabase(fresh.config);
      try {
        const user = { guid: "u", name: "olivia" };
        const segment = await store.recordSegmentIntent({
          user,
          orgGuid: "o",
          spaceGuid: "s",
          spaceName: "staging",
          from: null,
          to: { guid: "iso", name: "alpha-dedicated" },
        });
        // Ids go on from the old table's, never reused.
        expect(segment).toBeGreaterThan(Math.max(...old.map((row) => row.id)));
        await store.recordSegmentOutcome(segment, { outcome: "succeeded" });
        await store.recordRequest({
          user,
          orgGuid: "o",
          message: "Requested private egress.",
          details: { apps: 3 },
        });
        const page = await store.list({ orgGuid: "o", spaceGuids: ["s"], limit: 10 });
        if (!page.ok) throw new Error(page.message);
        expect(page.entries.map((e) => e.kind)).toEqual(["request", "segment", "policy", "change"]);
        const moved = page.entries[1];
        expect(moved?.kind === "segment" && [moved.outcome, moved.to?.name]).toEqual([
          "succeeded",
          "alpha-dedicated",
        ]);
        const changes = await store.list({ orgGuid: "o", spaceGuids: ["s"], kinds: ["change"], limit: 10 });
        expect(changes.ok && changes.entries.map((e) => e.kind)).toEqual(["segment", "change"]);
      } finally {
        await store.close();
      }

      // The constraints still hold after the rebuild: a change needs its group, a kind must be known.
      await expect(
        connection.db
          .insertInto("history_entries")
          .values({ occurred_at: 3, kind: "change", outcome: "pending", org_guid: "o", space_guid: "s" })
          .execute(),
      ).rejects.toThrow();
      await expect(
        connection.db
          .insertInto("history_entries")
          // @ts-expect-error an unknown kind, on purpose
          .values({ occurred_at: 3, kind: "bogus", org_guid: "o" })
          .execute(),
      ).rejects.toThrow();
      await expect(
        connection.db
          .insertInto("history_entries")
          .values({ occurred_at: 3, kind: "segment", org_guid: "o", details: "{}" })
          .execute(),
      ).rejects.toThrow();
    } finally {
      await connection.db.destroy();
      await fresh.drop();
    }
  });
  it("003 adds org policies to a database in use, its entries kept", async () => {
    const fresh = await backend.fresh();
    const connection = connect(fresh.config);
    try {
      await migrate(connection, "002_segments_and_requests");
      await connection.db
        .insertInto("history_entries")
        .values({
          occurred_at: 1,
          kind: "policy",
          org_guid: "o",
          details: JSON.stringify({ before: null, after: {} }),
        })
        .execute();
      expect(await migrate(connection, "003_org_policies")).toEqual(["003_org_policies"]);
      const store = await openDatabase(fresh.config);
      try {
        const user = { guid: "u", name: "olivia" };
        const written = await store.writePolicy({
          user,
          orgGuid: "o",
          document: { version: 1 },
          expectedVersion: 0,
        });
        expect(written.ok && written.stored.version).toBe(1);
        const page = await store.list({ orgGuid: "o", spaceGuids: [], limit: 10 });
        expect(page.ok && page.entries.map((e) => e.kind)).toEqual(["policy", "policy"]);
      } finally {
        await store.close();
      }
    } finally {
      await connection.db.destroy();
      await fresh.drop();
    }
  });
  it("007 adds the alerts' tables to a database in use, and a drift then enqueues nothing until an org subscribes", async () => {
    const fresh = await backend.fresh();
    const connection = connect(fresh.config);
    try {
      await migrate(connection, "006_history_chain");
      await connection.db
        .insertInto("history_entries")
        .values({
          occurred_at: 1,
          kind: "policy",
          org_guid: "o",
          details: JSON.stringify({ before: null, after: {} }),
        })
        .execute();
      expect(await migrate(connection, "007_alerts")).toEqual(["007_alerts"]);
      const store = await openDatabase(fresh.config);
      try {
        expect(await store.alerts.deliveryCounts()).toEqual({ pending: 0, delivered: 0, failed: 0 });
        const page = await store.list({ orgGuid: "o", spaceGuids: [], limit: 10 });
        expect(page.ok && page.entries.map((e) => e.kind)).toEqual(["policy"]);
      } finally {
        await store.close();
      }
      // A delivery's state and a subscription's kind are checked by the database too.
      await expect(
        connection.db
          .insertInto("alert_subscriptions")
          // @ts-expect-error an unknown kind, on purpose
          .values({ org_guid: "o", kind: "everything", created_at: 1 })
          .execute(),
      ).rejects.toThrow();
      await expect(
        connection.db
          .insertInto("alert_destinations")
          .values({
            org_guid: "o",
            org_name: "o",
            channel: "webhook",
            target: "https://x",
            secret: null,
            created_at: 1,
            created_by: "u",
          })
          .execute(),
      ).rejects.toThrow();
    } finally {
      await connection.db.destroy();
      await fresh.drop();
    }
  });

  it("008 keeps every entry and its id, lets group edits in, and holds them to their shape", async () => {
    const fresh = await backend.fresh();
    const connection = connect(fresh.config);
    try {
      await migrate(connection, "007_alerts");
      const old = await connection.db
        .insertInto("history_entries")
        .values({
          occurred_at: 1,
          kind: "change",
          outcome: "succeeded",
          org_guid: "o",
          space_guid: "s",
          group_guid: "g",
          group_name: "public_networks_egress",
          lifecycle: "running",
          action: "bind",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      expect(await migrate(connection, "008_group_edits")).toEqual(["008_group_edits"]);

      const store = await openDatabase(fresh.config);
      try {
        const details = {
          rules: { before: [{ protocol: "tcp", destination: "10.10.4.0/24", ports: "6379" }], after: [] },
          globallyEnabled: {
            before: { running: false, staging: false },
            after: { running: false, staging: false },
          },
          spaces: [{ guid: "s", name: "prod", lifecycle: "running" as const, opens: [], closes: ["Redis"] }],
          command: "cf update-security-group trusted_local_networks_egress rules.json",
        };
        const user = { guid: "u", name: "admin" };
        const group = { guid: "g", name: "trusted_local_networks_egress" };
        const ids = await store.recordGroupEditIntents([
          { user, orgGuid: "o", group, details },
          { user, orgGuid: "o2", group, details: { ...details, spaces: [] } },
        ]);
        expect(ids).toHaveLength(2);
        expect(Math.min(...ids)).toBeGreaterThan(old.id);
        await store.recordGroupEditOutcome(ids, {
          outcome: "failed",
          cfError: { status: 422, code: 10008, title: "CF-UnprocessableEntity", detail: "Rules[0]: bad" },
          message: "Rules[0]: bad",
        });
        const page = await store.list({ orgGuid: "o", spaceGuids: ["s"], limit: 10 });
        if (!page.ok) throw new Error(page.message);
        expect(page.entries.map((e) => e.kind)).toEqual(["group", "change"]);
        const edit = page.entries[0];
        expect(edit?.kind === "group" && [edit.outcome, edit.cfError?.status, edit.details]).toEqual([
          "failed",
          422,
          details,
        ]);
        const failures = await store.list({ orgGuid: "o2", spaceGuids: [], kinds: ["failure"], limit: 10 });
        expect(failures.ok && failures.entries.map((e) => e.kind)).toEqual(["group"]);
      } finally {
        await store.close();
      }

      // A group edit belongs to no space and needs its group, outcome and details.
      for (const values of [
        { occurred_at: 2, kind: "group" as const, outcome: "pending" as const, org_guid: "o", details: "{}" },
        { occurred_at: 2, kind: "group" as const, org_guid: "o", group_guid: "g", details: "{}" },
        {
          occurred_at: 2,
          kind: "group" as const,
          outcome: "pending" as const,
          org_guid: "o",
          group_guid: "g",
        },
        {
          occurred_at: 2,
          kind: "group" as const,
          outcome: "pending" as const,
          org_guid: "o",
          group_guid: "g",
          space_guid: "s",
          details: "{}",
        },
      ])
        await expect(connection.db.insertInto("history_entries").values(values).execute()).rejects.toThrow();
    } finally {
      await connection.db.destroy();
      await fresh.drop();
    }
  });
});
