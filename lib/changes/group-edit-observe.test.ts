import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { verifyWholeChain } from "@/lib/db/chain-check";
import type { SecurityGroup } from "@/lib/cf/schemas";
import { connect } from "@/lib/db/connect";
import { observeGroupsSafely } from "@/lib/db/observe-groups-safely";
import { testBackends } from "@/lib/db/test-support/backends";
import { T0, useHistory } from "@/lib/db/test-support/fixtures";
import type { AppDatabase, GroupObservation, HistoryEntry } from "@/lib/db/types";
import { seededFoundation } from "@/lib/egress/test-support/seeded-foundation";
import { ids } from "@/sim/seed";
import { groupEditIntents, planGroupEdit, type Foundation } from "./group-edit";
import { editedGroupObservation } from "./group-edit-observe";

/**
 * Rule drift found without the watcher (docs/design.md §13, "Drift"), on a real database: the group
 * page's read is the baseline, a change made straight in CF is recorded by the edit's read before the
 * edit's own entries, and the edit is then explained by them, never drift; a change after the edit
 * is drift from the edited rules. The CF reads are the seeded foundation as an admin's lists give it.
 */

const { orgs: o, securityGroups: g } = ids;
const INTRANET = { protocol: "tcp", destination: "10.77.0.0/16", ports: "443", description: "Intranet" };
const ctx = {
  session: {
    user: { id: "u-admin", name: "admin", email: "", isAdmin: true, readsGlobally: true },
    accessToken: "",
  },
  requestId: "req-edit",
};

function trustedOf(foundation: Foundation) {
  const group = foundation.groups.find((x) => x.guid === g.trustedLocal);
  if (!group) throw new Error("no trusted-local group in the seed");
  return group;
}

/** The foundation with trusted-local's rules replaced, as CF would show it after a change. */
function withRules(foundation: Foundation, rules: SecurityGroup["rules"]): Foundation {
  return {
    ...foundation,
    groups: foundation.groups.map((x) => (x.guid === g.trustedLocal ? { ...x, rules } : x)),
  };
}

async function alphaHistory(store: AppDatabase): Promise<HistoryEntry[]> {
  const result = await store.list({ orgGuid: o.alpha, spaceGuids: [], limit: 100 });
  if (!result.ok) throw new Error(result.message);
  return [...result.entries].reverse(); // oldest first
}

describe.each(testBackends())("rule drift seen by group pages and edits on $name", (backend) => {
  const h = useHistory(backend);
  const observe = (observation: GroupObservation) =>
    observeGroupsSafely(observation, "test", () => Promise.resolve(h.store));

  /** The seed, observed by the group page at T0; then Redis dropped and Intranet added straight in CF. */
  async function outsideChange(): Promise<Foundation> {
    const seeded = seededFoundation();
    expect(await observe(editedGroupObservation(seeded, g.trustedLocal, T0))).toMatchObject({ baselined: 1 });
    const rules = trustedOf(seeded).rules.filter((r) => r.description !== "Redis");
    return withRules(seeded, [...rules, INTRANET]);
  }

  /** The admin's edit of what CF now shows (RDS dropped), recorded as the action records it. */
  async function edit(foundation: Foundation): Promise<Foundation> {
    const rules = trustedOf(foundation).rules.filter((r) => r.description !== "RDS");
    const plan = planGroupEdit(foundation, { groupGuid: g.trustedLocal, rules });
    if (!plan) throw new Error("no plan");
    const entries = await h.store.recordGroupEditIntents(groupEditIntents(ctx, foundation, plan));
    await h.store.recordGroupEditOutcome(entries, { outcome: "succeeded" });
    return withRules(foundation, rules);
  }

  it("an edit after a change made outside the dashboard records the drift, then the edit, once each", async () => {
    const changed = await outsideChange();
    // The edit's read, before its write: the outside change is drift, between the page's read and now.
    h.clock = T0 + 61_000;
    expect(await observe(editedGroupObservation(changed, g.trustedLocal, T0 + 60_000))).toEqual({
      baselined: 0,
      drifted: 1,
      entries: 2, // alpha and beta, where trusted-local is bound
      explained: 0,
    });
    h.clock = T0 + 62_000;
    const edited = await edit(changed);

    // The page read after the save: the edit explains what CF shows; and again: unchanged.
    h.clock = T0 + 63_000;
    expect(await observe(editedGroupObservation(edited, g.trustedLocal, T0 + 63_000))).toMatchObject({
      drifted: 0,
      explained: 1,
    });
    h.clock = T0 + 90_000;
    expect(await observe(editedGroupObservation(edited, g.trustedLocal, T0 + 90_000))).toMatchObject({
      drifted: 0,
      explained: 0,
    });

    const history = await alphaHistory(h.store);
    expect(history.map((e) => e.kind)).toEqual(["rule-drift", "group"]);
    expect(history[0]).toMatchObject({
      kind: "rule-drift",
      group: { guid: g.trustedLocal, name: "trusted_local_networks_egress" },
      changes: { added: [INTRANET], removed: [expect.objectContaining({ description: "Redis" })], flags: [] },
      from: T0,
      to: T0 + 61_000,
    });
    expect(history[1]).toMatchObject({ kind: "group", outcome: "succeeded", requestId: "req-edit" });
    expect(await verifyWholeChain(h.store.chain)).toMatchObject({ intact: true });
  });

  it("without the edit's read first, the edit would hide the outside change (why it is observed)", async () => {
    const changed = await outsideChange();
    h.clock = T0 + 62_000;
    const edited = await edit(changed);
    h.clock = T0 + 63_000;
    // The edit's rules hash to what CF shows, so the outside change before it passes for the edit.
    expect(await observe(editedGroupObservation(edited, g.trustedLocal, T0 + 63_000))).toMatchObject({
      drifted: 0,
      explained: 1,
    });
    expect((await alphaHistory(h.store)).map((e) => e.kind)).toEqual(["group"]);
  });

  it("a change outside the dashboard after an edit is drift from the edited rules", async () => {
    const seeded = seededFoundation();
    await observe(editedGroupObservation(seeded, g.trustedLocal, T0));
    h.clock = T0 + 30_000;
    await observe(editedGroupObservation(seeded, g.trustedLocal, T0 + 30_000)); // the edit's read
    h.clock = T0 + 31_000;
    const edited = await edit(seeded);
    h.clock = T0 + 40_000;
    await observe(editedGroupObservation(edited, g.trustedLocal, T0 + 40_000)); // the page after the save
    const changed = withRules(edited, [...trustedOf(edited).rules, INTRANET]);
    h.clock = T0 + 91_000;
    expect(await observe(editedGroupObservation(changed, g.trustedLocal, T0 + 90_000))).toMatchObject({
      drifted: 1,
      explained: 0,
    });
    const history = await alphaHistory(h.store);
    expect(history.map((e) => e.kind)).toEqual(["group", "rule-drift"]);
    expect(history[1]).toMatchObject({
      changes: { added: [INTRANET], removed: [], flags: [] },
      from: T0 + 40_000,
      to: T0 + 91_000,
    });
  });

  it("a database that fails leaves the reader working: nothing thrown, null, and nothing recorded", async () => {
    const observation = editedGroupObservation(seededFoundation(), g.trustedLocal, T0);
    await expect(
      observeGroupsSafely(observation, "test", () => Promise.reject(new Error("no database"))),
    ).resolves.toBeNull();
    // The snapshots' table gone behind the store's back: the check's query fails, and is caught.
    const connection = connect(h.database.config);
    try {
      await sql`alter table group_rule_snapshots rename to snapshots_away`.execute(connection.db);
      await expect(observe(observation)).resolves.toBeNull();
      await sql`alter table snapshots_away rename to group_rule_snapshots`.execute(connection.db);
    } finally {
      await connection.db.destroy();
    }
    expect(await alphaHistory(h.store)).toEqual([]);
    expect(await observe(observation)).toMatchObject({ baselined: 1 });
  });
});
