import { afterAll, afterEach, beforeEach } from "vitest";
import { openDatabase } from "../store";
import type { ChangeIntent, GroupRef, AppDatabase, Lifecycle, Observation, ObservedSpace } from "../types";
import type { TestBackend, TestDatabase } from "./backends";

/** A small world for the history's tests, and a fresh store per test. */

export const T0 = 1_700_000_000_000;
export const ORG = "org-alpha";
export const OTHER_ORG = "org-beta";
export const OLIVIA = { guid: "u-olivia", name: "olivia" };
export const PUBLIC: GroupRef = { guid: "g-public", name: "public_networks_egress" };
export const TRUSTED: GroupRef = { guid: "g-trusted", name: "trusted_local_networks_egress" };
/** Bound by an admin; not visible to org managers. */
export const SECRET: GroupRef = { guid: "g-secret", name: "admins_only" };
export const MANAGER_SEES = [PUBLIC.guid, TRUSTED.guid];
export const ADMIN_SEES = [PUBLIC.guid, TRUSTED.guid, SECRET.guid];
export const STALE_MS = 120_000;

export function intent(
  spaceGuid: string,
  group: GroupRef,
  action: "bind" | "unbind" = "bind",
  more: Partial<ChangeIntent> & { lifecycle?: Lifecycle } = {},
): ChangeIntent {
  return {
    user: OLIVIA,
    orgGuid: ORG,
    spaceGuid,
    spaceName: spaceGuid.replace(/^s-/, ""),
    group,
    lifecycle: "running",
    action,
    ...more,
  };
}

export function space(guid: string, running: GroupRef[] = [], staging: GroupRef[] = []): ObservedSpace {
  return { guid, name: guid.replace(/^s-/, ""), running, staging };
}

export function observation(observedAt: number, spaces: ObservedSpace[], visible = ADMIN_SEES): Observation {
  return {
    orgGuid: ORG,
    observedAt,
    spaces,
    visibleGroupGuids: visible,
    pendingStaleAfterMs: STALE_MS,
  };
}

export type Harness = {
  store: AppDatabase;
  database: TestDatabase;
  /** The store's clock; tests move it. */
  clock: number;
  /** SQL of every query the store ran. */
  queries: string[];
  /** Another store on the same database (another app instance), closed after the test. */
  another(): Promise<AppDatabase>;
};

/** Registers hooks that give each test a fresh database and store on this backend. */
export function useHistory(backend: TestBackend): Harness {
  const extra: AppDatabase[] = [];
  const harness = {
    clock: T0,
    queries: [] as string[],
  } as Harness;
  beforeEach(async () => {
    harness.clock = T0;
    harness.queries = [];
    harness.database = await backend.create();
    harness.store = await openDatabase({
      ...harness.database.config,
      now: () => harness.clock,
      onQuery: (sql) => harness.queries.push(sql),
    });
    harness.another = async () => {
      const store = await openDatabase({ ...harness.database.config, now: () => harness.clock });
      extra.push(store);
      return store;
    };
  });
  afterEach(async () => {
    await Promise.all([harness.store, ...extra.splice(0)].map((store) => store.close()));
    await harness.database.drop();
  });
  afterAll(() => backend.close());
  return harness;
}
