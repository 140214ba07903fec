import { type Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { tableRows } from "./support/tables";
import { ids, seed } from "../sim/seed";
import { added, byOrgName, historyRows } from "./support/history";
import {
  BAD_DESTINATION_WORDS,
  capturePreviewAndCommit,
  expectOpenedPlatformWideForRunning,
  expectRuleTwoRefused,
} from "./support/group-form";
import { callAction } from "./support/server-actions";

/**
 * Group edits (docs/design.md §13): a platform admin changes a group's rules
 * after a preview of every space whose reach opens or closes; CF refuses a
 * bad rule with its own words, shown next to the rule; nobody else gets the
 * control, and a forged call is refused before anything is sent.
 */

const GUID = ids.securityGroups.trustedLocal;
const PAGE = `/security-groups/${GUID}`;
const PATCH_PATH = `/v3/security_groups/${GUID}`;
const trustedLocal = seed.securityGroups.find((g) => g.guid === GUID);
if (!trustedLocal) throw new Error("the seed has no trusted-local group");
const withoutRedis = trustedLocal.rules.filter((r) => r.description !== "Redis");

const rulesBox = (page: Page) => page.getByLabel("Rules (JSON, as cf update-security-group takes them)");

/** The form opens on the rows (e2e/group-rule-form.spec.ts); these edits are typed as JSON. */
async function fillJson(page: Page, rules: unknown[], indent?: number): Promise<void> {
  await page.getByRole("button", { name: "Edit as JSON" }).click();
  await rulesBox(page).fill(JSON.stringify(rules, null, indent));
}

test("an admin removes trusted-local's Redis rule after a preview of the spaces it closes, and the history has it", async ({
  signedInAs,
  requestAs,
  sim,
}) => {
  const admin = await requestAs("admin");
  const before = await historyRows(admin);
  const page = await signedInAs("admin");
  await page.goto(PAGE);
  await expect(page.getByRole("heading", { level: 2, name: "Edit rules" })).toBeVisible();
  await fillJson(page, withoutRedis, 2);
  await sim.clearRequests();
  await page.getByRole("button", { name: "Preview" }).click();

  await expect(page.getByRole("heading", { name: /Preview: what this edit changes/ })).toBeVisible();
  expect(await tableRows(page, "Spaces whose reach changes")).toEqual([
    "agency-alpha / prod / running / — / Redis",
    "agency-alpha / staging / running / — / Redis",
    "agency-beta / prod / running / — / Redis",
  ]);
  expect(await tableRows(page, "Orgs whose spaces change")).toEqual([
    "agency-alpha / 2 / 0 / 2",
    "agency-beta / 1 / 0 / 1",
  ]);
  await expect(page.getByLabel("cf commands for trusted_local_networks_egress")).toHaveText(
    "cf update-security-group trusted_local_networks_egress rules.json",
  );
  // The preview reads, it never writes: three lists, whatever the foundation.
  expect(await sim.readPaths()).toEqual(["/v3/organizations", "/v3/security_groups", "/v3/spaces"]);
  expect(await sim.writes()).toEqual([]);
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Save trusted_local_networks_egress" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText(
    "Saved trusted_local_networks_egress. Recorded in the activity of 2 orgs.",
  );
  expect(await sim.writeLines()).toEqual([["PATCH", PATCH_PATH, 200]]);
  const inCf = await sim.cfAs("admin", "GET", PATCH_PATH);
  expect((inCf.body as { rules: unknown[] }).rules).toEqual(withoutRedis);

  const byOrg = byOrgName(added(before, await historyRows(admin)));
  expect(byOrg).toEqual([
    [
      "agency-alpha",
      "change",
      "Edited security group trusted_local_networks_egress: the rules (4 rules → 3 rules). In prod, Redis closes; in staging, Redis closes.",
    ],
    [
      "agency-beta",
      "change",
      "Edited security group trusted_local_networks_egress: the rules (4 rules → 3 rules). In prod, Redis closes.",
    ],
  ]);
  await page.goto(`/orgs/${ids.orgs.alpha}/activity`);
  await expect(page.getByRole("row").filter({ hasText: "Edited security group" })).toContainText(
    "(whole org)",
  );
  await expectNoAxeViolations(page);
});

test("turning a group on platform-wide for running previews every space it opens, with its own cf command", async ({
  signedInAs,
  sim,
}) => {
  const page = await signedInAs("admin");
  await page.goto(PAGE);
  await page.getByRole("checkbox", { name: "Enabled for running" }).check();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("table", { name: "Spaces whose reach changes" })).toBeVisible();
  await expectOpenedPlatformWideForRunning(page);
  await expect(page.getByLabel("cf commands for trusted_local_networks_egress")).toHaveText(
    "cf bind-running-security-group trusted_local_networks_egress",
  );
  await sim.clearRequests();
  await page.getByRole("button", { name: "Save trusted_local_networks_egress" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText(
    "Saved trusted_local_networks_egress. Recorded in the activity of 3 orgs.",
  );
  expect(await sim.writeLines()).toEqual([["PATCH", PATCH_PATH, 200]]);
  const inCf = await sim.cfAs("admin", "GET", PATCH_PATH);
  expect(inCf.body).toMatchObject({
    globally_enabled: { running: true, staging: false },
    rules: trustedLocal.rules,
  });
});

test("a rule CF refuses: its 422 words next to the rule, nothing changed, and the history says it failed", async ({
  signedInAs,
  requestAs,
  sim,
}) => {
  const admin = await requestAs("admin");
  const before = await historyRows(admin);
  const page = await signedInAs("admin");
  await page.goto(PAGE);
  const bad = trustedLocal.rules.map((r, i) => (i === 1 ? { ...r, destination: "10.10.4.0/33" } : r));
  await fillJson(page, bad, 2);
  await page.getByRole("button", { name: "Preview" }).click();
  // The engine cannot read it either, and says so before anything is sent.
  await expect(page.getByText(/^Rule 2, destination: /)).toBeVisible();
  await sim.clearRequests();
  await page.getByRole("button", { name: "Save trusted_local_networks_egress" }).click();

  await expectRuleTwoRefused(page);
  expect(await sim.writeLines()).toEqual([["PATCH", PATCH_PATH, 422]]);
  const inCf = await sim.cfAs("admin", "GET", PATCH_PATH);
  expect((inCf.body as { rules: unknown[] }).rules).toEqual(trustedLocal.rules);

  const entries = added(before, await historyRows(admin));
  expect(entries.map((e) => e.kind)).toEqual(["failure", "failure"]);
  for (const entry of entries) {
    expect(entry.what).toMatch(
      /^Edit of security group trusted_local_networks_egress: the rules .*: failed: /,
    );
    expect(entry.what).toContain(BAD_DESTINATION_WORDS);
  }
  await expectNoAxeViolations(page);
});

test("an org manager gets no edit control, and a forged preview or save is refused before CF is asked", async ({
  signedInAs,
  requestAs,
  sim,
}) => {
  // The action ids, captured from the admin's page: the preview runs (it only reads), the save is aborted.
  const adminPage = await signedInAs("admin");
  await adminPage.goto(PAGE);
  const [preview, save] = await capturePreviewAndCommit(adminPage, async () => {
    await fillJson(adminPage, withoutRedis);
    await adminPage.getByRole("button", { name: "Preview" }).click();
    await adminPage.getByRole("button", { name: "Save trusted_local_networks_egress" }).click();
  });

  const admin = await requestAs("admin");
  const before = await historyRows(admin);
  const olivia = await requestAs("olivia");
  const page = await signedInAs("olivia");
  await page.goto(PAGE);
  await expect(page.getByRole("heading", { level: 1, name: "trusted_local_networks_egress" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Edit rules" })).toHaveCount(0);
  await expect(rulesBox(page)).toHaveCount(0);
  await expect(page.getByRole("group", { name: "Rule 1", exact: true })).toHaveCount(0);

  await sim.clearRequests();
  for (const action of [preview, save]) {
    const call = await callAction(olivia, action, { groupGuid: GUID, rules: JSON.stringify(withoutRedis) });
    expect(call.result).toMatchObject({
      ok: false,
      kind: "forbidden",
      message:
        "Only platform admins (cloud_controller.admin) can change a security group's rules or platform-wide flags. Nothing was changed.",
    });
  }
  expect(await sim.requests()).toEqual([]);
  expect(added(before, await historyRows(admin))).toEqual([]);
});
