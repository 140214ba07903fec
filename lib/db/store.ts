import "server-only";
import { sql } from "kysely";
import { alertStore } from "./alerts";
import { chainStore } from "./chain-store";
import { recordIntents, recordOutcomes, recordPolicyChange } from "./changes";
import { connect, type DatabaseConfig } from "./connect";
import type { StoreContext } from "./context";
import { recordRequest, recordSegmentIntent, recordSegmentOutcome } from "./events";
import { recordGroupEditIntents, recordGroupEditOutcome } from "./events-group";
import { migrateOnce } from "./migrations";
import { observe } from "./observe";
import { observeGroups } from "./observe-groups";
import { readPolicies, readPolicy, writePolicy } from "./policies";
import { lastEntries, list } from "./queries";
import { renewalStore } from "./renewals";
import { standingStore } from "./standings";
import { cycleStore, leaseStore } from "./watch-lease";
import type { AppDatabase } from "./types";

/**
 * Opens a history store: connects, brings the schema up to date (once per
 * database per process), and answers the store. Each call opens its own
 * connection (pool); the app keeps one store per process (./index.ts).
 */
export async function openDatabase(config: DatabaseConfig): Promise<AppDatabase> {
  const connection = connect(config);
  try {
    await migrateOnce(connection);
  } catch (error) {
    await connection.db.destroy();
    throw error;
  }
  const ctx: StoreContext = {
    db: connection.db,
    backend: connection.backend,
    now: config.now ?? Date.now,
    publicEgressGroups: config.publicEgressGroups ?? (() => []),
  };
  return {
    recordIntents: (intents) => recordIntents(ctx, intents),
    recordOutcomes: (ids, outcome) => recordOutcomes(ctx, ids, outcome),
    observe: (observation) => observe(ctx, observation),
    observeGroups: (observation) => observeGroups(ctx, observation),
    lastEntries: (orgGuid, spaceGuids) => lastEntries(ctx, orgGuid, spaceGuids),
    list: (query) => list(ctx, query),
    recordPolicyChange: (change) => recordPolicyChange(ctx, change),
    recordSegmentIntent: (intent) => recordSegmentIntent(ctx, intent),
    recordSegmentOutcome: (id, outcome) => recordSegmentOutcome(ctx, id, outcome),
    recordRequest: (request) => recordRequest(ctx, request),
    recordGroupEditIntents: (intents) => recordGroupEditIntents(ctx, intents),
    recordGroupEditOutcome: (ids, outcome) => recordGroupEditOutcome(ctx, ids, outcome),
    readPolicy: (orgGuid) => readPolicy(ctx, orgGuid),
    readPolicies: () => readPolicies(ctx),
    writePolicy: (write) => writePolicy(ctx, write),
    renewals: renewalStore(ctx),
    watch: { ...leaseStore(ctx), ...cycleStore(ctx), ...standingStore(ctx) },
    alerts: alertStore(ctx),
    chain: chainStore(ctx),
    ping: async () => {
      await sql`select 1`.execute(connection.db);
    },
    close: () => connection.db.destroy(),
  };
}
