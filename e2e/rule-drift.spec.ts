import AxeBuilder from "@axe-core/playwright";
import { ids, seed } from "../sim/seed";
import { expect, test } from "./support/fixtures";
import { SIM_URL } from "./support/sim";
import { watcherApp } from "./support/watcher-app";

/**
 * Rule drift (docs/design.md §13, "Drift") on a server of its own over the same build and stand-in,
 * with the watcher every 2 s and a history of its own (SQLite, read here behind its back): a
 * `PATCH /v3/security_groups/:guid` sent straight to the stand-in with an admin's token, as
 * `cf update-security-group` would, becomes within a cycle or two an entry on the activity page of
 * each org the group is bound in, saying which rules were added and removed; the same kind of edit
 * made through the dashboard's group page is never reported as drift. The main test server runs
 * without a watcher; this one stops its server when done.
 */

const { orgs: o, securityGroups: g } = ids;
const INTERVAL_S = 2;
const GROUP_PATH = `/v3/security_groups/${g.trustedLocal}`;
const trustedLocal = seed.securityGroups.find((group) => group.guid === g.trustedLocal);
if (!trustedLocal) throw new Error("the seed has no trusted-local group");
const app = watcherApp("rule-drift", 85, INTERVAL_S);
const { rows, cycleAfter, signedIn } = app;

/** Rule drift entries (drift without a space) of trusted-local written since `time`, by org. */
const ruleDriftsSince = (time: number) =>
  rows<{ org_guid: string; details: string }>(
    "select org_guid, details from history_entries where kind = 'drift' and space_guid is null and group_guid = ? and occurred_at >= ? order by org_guid",
    g.trustedLocal,
    time,
  );

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  expect((await fetch(`${SIM_URL}/__sim/reset`, { method: "POST" })).status).toBe(204);
  await app.start(); // up, and its first cycle (every group's baseline) done
});

test.afterAll(async () => {
  await app.stop();
});

test("a group's rules changed straight in CF show on the org's activity as drift, saying what changed", async ({
  browser,
  sim,
}) => {
  // The fixture's reset of the world may itself be drift for the watcher: a cycle sees it first.
  await cycleAfter(Date.now());
  const before = Date.now();
  const added = { protocol: "tcp", destination: "10.77.0.0/16", ports: "443", description: "Intranet" };
  const rules = [...trustedLocal.rules.filter((r) => r.description !== "Redis"), added];
  const patched = await sim.cfAs("admin", "PATCH", GROUP_PATH, { rules });
  expect(patched.status).toBe(200);

  // One entry per org the group is bound in (alpha and beta), none in gamma.
  await expect
    .poll(() => ruleDriftsSince(before).map((r) => r.org_guid), {
      timeout: (2 * INTERVAL_S + 4) * 1000,
      intervals: [200],
    })
    .toEqual([o.alpha, o.beta].sort());
  const details = JSON.parse(ruleDriftsSince(before)[0]?.details ?? "{}") as { from: number; to: number };
  // "Between the previous cycle and this one": about one interval.
  expect(details.to - details.from).toBeLessThanOrEqual(INTERVAL_S * 1000 * 2 + 500);

  const page = await signedIn(browser, "olivia");
  await page.goto(`/orgs/${o.alpha}/activity?kind=drift`);
  const row = page
    .getByRole("row")
    .filter({ hasText: "The rules of security group trusted_local_networks_egress" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("(whole org)");
  await expect(row).toContainText("actor unknown (outside the dashboard)");
  await expect(row).toContainText(
    "rule added: tcp 10.77.0.0/16 ports 443 (Intranet); rule removed: tcp 10.10.4.0/24 ports 6379 (Redis)",
  );
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);
  await page.context().close();

  // Seen again as it now is: nothing more.
  await cycleAfter(Date.now());
  expect(ruleDriftsSince(before)).toHaveLength(2);
});

test("an edit made through the dashboard's group page is not reported as drift", async ({ browser }) => {
  await cycleAfter(Date.now());
  const before = Date.now();
  const page = await signedIn(browser, "admin");
  await page.goto(`/security-groups/${g.trustedLocal}`);
  const withoutRds = trustedLocal.rules.filter((r) => r.description !== "RDS");
  await page.getByRole("button", { name: "Edit as JSON" }).click();
  await page
    .getByLabel("Rules (JSON, as cf update-security-group takes them)")
    .fill(JSON.stringify(withoutRds, null, 2));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: /Preview: what this edit changes/ })).toBeVisible();
  await page.getByRole("button", { name: "Save trusted_local_networks_egress" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toContainText(
    "Saved trusted_local_networks_egress.",
  );
  await page.context().close();
  const edits = rows<{ outcome: string }>(
    "select outcome from history_entries where kind = 'group' and group_guid = ? and occurred_at >= ?",
    g.trustedLocal,
    before,
  );
  expect(edits.map((e) => e.outcome)).toEqual(["succeeded", "succeeded"]);

  // Two cycles that read the edited rules: the edit explains them, no drift.
  const saved = Date.now();
  await cycleAfter(saved);
  await cycleAfter(Date.now());
  expect(ruleDriftsSince(before)).toEqual([]);
  const [snapshot] = rows<{ updated_at: number }>(
    "select updated_at from group_rule_snapshots where group_guid = ?",
    g.trustedLocal,
  );
  // The snapshot took the edited rules in (so a later change is compared with them).
  expect(snapshot?.updated_at).toBeGreaterThan(before);
});
