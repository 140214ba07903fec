import "server-only";
import type { StoreContext } from "./context";
import type { RenewalClaim, RenewalOutcome, RenewalStore } from "./types";

/**
 * Token renewals shared by the instances (docs/adr/0007): UAA refresh tokens
 * are single-use, so when requests of one session reach two instances at the
 * moment its access token is due, exactly one of them may spend the refresh
 * token. The first to insert the row (keyed by an HMAC of the refresh token)
 * renews; the others wait for the row to say `done` and take the new tokens
 * from it (encrypted by the caller, lib/auth/shared-renewal.ts). A claim left
 * `pending` longer than `staleAfterMs` (its process died) is taken over.
 * Rows live `ttlMs`, long enough for a request still carrying the old cookie.
 *
 * The same Kysely statements on SQLite and PostgreSQL: the primary key decides
 * who claims (INSERT … ON CONFLICT DO NOTHING), and a takeover is an UPDATE
 * conditioned on the claim it replaces.
 */

const ATTEMPTS = 3;

async function claim(
  ctx: StoreContext,
  key: string,
  owner: string,
  options: { staleAfterMs: number; ttlMs: number },
): Promise<RenewalClaim> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const now = ctx.now();
    if (attempt === 0) await ctx.db.deleteFrom("token_renewals").where("expires_at", "<", now).execute();
    const inserted = await ctx.db
      .insertInto("token_renewals")
      .values({
        key,
        state: "pending",
        owner,
        tokens: null,
        claimed_at: now,
        expires_at: now + options.ttlMs,
      })
      .onConflict((oc) => oc.column("key").doNothing())
      .returning("key")
      .executeTakeFirst();
    if (inserted) return { kind: "claimed" };

    const row = await ctx.db
      .selectFrom("token_renewals")
      .select(["state", "tokens", "claimed_at", "expires_at"])
      .where("key", "=", key)
      .executeTakeFirst();
    if (row === undefined) continue; // abandoned between the two statements: try to claim again
    if (row.expires_at < now) {
      await ctx.db
        .deleteFrom("token_renewals")
        .where("key", "=", key)
        .where("expires_at", "<", now)
        .execute();
      continue;
    }
    if (row.state === "done" && row.tokens !== null) return { kind: "done", tokens: row.tokens };
    if (row.state === "refused") return { kind: "refused" };
    if (row.claimed_at < now - options.staleAfterMs) {
      const taken = await ctx.db
        .updateTable("token_renewals")
        .set({ owner, claimed_at: now, expires_at: now + options.ttlMs })
        .where("key", "=", key)
        .where("state", "=", "pending")
        .where("claimed_at", "=", row.claimed_at)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 1) return { kind: "claimed" };
    }
    return { kind: "pending" };
  }
  return { kind: "pending" };
}

async function complete(
  ctx: StoreContext,
  key: string,
  owner: string,
  outcome: RenewalOutcome,
  ttlMs: number,
): Promise<boolean> {
  const result = await ctx.db
    .updateTable("token_renewals")
    .set({
      state: outcome.state,
      tokens: outcome.state === "done" ? outcome.tokens : null,
      expires_at: ctx.now() + ttlMs,
    })
    .where("key", "=", key)
    .where("owner", "=", owner)
    .where("state", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function abandon(ctx: StoreContext, key: string, owner: string): Promise<void> {
  await ctx.db
    .deleteFrom("token_renewals")
    .where("key", "=", key)
    .where("owner", "=", owner)
    .where("state", "=", "pending")
    .execute();
}

export function renewalStore(ctx: StoreContext): RenewalStore {
  return {
    claim: (key, owner, options) => claim(ctx, key, owner, options),
    complete: (key, owner, outcome, ttlMs) => complete(ctx, key, owner, outcome, ttlMs),
    abandon: (key, owner) => abandon(ctx, key, owner),
  };
}
