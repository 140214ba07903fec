import { ids } from "../sim/seed";
import { expect, test } from "./support/fixtures";
import { SIM_URL } from "./support/sim";
import { watcherApp } from "./support/watcher-app";

/**
 * The watcher (docs/design.md §12) on a second server over the same build and
 * stand-in, with the seeded watcher client and a 2 s interval, and a history
 * of its own (SQLite, read here behind its back): a bind made straight to CF
 * becomes a drift entry within a cycle or two without anyone opening a page,
 * with a window of one interval; a new space that violates the org's policy
 * raises a violation event, and fixing it raises the "resolved" one. The main
 * test server runs without a watcher, so the other specs' CF request counts
 * hold; this one stops its server when done.
 */

const { orgs: o, spaces: s, securityGroups: g } = ids;
const INTERVAL_S = 2;
const app = watcherApp("watch", 60, INTERVAL_S);
const { origin, rows } = app;
const cycleAfter = (time: number) => app.cycleAfter(time, 2);

type Health = {
  watcher: {
    state: string;
    role?: string;
    last_cycle?: { ended_at: string | null; counts: Record<string, number> | null } | null;
  };
};

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // The seeded world, not what the previous spec left (a generated world of a thousand spaces, say).
  expect((await fetch(`${SIM_URL}/__sim/reset`, { method: "POST" })).status).toBe(204);
  await app.start();
  // Up, and its first cycle (the baseline) done.
  await expect(async () => {
    const body = await app.health<Health>();
    expect(body?.watcher).toMatchObject({ state: "on", role: "leader" });
    expect(body?.watcher.last_cycle?.ended_at).toEqual(expect.any(String));
    // The cycle thread's record says how long it gave way to the pages (none asked for here: a number).
    expect(body?.watcher.last_cycle?.counts).toMatchObject({
      orgs: 3,
      spaces: 7,
      failedOrgs: 0,
      pausedMs: expect.any(Number),
    });
  }).toPass({ timeout: 60_000, intervals: [250] });
});

test.afterAll(async () => {
  await app.stop();
});

test("a bind made straight to CF becomes a drift entry within one cycle, with nobody opening a page", async ({
  sim,
}) => {
  // The seed again (the fixture's reset) may itself be drift for the watcher: a cycle sees it first.
  await cycleAfter(Date.now());
  const before = Date.now();
  expect(
    (
      await sim.cfAs("admin", "POST", `/v3/security_groups/${g.public}/relationships/running_spaces`, {
        data: [{ guid: s.alphaDev }],
      })
    ).status,
  ).toBe(200);

  type Row = { occurred_at: number; details: string };
  const drift = () =>
    rows<Row>(
      "select occurred_at, details from history_entries where kind = 'drift' and space_guid = ? and occurred_at >= ?",
      s.alphaDev,
      before,
    ).filter((row) => row.details.includes('"change":"bound"') && row.details.includes(g.public));
  await expect.poll(() => drift().length, { timeout: (2 * INTERVAL_S + 2) * 1000, intervals: [200] }).toBe(1);
  const [entry] = drift();
  const details = JSON.parse(entry?.details ?? "{}") as { from: number; to: number };
  // "Between the previous cycle and this one": one interval, give or take a tick.
  expect(details.to - details.from).toBeGreaterThanOrEqual(INTERVAL_S * 1000 - 100);
  expect(details.to - details.from).toBeLessThanOrEqual(INTERVAL_S * 1000 * 2);
  expect((entry?.occurred_at ?? 0) - before).toBeLessThanOrEqual((2 * INTERVAL_S + 1) * 1000);

  // Nobody opened a page: the watcher read CF with its own client, and wrote nothing.
  const watcherRequests = (await sim.requests()).filter((r) => r.user_guid === "egress-watcher");
  expect(watcherRequests.length).toBeGreaterThan(0);
  expect(watcherRequests.every((r) => r.method === "GET")).toBe(true);
});

test("a new space that violates the org's policy raises a violation, and fixing it raises its end", async ({
  sim,
}) => {
  const put = await fetch(`${origin}/api/orgs/${o.alpha}/policy`, {
    method: "PUT",
    headers: { Authorization: `bearer ${await sim.token("olivia")}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      version: 1,
      rules: [{ spaces: "team-*", require: { profile: "trusted-local", present: true } }],
      default: null,
    }),
  });
  expect(put.status, await put.text()).toBe(200);
  // A cycle after the policy (and the fixture's reset), so the new space is the only turn.
  await cycleAfter(Date.now());

  const created = await sim.cfAs("admin", "POST", "/v3/spaces", {
    name: "team-watch",
    relationships: { organization: { data: { guid: o.alpha } } },
  });
  expect(created.status).toBe(201);
  const space = (created.body as { guid: string }).guid;

  type Event = { kind: string; cause: string; rule: string; reasons: string };
  const events = () =>
    rows<Event>(
      "select kind, cause, rule, reasons from watch_events where space_guid = ? order by id",
      space,
    );
  await expect
    .poll(() => events().map((e) => e.kind), { timeout: (2 * INTERVAL_S + 2) * 1000 })
    .toEqual(["violation-began"]);
  expect(events()[0]).toMatchObject({ rule: "1" });
  expect(JSON.parse(events()[0]?.cause ?? "{}")).toEqual({ kind: "new-space" });
  expect(JSON.parse(events()[0]?.reasons ?? "[]")).toEqual([
    expect.stringMatching(/Trusted local egress is off/),
  ]);

  expect(
    (
      await sim.cfAs("admin", "POST", `/v3/security_groups/${g.trustedLocal}/relationships/running_spaces`, {
        data: [{ guid: space }],
      })
    ).status,
  ).toBe(200);
  await expect
    .poll(() => events().map((e) => e.kind), { timeout: (2 * INTERVAL_S + 2) * 1000 })
    .toEqual(["violation-began", "violation-ended"]);
  expect(JSON.parse(events()[1]?.cause ?? "{}")).toMatchObject({ kind: "drift" });
});
