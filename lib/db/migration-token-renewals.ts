import "server-only";
import { sql, type Kysely, type Migration } from "kysely";

/**
 * Migration 004: UAA refresh tokens are single-use, so instances renewing one session coordinate through
 * this table (./renewals.ts, docs/adr/0007-token-renewal-across-instances.md).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const tokenRenewalsMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("token_renewals")
      // An HMAC of the refresh token being spent, never the token.
      .addColumn("key", "text", (col) => col.primaryKey())
      .addColumn("state", "text", (col) => col.notNull())
      .addColumn("owner", "text", (col) => col.notNull())
      // The renewed tokens, encrypted (JWE) with a key derived from AUTH_SECRET.
      .addColumn("tokens", "text")
      .addColumn("claimed_at", "bigint", (col) => col.notNull())
      .addColumn("expires_at", "bigint", (col) => col.notNull())
      .addCheckConstraint("token_renewals_state", sql`state in ('pending', 'done', 'refused')`)
      .addCheckConstraint("token_renewals_done", sql`state <> 'done' or tokens is not null`)
      .execute();
    await db.schema.createIndex("token_renewals_expires").on("token_renewals").column("expires_at").execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable("token_renewals").execute();
  },
};
