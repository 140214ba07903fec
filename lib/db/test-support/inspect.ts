import { sql } from "kysely";
import { connect, type DatabaseConfig } from "../connect";
import { MIGRATION_TABLE } from "../migrations";

/** The names of the migrations recorded as applied in a database, read behind the store's back. */
export async function appliedMigrations(config: DatabaseConfig): Promise<string[]> {
  const connection = connect(config);
  try {
    const { rows } = await sql<{ name: string }>`
      select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(connection.db);
    return rows.map((row) => row.name);
  } finally {
    await connection.db.destroy();
  }
}
