import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CfClient } from "@/lib/cf/client";
import { testBackends } from "@/lib/db/test-support/backends";
import { useHistory } from "@/lib/db/test-support/fixtures";
import type { DriftEntry, RuleDriftEntry } from "@/lib/db/types";
import { loadPlatform } from "@/lib/egress/load-catalog";
import { ids } from "@/sim/seed";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import { WATCHER_CLIENT_ID, WATCHER_CLIENT_SECRET } from "@/sim/uaa";
import { runCycle } from "./cycle";
import { ClientTokenSource } from "./token";

/**
 * Cycles over the stand-in's seeded world with the watcher's own token:
 * three CF lists and no write, a baseline first, then drift made straight
 * to CF found with its window, and compliance turning bad and good as events
 * with their causes (a drift, a new space, a policy edit).
 */

const { orgs: o, spaces: s, securityGroups: g } = ids;
const T0 = 1_700_000_000_000;

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.reset();
});

describe.each(testBackends())("a watcher cycle on $name", (backend) => {
  const h = useHistory(backend);
  let requests: { method: string; path: string }[] = [];
  let previous: number | null = null;

  beforeEach(() => {
    requests = [];
    previous = null;
  });

  async function cycle(at: number, groupsPerCheck?: number) {
    h.clock = at;
    const tokens = new ClientTokenSource({
      tokenUrl: () => Promise.resolve(`${t.sim.uaaUrl}/oauth/token`),
      clientId: WATCHER_CLIENT_ID,
      clientSecret: WATCHER_CLIENT_SECRET,
      timeoutMs: 5000,
    });
    const client = new CfClient({
      apiUrl: t.sim.cfUrl,
      token: await tokens.token(),
      onRequest: (event) => requests.push(event),
    });
    const { catalog, profiles } = loadPlatform();
    const result = await runCycle({
      client,
      store: h.store,
      context: { catalog, profiles },
      observedAt: at,
      previousObservedAt: previous,
      baseline: !(await h.store.watch.hasStandings()),
      pendingStaleAfterMs: 120_000,
      groupsPerCheck,
    });
    previous = at;
    return result;
  }

  const asAdmin = (method: string, path: string, body?: unknown) =>
    t.call(method, path, { user: "admin", body });
  const bindRunning = (group: string, space: string) =>
    asAdmin("POST", `/v3/security_groups/${group}/relationships/running_spaces`, { data: [{ guid: space }] });

  it("reads the foundation in three lists and writes nothing to CF; the first cycle is a baseline", async () => {
    const first = await cycle(T0);
    expect(first).toMatchObject({ orgs: 3, spaces: 7, baselined: 7, drifted: 0, events: 0, failedOrgs: 0 });
    expect(requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      "GET /v3/organizations",
      "GET /v3/security_groups",
      "GET /v3/spaces",
    ]);
    expect(await cycle(T0 + 300_000)).toMatchObject({ baselined: 0, drifted: 0, events: 0 });
  });

  it("records a bind made straight to CF as drift between the previous cycle and this one", async () => {
    await cycle(T0);
    expect((await bindRunning(g.public, s.alphaDev)).status).toBe(200);
    expect(await cycle(T0 + 300_000)).toMatchObject({ drifted: 1 });
    const page = await h.store.list({
      orgGuid: o.alpha,
      spaceGuids: [s.alphaDev],
      kinds: ["drift"],
      limit: 5,
    });
    if (!page.ok) throw new Error(page.message);
    const [drift] = page.entries as DriftEntry[];
    expect(drift).toMatchObject({
      spaceName: "dev",
      from: T0,
      to: T0 + 300_000,
      changes: [{ groupName: "public_networks_egress", lifecycle: "running", change: "bound" }],
    });
  });

  // The list checked in parts of the default size (all of the seed's groups at once), and of one group.
  it.each([
    { perCheck: "GROUPS_PER_CHECK", groupsPerCheck: undefined },
    { perCheck: "1", groupsPerCheck: 1 },
  ])(
    "records a group's rules changed straight in CF as a rule drift in each org it is bound in ($perCheck per check)",
    async ({ groupsPerCheck }) => {
      const written = await h.store.writePolicy({
        user: { guid: "u-olivia", name: "olivia" },
        orgGuid: o.alpha,
        document: {
          version: 1,
          rules: [{ spaces: "prod", require: { destination: "rds", reachable: true } }],
          default: null,
        },
        expectedVersion: 0,
      });
      expect(written.ok).toBe(true);
      expect(await cycle(T0, groupsPerCheck)).toMatchObject({ ruleDrifted: 0, events: 0 });
      const rules = [{ protocol: "tcp", destination: "10.99.0.0/16", ports: "443", description: "New" }];
      expect((await asAdmin("PATCH", `/v3/security_groups/${g.trustedLocal}`, { rules })).status).toBe(200);
      expect(await cycle(T0 + 300_000, groupsPerCheck)).toMatchObject({
        ruleDrifted: 1,
        drifted: 0,
        failedOrgs: 0,
      });
      const orgsWith = [];
      for (const org of [o.alpha, o.beta, o.gamma]) {
        const page = await h.store.list({ orgGuid: org, spaceGuids: [], kinds: ["drift"], limit: 5 });
        if (!page.ok) throw new Error(page.message);
        const [entry] = page.entries.filter((e): e is RuleDriftEntry => e.kind === "rule-drift");
        if (!entry) continue;
        orgsWith.push(org);
        expect(entry).toMatchObject({ from: T0, to: T0 + 300_000, group: { guid: g.trustedLocal } });
        expect(entry.changes.added).toEqual(rules);
        expect(entry.changes.removed.length).toBeGreaterThan(0);
      }
      // trusted-local is bound to spaces of alpha and beta (the seed), none of gamma.
      expect(orgsWith.sort()).toEqual([o.alpha, o.beta].sort());
      // prod no longer reaches RDS (trusted-local's rule for it is gone): the rule drift is the cause.
      const [began] = await h.store.watch.events(o.alpha, 1);
      expect(began).toMatchObject({ spaceName: "prod", kind: "violation-began", cause: { kind: "drift" } });
      expect(began?.cause.kind === "drift" && began.cause.summary).toMatch(
        /^the rules of security group trusted_local_networks_egress changed outside the dashboard: rules? added/,
      );
      expect(await cycle(T0 + 600_000, groupsPerCheck)).toMatchObject({ ruleDrifted: 0 });
    },
  );

  it("raises a violation and its end, each with its cause: a drift, a new space, a policy edit", async () => {
    const written = await h.store.writePolicy({
      user: { guid: "u-olivia", name: "olivia" },
      orgGuid: o.alpha,
      document: {
        version: 1,
        rules: [
          { spaces: "dev", require: { profile: "public", present: false } },
          { spaces: "team-*", require: { profile: "trusted-local", present: true } },
        ],
        default: null,
      },
      expectedVersion: 0,
    });
    expect(written.ok).toBe(true);
    await cycle(T0);

    await bindRunning(g.public, s.alphaDev);
    const created = await asAdmin("POST", "/v3/spaces", {
      name: "team-a",
      relationships: { organization: { data: { guid: o.alpha } } },
    });
    expect(created.status).toBe(201);
    const teamA = (created.body as { guid: string }).guid;
    expect(await cycle(T0 + 300_000)).toMatchObject({ drifted: 1, baselined: 1, events: 2 });
    const began = await h.store.watch.events(o.alpha, 10);
    expect(began.map((e) => [e.spaceName, e.kind, e.cause.kind, e.rule, e.windowFrom, e.windowTo])).toEqual(
      expect.arrayContaining([
        ["dev", "violation-began", "drift", "1", T0, T0 + 300_000],
        ["team-a", "violation-began", "new-space", "2", T0, T0 + 300_000],
      ]),
    );
    const devEvent = began.find((e) => e.spaceName === "dev");
    expect(devEvent?.reasons).toEqual([expect.stringMatching(/^Public egress is on/)]);
    expect(devEvent?.cause).toMatchObject({
      summary: "changed outside the dashboard: public_networks_egress bound (running)",
    });

    await asAdmin("DELETE", `/v3/security_groups/${g.public}/relationships/running_spaces/${s.alphaDev}`);
    await bindRunning(g.trustedLocal, teamA);
    expect(await cycle(T0 + 600_000)).toMatchObject({ drifted: 2, events: 2 });
    const ended = (await h.store.watch.events(o.alpha, 10)).filter((e) => e.kind === "violation-ended");
    expect(ended.map((e) => [e.spaceName, e.cause.kind]).sort()).toEqual([
      ["dev", "drift"],
      ["team-a", "drift"],
    ]);

    // A policy edit that makes a compliant space violate is the cause.
    const edit = await h.store.writePolicy({
      user: { guid: "u-olivia", name: "olivia" },
      orgGuid: o.alpha,
      document: { version: 1, rules: [{ spaces: "prod", require: { posture: "closed" } }], default: null },
      expectedVersion: 1,
    });
    expect(await cycle(T0 + 900_000)).toMatchObject({ events: 1 });
    const [prod] = await h.store.watch.events(o.alpha, 1);
    expect(prod).toMatchObject({
      spaceName: "prod",
      kind: "violation-began",
      cause: { kind: "policy", version: 2, entryId: edit.ok ? edit.entryId : -1 },
    });
  });
});
