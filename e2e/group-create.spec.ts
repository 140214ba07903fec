import { type Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { tableRows } from "./support/tables";
import { ids, seed } from "../sim/seed";
import { added, byOrgName, historyRows } from "./support/history";
import {
  capturePreviewAndCommit,
  expectOpenedPlatformWideForRunning,
  expectRuleTwoRefused,
} from "./support/group-form";
import { callAction } from "./support/server-actions";
import type { Sim } from "./support/sim";

/**
 * Group creates (docs/design.md §13): a platform admin creates a security group from the
 * dashboard after a preview of every space it would open a destination in; CF refuses a bad
 * rule or a taken name in its own words, shown where they belong; nobody else gets the control,
 * and a forged call is refused before anything is sent.
 */

const PAGE = "/security-groups/new";
const trustedLocal = seed.securityGroups.find((g) => g.guid === ids.securityGroups.trustedLocal);
if (!trustedLocal) throw new Error("the seed has no trusted-local group");
const RULES = JSON.stringify(trustedLocal.rules, null, 2);
const REFUSAL =
  "Only platform admins (cloud_controller.admin) can change a security group's rules or platform-wide flags. Nothing was changed.";

const nameBox = (page: Page) => page.getByLabel("Name", { exact: true });
const rulesBox = (page: Page) => page.getByLabel("Rules (JSON, as cf create-security-group takes them)");

async function fillForm(page: Page, name: string, rules: string, running = false): Promise<void> {
  await nameBox(page).fill(name);
  // The form opens on rows (as an edit's does); the JSON is one click away.
  const asJson = page.getByRole("button", { name: "Edit as JSON" });
  if (await asJson.isVisible()) await asJson.click();
  await rulesBox(page).fill(rules);
  if (running) await page.getByRole("checkbox", { name: "Enabled for running" }).check();
}

/** The groups CF holds of this name, as the admin sees them. */
async function inCf(sim: Sim, name: string) {
  const { body } = await sim.cfAs("admin", "GET", `/v3/security_groups?names=${encodeURIComponent(name)}`);
  return (body as { resources: { guid: string; rules: unknown[]; globally_enabled: unknown }[] }).resources;
}

test("an admin creates a group platform-wide for running after a preview of what it opens, and the history has it", async ({
  signedInAs,
  requestAs,
  sim,
}) => {
  const admin = await requestAs("admin");
  const before = await historyRows(admin);
  const page = await signedInAs("admin");
  await page.goto("/security-groups");
  await page.getByRole("link", { name: "New security group" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New security group" })).toBeVisible();
  await fillForm(page, "data_services_egress", RULES, true);
  await sim.clearRequests();
  await page.getByRole("button", { name: "Preview" }).click();

  await expect(page.getByRole("heading", { name: /Preview: what creating this group opens/ })).toBeVisible();
  await expectOpenedPlatformWideForRunning(page);
  expect(await tableRows(page, "Orgs whose spaces change")).toEqual([
    "agency-alpha / 2 / 7 / 0",
    "agency-beta / 1 / 4 / 0",
    "agency-gamma / 1 / 4 / 0",
  ]);
  await expect(page.getByLabel("cf commands for data_services_egress")).toHaveText(
    "cf create-security-group data_services_egress rules.json\ncf bind-running-security-group data_services_egress",
  );
  // The preview reads, it never writes: three lists, whatever the foundation.
  expect(await sim.readPaths()).toEqual(["/v3/organizations", "/v3/security_groups", "/v3/spaces"]);
  expect(await sim.writes()).toEqual([]);
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Create data_services_egress" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Created" })).toHaveText(
    "Created data_services_egress. Recorded in the activity of 3 orgs.",
  );
  expect(await sim.writeLines()).toEqual([["POST", "/v3/security_groups", 201]]);
  const [created] = await inCf(sim, "data_services_egress");
  expect(created).toMatchObject({
    rules: trustedLocal.rules,
    globally_enabled: { running: true, staging: false },
  });

  const byOrg = byOrgName(added(before, await historyRows(admin)));
  const made = "Created security group data_services_egress (4 rules; platform-wide for running).";
  const four = "S3 (brokered), RDS, Redis, Elasticsearch open";
  expect(byOrg).toEqual([
    ["agency-alpha", "change", `${made} In dev, ${four}; in sandbox, RDS, Redis, Elasticsearch open.`],
    ["agency-beta", "change", `${made} In dev, ${four}.`],
    ["agency-gamma", "change", `${made} In legacy, ${four}.`],
  ]);

  // The new group's page, linked from the result, and the list.
  await page.getByRole("link", { name: "Open data_services_egress" }).click();
  await expect(page).toHaveURL(`/security-groups/${created?.guid}`);
  await expect(page.getByRole("heading", { level: 1, name: "data_services_egress" })).toBeVisible();
  await page.goto("/security-groups");
  await expect(page.getByRole("link", { name: "data_services_egress", exact: true })).toBeVisible();
  await page.goto(`/orgs/${ids.orgs.alpha}/activity`);
  await expect(
    page.getByRole("row").filter({ hasText: "Created security group data_services_egress" }),
  ).toContainText("(whole org)");
});

test("a group on nowhere: the preview says it opens nothing, and its create is in no org's activity", async ({
  signedInAs,
  requestAs,
  sim,
}) => {
  const admin = await requestAs("admin");
  const before = await historyRows(admin);
  const page = await signedInAs("admin");
  await page.goto(PAGE);
  await fillForm(page, "quiet_group", RULES);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText(/^Nothing opens: a new group is bound to no space/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Spaces whose reach changes" })).toHaveCount(0);
  await expect(page.getByLabel("cf commands for quiet_group")).toHaveText(
    "cf create-security-group quiet_group rules.json",
  );
  // Any change to the form discards the preview and its Create button.
  await nameBox(page).fill("quiet_group_2");
  await expect(page.getByRole("button", { name: /^Create / })).toHaveCount(0);
  await page.getByRole("button", { name: "Preview" }).click();
  await sim.clearRequests();
  await page.getByRole("button", { name: "Create quiet_group_2" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Created" })).toHaveText(
    "Created quiet_group_2. No org's activity holds it: it is bound to no space and opens nothing platform-wide.",
  );
  expect(await sim.writeLines()).toEqual([["POST", "/v3/security_groups", 201]]);
  expect(await inCf(sim, "quiet_group_2")).toHaveLength(1);
  expect(added(before, await historyRows(admin))).toEqual([]);
});

test("a rule CF refuses: its 422 words next to the rule, and nothing is created", async ({
  signedInAs,
  sim,
}) => {
  const page = await signedInAs("admin");
  await page.goto(PAGE);
  const bad = trustedLocal.rules.map((r, i) => (i === 1 ? { ...r, destination: "10.10.4.0/33" } : r));
  await fillForm(page, "bad_rules_group", JSON.stringify(bad, null, 2));
  await page.getByRole("button", { name: "Preview" }).click();
  // The engine cannot read it either, and says so before anything is sent.
  await expect(page.getByText(/^Rule 2, destination: /)).toBeVisible();
  await sim.clearRequests();
  await page.getByRole("button", { name: "Create bad_rules_group" }).click();

  await expectRuleTwoRefused(page);
  expect(await sim.writeLines()).toEqual([["POST", "/v3/security_groups", 422]]);
  expect(await inCf(sim, "bad_rules_group")).toEqual([]);
  await expectNoAxeViolations(page);
});

test("a taken name: the preview refuses it under the name, and one taken since gets CF's own words there", async ({
  signedInAs,
  sim,
}) => {
  const page = await signedInAs("admin");
  await page.goto(PAGE);
  await fillForm(page, trustedLocal.name, "[]");
  await sim.clearRequests();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(nameBox(page)).toHaveAccessibleDescription(
    `A security group named '${trustedLocal.name}' already exists.`,
  );
  await expect(page.getByRole("button", { name: /^Create / })).toHaveCount(0);
  expect(await sim.writes()).toEqual([]);

  // Someone takes the name between the preview and the create (the cf CLI, say): CF refuses it.
  await fillForm(page, "raced_group", "[]");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("button", { name: "Create raced_group" })).toBeVisible();
  expect((await sim.cfAs("admin", "POST", "/v3/security_groups", { name: "raced_group" })).status).toBe(201);
  await sim.clearRequests();
  await page.getByRole("button", { name: "Create raced_group" }).click();
  const cfWords = "Security group with name 'raced_group' already exists.";
  await expect(nameBox(page)).toHaveAccessibleDescription(cfWords);
  await expect(page.getByRole("alert").filter({ hasText: cfWords })).toHaveText(cfWords);
  expect(await sim.writeLines()).toEqual([["POST", "/v3/security_groups", 422]]);
  expect(await inCf(sim, "raced_group")).toHaveLength(1);
});

test("an org manager and a global auditor get no create control, and a forged preview or create is refused before CF is asked", async ({
  signedInAs,
  requestAs,
  sim,
}) => {
  // The action ids, captured from the admin's page: the preview runs (it only reads), the create is aborted.
  const adminPage = await signedInAs("admin");
  await adminPage.goto(PAGE);
  const [preview, create] = await capturePreviewAndCommit(adminPage, async () => {
    await fillForm(adminPage, "forged_group", RULES, true);
    await adminPage.getByRole("button", { name: "Preview" }).click();
    await adminPage.getByRole("button", { name: "Create forged_group" }).click();
  });

  const admin = await requestAs("admin");
  const before = await historyRows(admin);
  for (const user of ["olivia", "gale"] as const) {
    const page = await signedInAs(user);
    await page.goto("/security-groups");
    await expect(page.getByRole("heading", { level: 1, name: "Security groups" })).toBeVisible();
    await expect(page.getByRole("table").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "New security group" })).toHaveCount(0);
    await page.goto(PAGE);
    await expect(page.getByRole("status").filter({ hasText: REFUSAL })).toBeVisible();
    await expect(nameBox(page)).toHaveCount(0);
    await expect(rulesBox(page)).toHaveCount(0);
    if (user === "gale") await expectNoAxeViolations(page);

    const request = await requestAs(user);
    await sim.clearRequests();
    for (const action of [preview, create]) {
      const call = await callAction(request, action, {
        name: "forged_group",
        rules: RULES,
        globallyEnabled: { running: true, staging: false },
      });
      expect(call.result).toMatchObject({ ok: false, kind: "forbidden", message: REFUSAL });
    }
    expect(await sim.requests()).toEqual([]);
  }
  expect(added(before, await historyRows(admin))).toEqual([]);
  expect(await inCf(sim, "forged_group")).toEqual([]);
});
