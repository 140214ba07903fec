import "server-only";
import { sql, type Kysely, type Migration } from "kysely";
import type { Backend } from "./connect";

/**
 * Migration 008: a security group's edit (its rules, its platform-wide flags; docs/design.md §13) is a
 * history entry of kind `group`. It belongs to no space: one entry per org whose spaces' reach it
 * changes or to whose spaces the group is bound (the org's activity shows it as "whole org"), with
 * the edit and that org's opens and closes in `details`, and an outcome like a bind's.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const KINDS_008 = sql`kind in ('change', 'drift', 'policy', 'segment', 'request', 'group')`;
export const GROUP_CHECK = sql`kind <> 'group' or (outcome is not null and group_guid is not null
  and space_guid is null and details is not null)`;

/** What the rebuild needs of ./migrations.ts, passed in so that the two modules do not import each other. */
type EntriesTable = {
  rebuildEntries: (db: AnyDb, table: string) => Promise<void>;
  createEntryIndexes: (db: AnyDb) => Promise<void>;
};

export function groupEditsMigration(backend: Backend, entries: EntriesTable): Migration {
  return {
    async up(db: AnyDb) {
      if (backend === "postgres") {
        await sql`alter table history_entries drop constraint history_entries_kind`.execute(db);
        await sql`alter table history_entries add constraint history_entries_kind check (${KINDS_008})`.execute(
          db,
        );
        await sql`alter table history_entries add constraint history_entries_group check (${GROUP_CHECK})`.execute(
          db,
        );
        return;
      }
      // SQLite cannot change a table's constraints: rebuild it, same columns, same ids, same indexes (as 002).
      await entries.rebuildEntries(db, "history_entries_008");
      await sql`insert into history_entries_008 select * from history_entries`.execute(db);
      await db.schema.dropTable("history_entries").execute();
      await sql`alter table history_entries_008 rename to history_entries`.execute(db);
      await entries.createEntryIndexes(db);
    },
  };
}
