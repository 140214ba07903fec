import type { Kysely } from "kysely";
import type { Backend } from "./connect";
import type { HistoryDatabase } from "./schema";

/** What the store's operations share: the database, which one it is, and the clock. */
export type StoreContext = {
  db: Kysely<HistoryDatabase>;
  backend: Backend;
  now: () => number;
  /** The platform's public egress groups (its "public" profile): binding one is a `public-egress` alert. */
  publicEgressGroups: () => readonly string[];
};

/** Who settles an outcome the dashboard never recorded (see ./drift.ts). */
export const SETTLED_BY_DRIFT_CHECK = "drift check";
