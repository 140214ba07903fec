import { join } from "node:path";
import { type Page } from "@playwright/test";
import BetterSqlite3 from "better-sqlite3";
import { ids, seed } from "../sim/seed";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { ActivityPage } from "./pages/activity-page";
import type { Sim } from "./support/sim";

/**
 * Rule drift found by page views and edits, with NO watcher (docs/design.md §13, "Drift"): the main
 * test server runs without one. A `PATCH /v3/security_groups/:guid` sent straight to the stand-in
 * with the admin's token, as `cf update-security-group` would, is recorded when an admin next opens
 * the group page, on the activity of each org the group is bound in, with its window; and an admin's
 * edit made after such a change records the change, then the edit, once each. The history is the
 * main server's SQLite file, read here behind its back.
 */

const { orgs: o, securityGroups: g } = ids;
const GROUP = g.trustedLocal;
const PAGE = `/security-groups/${GROUP}`;
const trustedLocal = seed.securityGroups.find((group) => group.guid === GROUP);
if (!trustedLocal) throw new Error("the seed has no trusted-local group");
/** What `cf update-security-group` would send: Redis dropped, an intranet added (each test its own). */
const outside = (destination: string) => ({
  rules: [
    ...trustedLocal.rules.filter((r) => r.description !== "Redis"),
    { protocol: "tcp", destination, ports: "443", description: "Intranet" },
  ],
  words: `rule added: tcp ${destination} ports 443 (Intranet); rule removed: tcp 10.10.4.0/24 ports 6379 (Redis)`,
});

function rows<R>(sql: string, ...params: unknown[]): R[] {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set (playwright.config.ts sets it)");
  const db = new BetterSqlite3(join(dataDir, "history.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as R[];
  } finally {
    db.close();
  }
}

/** trusted-local's entries since `time`: rule drift (no space) and the dashboard's edits, oldest first. */
const entriesSince = (time: number) =>
  rows<{ id: number; kind: string; org_guid: string; outcome: string | null; details: string }>(
    `select id, kind, org_guid, outcome, details from history_entries
      where group_guid = ? and space_guid is null and kind in ('drift', 'group') and occurred_at >= ?
      order by id`,
    GROUP,
    time,
  );

/** The group page as the admin sees it, and its drift check (after the response) landed. */
async function openGroupPage(page: Page): Promise<void> {
  const opened = Date.now();
  await page.goto(PAGE);
  await expect(page.getByRole("heading", { level: 1, name: trustedLocal?.name })).toBeVisible();
  await expect
    .poll(
      () =>
        rows<{ seen_at: number }>("select seen_at from group_rule_snapshots where group_guid = ?", GROUP)[0]
          ?.seen_at ?? 0,
      { intervals: [100, 250, 500] },
    )
    .toBeGreaterThanOrEqual(opened);
}

/**
 * The admin's view of the group page as the test's baseline (an earlier spec's edit may be drift from
 * here: entries before it are left out), then the rules changed straight in CF as
 * `cf update-security-group` would: when that was sent.
 */
async function changeOutside(page: Page, sim: Sim, rules: unknown[]): Promise<number> {
  await openGroupPage(page);
  const before = Date.now();
  expect((await sim.cfAs("admin", "PATCH", `/v3/security_groups/${GROUP}`, { rules })).status).toBe(200);
  return before;
}

test("rules changed straight in CF show on the org's activity once an admin opens the group page, with no watcher", async ({
  signedInAs,
  sim,
}) => {
  const change = outside("10.77.0.0/16");
  const page = await signedInAs("admin");
  const before = await changeOutside(page, sim, change.rules);

  await openGroupPage(page);
  await expect(page.getByRole("table", { name: `Rules of ${trustedLocal.name}` })).toContainText(
    "10.77.0.0/16",
  );
  const drifts = entriesSince(before);
  // One entry per org the group is bound in (alpha and beta), none in gamma.
  expect(drifts.map((e) => [e.kind, e.org_guid])).toEqual(
    [o.alpha, o.beta].sort().map((org) => ["drift", org]),
  );
  const window = JSON.parse(drifts[0]?.details ?? "{}") as { from: number; to: number };
  // Between the previous view (before the PATCH) and this one.
  expect(window.from).toBeLessThan(before);
  expect(window.to).toBeGreaterThan(before);

  const activity = await new ActivityPage(page).goto(o.alpha, "?kind=drift");
  const row = activity.table
    .getByRole("row")
    .filter({ hasText: `The rules of security group ${trustedLocal.name}` })
    .filter({ hasText: change.words });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("(whole org)");
  await expect(row).toContainText("actor unknown (outside the dashboard)");
  await expect(row).toContainText(/changed outside the dashboard, between .+ and .+, actor unknown/);
  await expectNoAxeViolations(page);

  // Seen again as it now is: nothing more.
  await openGroupPage(page);
  expect(entriesSince(before)).toHaveLength(2);
});

test("an edit after a change made straight in CF records the change, then the edit, once each", async ({
  signedInAs,
  sim,
}) => {
  const change = outside("10.78.0.0/16");
  const page = await signedInAs("admin");
  // The change outside, while the admin has the page open with the rules as they were.
  const before = await changeOutside(page, sim, change.rules);

  // The admin's edit from that page: RDS removed from the rules it shows (so Intranet goes again too).
  const withoutRds = trustedLocal.rules.filter((r) => r.description !== "RDS");
  await page.getByRole("button", { name: "Edit as JSON" }).click();
  await page
    .getByLabel("Rules (JSON, as cf update-security-group takes them)")
    .fill(JSON.stringify(withoutRds, null, 2));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: /Preview: what this edit changes/ })).toBeVisible();
  await page.getByRole("button", { name: `Save ${trustedLocal.name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toContainText(
    `Saved ${trustedLocal.name}.`,
  );

  // The page as saved, and again: the edit explains what CF shows; it is no drift.
  await openGroupPage(page);
  await openGroupPage(page);
  const entries = entriesSince(before);
  const alpha = entries.filter((e) => e.org_guid === o.alpha);
  expect(alpha.map((e) => [e.kind, e.outcome])).toEqual([
    ["drift", null],
    ["group", "succeeded"],
  ]);
  expect(entries.filter((e) => e.kind === "drift").map((e) => e.org_guid)).toEqual([o.alpha, o.beta].sort());
  expect(
    entries
      .filter((e) => e.kind === "group")
      .map((e) => e.org_guid)
      .sort(),
  ).toEqual([o.alpha, o.beta].sort());

  // The activity says both: the change from outside, with its words, and the admin's edit.
  const activity = await new ActivityPage(page).goto(o.alpha);
  const texts = (await activity.rows()).map((r) => r.join(" | "));
  const driftRows = texts.filter((t) => t.includes(change.words));
  const editRows = texts.filter(
    (t) => t.includes("admin") && t.includes(trustedLocal.name) && !t.includes(change.words),
  );
  expect(driftRows).toHaveLength(1);
  expect(editRows.length).toBeGreaterThanOrEqual(1);
  // Newest first: the edit is listed above the change it followed.
  expect(texts.indexOf(editRows[0] ?? "")).toBeLessThan(texts.indexOf(driftRows[0] ?? ""));
});

test("the group list records a change made straight in CF too, for the groups it reads", async ({
  signedInAs,
  sim,
}) => {
  const change = outside("10.79.0.0/16");
  const page = await signedInAs("admin");
  await openGroupPage(page);
  const before = Date.now();
  expect(
    (await sim.cfAs("admin", "PATCH", `/v3/security_groups/${GROUP}`, { rules: change.rules })).status,
  ).toBe(200);
  // The seeded world is far below a slice (500 groups a view): the list observes every group it shows.
  await page.goto("/security-groups");
  await expect(page.getByRole("link", { name: trustedLocal.name })).toBeVisible();
  await expect
    .poll(() => entriesSince(before).map((e) => [e.kind, e.org_guid]), { intervals: [100, 250, 500] })
    .toEqual([o.alpha, o.beta].sort().map((org) => ["drift", org]));
  await new ActivityPage(page).goto(o.beta, "?kind=drift");
  await expect(
    page.getByRole("row").filter({ hasText: change.words }).filter({ hasText: "(whole org)" }),
  ).toHaveCount(1);
});
