import { describe, expect, it } from "vitest";
import { alertPayloadSchema } from "@/lib/alert-format/payload";
import { verifyWholeChain } from "./chain-check";
import { testBackends } from "./test-support/backends";
import { OLIVIA, ORG, OTHER_ORG, PUBLIC, T0, TRUSTED, useHistory } from "./test-support/fixtures";
import type { AppDatabase, GroupObservation, ObservedGroup, RuleDriftEntry } from "./types";

/**
 * The rule drift check (docs/design.md §13, "Drift") on a real database: a group's rules and flags
 * as last observed, a change made outside the dashboard recorded once per org it concerns, with
 * its alerts and chain records, and the dashboard's own edits never reported as drift.
 */

const THIRD_ORG = "org-gamma";
const ALL_ORGS = [ORG, OTHER_ORG, THIRD_ORG];
const OFF = { running: false, staging: false };
const REDIS = { protocol: "tcp", destination: "10.0.2.0/24", ports: "6379", description: "Redis" };
const DNS = { protocol: "udp", destination: "10.0.0.2", ports: "53" };
const IN_FLIGHT_MS = 120_000;

function trusted(rules: object[], more: Partial<ObservedGroup> = {}): ObservedGroup {
  return { ...TRUSTED, rules, globallyEnabled: OFF, boundOrgGuids: [ORG, OTHER_ORG], ...more };
}

function seen(observedAt: number, groups: ObservedGroup[]): GroupObservation {
  return { observedAt, groups, allOrgGuids: ALL_ORGS, inFlightMs: IN_FLIGHT_MS };
}

async function ruleDrifts(store: AppDatabase, orgGuid: string): Promise<RuleDriftEntry[]> {
  const result = await store.list({ orgGuid, spaceGuids: [], kinds: ["drift"], limit: 50 });
  if (!result.ok) throw new Error(result.message);
  return result.entries.filter((e): e is RuleDriftEntry => e.kind === "rule-drift");
}

describe.each(testBackends())("rule drift on $name", (backend) => {
  const h = useHistory(backend);

  it("baselines a group on first sight, and an unchanged one stays without entries", async () => {
    expect(await h.store.observeGroups(seen(T0, [trusted([REDIS, DNS])]))).toEqual({
      baselined: 1,
      drifted: 0,
      entries: 0,
      explained: 0,
    });
    h.clock = T0 + 60_000;
    // The same rules in another order: nothing changed.
    expect(await h.store.observeGroups(seen(T0 + 60_000, [trusted([DNS, REDIS])]))).toEqual({
      baselined: 0,
      drifted: 0,
      entries: 0,
      explained: 0,
    });
    expect(await ruleDrifts(h.store, ORG)).toEqual([]);
  });

  it("records a change made outside the dashboard once per org bound, with its window, alert and chain record", async () => {
    await h.store.alerts.addDestination({
      orgGuid: ORG,
      orgName: "agency-alpha",
      channel: "webhook",
      target: "http://127.0.0.1:9/hook",
      secret: "sealed",
      createdBy: "olivia",
    });
    await h.store.alerts.setSubscriptions(ORG, "agency-alpha", ["drift"]);
    await h.store.observeGroups(seen(T0, [trusted([REDIS, DNS])]));
    h.clock = T0 + 30_000;
    await h.store.observeGroups(seen(T0 + 30_000, [trusted([REDIS, DNS])]));
    h.clock = T0 + 61_000;
    const result = await h.store.observeGroups(seen(T0 + 60_000, [trusted([DNS])]));
    expect(result).toEqual({ baselined: 0, drifted: 1, entries: 2, explained: 0 });

    const [entry] = await ruleDrifts(h.store, ORG);
    expect(entry).toMatchObject({
      kind: "rule-drift",
      group: TRUSTED,
      changes: { added: [], removed: [REDIS], flags: [] },
      // From the last observation that saw the old rules to this one's write.
      from: T0 + 30_000,
      to: T0 + 61_000,
    });
    expect(await ruleDrifts(h.store, OTHER_ORG)).toHaveLength(1);
    expect(await ruleDrifts(h.store, THIRD_ORG)).toEqual([]);

    const [delivery] = await h.store.alerts.claimDue(10, 60_000);
    const payload = alertPayloadSchema.parse(JSON.parse(delivery?.payload ?? "{}"));
    expect(payload).toMatchObject({
      kind: "drift",
      space: null,
      group: TRUSTED,
      summary:
        "the rules of security group trusted_local_networks_egress changed: rule removed: tcp 10.0.2.0/24 ports 6379 (Redis)",
    });
    expect(await verifyWholeChain(h.store.chain)).toMatchObject({ intact: true, records: 2 });

    // Seen again as it now is: nothing more.
    h.clock = T0 + 90_000;
    expect((await h.store.observeGroups(seen(T0 + 90_000, [trusted([DNS])]))).entries).toBe(0);
  });

  it("reports a flag turned on platform-wide in every org, bound or not", async () => {
    await h.store.observeGroups(seen(T0, [trusted([REDIS], { boundOrgGuids: [] })]));
    h.clock = T0 + 60_000;
    const result = await h.store.observeGroups(
      seen(T0 + 60_000, [
        trusted([REDIS], { boundOrgGuids: [], globallyEnabled: { running: true, staging: false } }),
      ]),
    );
    expect(result.entries).toBe(3);
    for (const org of ALL_ORGS)
      expect((await ruleDrifts(h.store, org))[0]?.changes).toEqual({
        added: [],
        removed: [],
        flags: [{ lifecycle: "running", on: true }],
      });
  });

  it("never reports the dashboard's own edit as drift, pending or succeeded", async () => {
    await h.store.observeGroups(seen(T0, [trusted([REDIS, DNS])]));
    h.clock = T0 + 20_000;
    const ids = await h.store.recordGroupEditIntents(
      [ORG, OTHER_ORG].map((orgGuid) => ({
        user: OLIVIA,
        orgGuid,
        group: TRUSTED,
        details: {
          rules: { before: [REDIS, DNS], after: [DNS] },
          globallyEnabled: { before: OFF, after: OFF },
          spaces: [],
          command: "cf update-security-group trusted_local_networks_egress rules.json",
        },
      })),
    );
    // Observed while the edit is still pending (its outcome not yet written): explained all the same.
    h.clock = T0 + 60_000;
    expect(await h.store.observeGroups(seen(T0 + 60_000, [trusted([DNS])]))).toMatchObject({
      drifted: 0,
      entries: 0,
      explained: 1,
    });
    await h.store.recordGroupEditOutcome(ids, { outcome: "succeeded" });
    h.clock = T0 + 90_000;
    expect((await h.store.observeGroups(seen(T0 + 90_000, [trusted([DNS])]))).explained).toBe(0);
    expect(await ruleDrifts(h.store, ORG)).toEqual([]);

    // A failed edit explains nothing: CF refused it, so what is seen was done elsewhere.
    const [failed] = await h.store.recordGroupEditIntents([
      {
        user: OLIVIA,
        orgGuid: ORG,
        group: TRUSTED,
        details: {
          rules: { before: [DNS], after: [] },
          globallyEnabled: { before: OFF, after: OFF },
          spaces: [],
          command: "",
        },
      },
    ]);
    await h.store.recordGroupEditOutcome([failed ?? -1], { outcome: "failed", message: "CF said no" });
    h.clock = T0 + 120_000;
    expect((await h.store.observeGroups(seen(T0 + 120_000, [trusted([])]))).drifted).toBe(1);
    expect(await verifyWholeChain(h.store.chain)).toMatchObject({ intact: true });
  });

  it("two instances observing the same change at once record it once", async () => {
    const other = await h.another();
    await h.store.observeGroups(
      seen(T0, [trusted([REDIS]), { ...PUBLIC, rules: [], globallyEnabled: OFF, boundOrgGuids: [ORG] }]),
    );
    h.clock = T0 + 60_000;
    const changed = seen(T0 + 60_000, [
      trusted([REDIS, DNS]),
      { ...PUBLIC, rules: [DNS], globallyEnabled: OFF, boundOrgGuids: [ORG] },
    ]);
    const results = await Promise.all([h.store.observeGroups(changed), other.observeGroups(changed)]);
    expect(results.map((r) => r.drifted).reduce((a, b) => a + b)).toBe(2);
    expect((await ruleDrifts(h.store, ORG)).map((e) => e.group.name).sort()).toEqual([
      PUBLIC.name,
      TRUSTED.name,
    ]);
    expect(await ruleDrifts(h.store, OTHER_ORG)).toHaveLength(1);
    // An observer whose reads began before the last recorded one changes nothing.
    expect((await other.observeGroups(seen(T0 + 30_000, [trusted([])]))).drifted).toBe(0);
  });
});
