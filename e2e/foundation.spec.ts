import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ids } from "../sim/seed";
import { EMPTY_POLICY, ISSUE_14_POLICY, setPolicy } from "./support/policies";
import { expect, test } from "./support/fixtures";

/**
 * The platform team's view (docs/design.md §13): /foundation for platform
 * admins and global auditors, every org with its spaces per posture, its
 * compliance, the spaces with public egress and the groups enabled
 * platform-wide; filters in the URL and exports. An org manager is sent to
 * /orgs and finds no link to it. Counts follow from the seeded world (§3).
 */

const axeViolations = (page: Page) =>
  new AxeBuilder({ page }).analyze().then((r) => r.violations.map((v) => v.id));

/** The org table's row of an org, as its cells' text. */
async function orgRow(page: Page, name: string): Promise<string[]> {
  const cells = await page.locator(`tr[data-org="${name}"]`).locator("th, td").allInnerTexts();
  return cells.map((text) => text.replace(/\s+/g, " ").trim());
}

// Each test starts, and leaves the next spec, with agency-alpha's policy judging nothing.
test.beforeEach(async ({ request }) => {
  await setPolicy(request, EMPTY_POLICY);
});
test.afterEach(async ({ request }) => {
  await setPolicy(request, EMPTY_POLICY);
});

test("the admin sees every org's postures, compliance, public egress and the platform's groups", async ({
  signedInAs,
  request,
}) => {
  await setPolicy(request, ISSUE_14_POLICY);
  const page = await signedInAs("admin");
  await page.goto("/orgs");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Foundation" }).click();
  await expect(page).toHaveURL(/\/foundation$/);
  await expect(page.getByRole("heading", { level: 1, name: "Foundation" })).toBeVisible();

  // Organization, spaces, closed, trusted local, public, both, custom, public egress, policy.
  expect(await orgRow(page, "agency-alpha")).toEqual([
    "agency-alpha",
    "4",
    "1",
    "1",
    "1",
    "1",
    "0",
    "2",
    "2 violating in agency-alpha",
  ]);
  expect(await orgRow(page, "agency-beta")).toEqual([
    "agency-beta",
    "2",
    "1",
    "1",
    "0",
    "0",
    "0",
    "0",
    "No policy",
  ]);
  expect(await orgRow(page, "agency-gamma")).toEqual([
    "agency-gamma (suspended)",
    "1",
    "1",
    "0",
    "0",
    "0",
    "0",
    "0",
    "No policy",
  ]);
  await expect(page.getByTestId("global-running").getByRole("listitem")).toHaveText(["dns"]);
  await expect(page.getByTestId("global-staging").getByRole("listitem")).toHaveText([
    "dns",
    "public_networks_egress",
  ]);
  const publicSpaces = page.getByRole("region", { name: /Spaces with public egress/ });
  await expect(publicSpaces.getByRole("heading")).toHaveText("Spaces with public egress (2)");
  await expect(publicSpaces.locator("tbody tr")).toHaveText([
    /^agency-alpha\s*prod\s*Both$/,
    /^agency-alpha\s*sandbox\s*Public$/,
  ]);
  expect(await axeViolations(page)).toEqual([]);

  // Filters live in the URL, and the exports keep them.
  await page.getByLabel("With a space of posture").selectOption("trusted-local");
  await page.getByLabel("Violations only").check();
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/posture=trusted-local&violations=1/);
  await expect(page.getByTestId("org-count")).toHaveText("1 of 3 organizations.");
  const csv = await page.request.get(
    (await page.getByRole("link", { name: "Download CSV" }).getAttribute("href")) ?? "",
  );
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toBe(`${ids.orgs.alpha},agency-alpha,false,4,1,1,1,1,0,2,active,2,2`);
  const json = await page.request.get(
    (await page.getByRole("link", { name: "Download JSON" }).getAttribute("href")) ?? "",
  );
  const body = (await json.json()) as {
    orgs: { name: string }[];
    globally_enabled: { running: { name: string }[] };
  };
  expect(body.orgs.map((o) => o.name)).toEqual(["agency-alpha"]);
  expect(body.globally_enabled.running.map((g) => g.name)).toEqual(["dns"]);

  await page.getByLabel("Organization name").fill("beta");
  await page.getByLabel("With a space of posture").selectOption("");
  await page.getByLabel("Violations only").uncheck();
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("org-count")).toHaveText("1 of 3 organizations.");
  await expect(page.locator("tr[data-org]")).toHaveCount(1);
  await expect(publicSpaces.getByRole("heading")).toHaveText("Spaces with public egress (0)");
});

test("a global auditor sees the whole foundation too", async ({ signedInAs }) => {
  const page = await signedInAs("gale");
  await page.goto("/orgs");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Foundation" }).click();
  await expect(page.getByTestId("org-count")).toHaveText("3 of 3 organizations.");
  expect(await orgRow(page, "agency-alpha")).toEqual([
    "agency-alpha",
    "4",
    "1",
    "1",
    "1",
    "1",
    "0",
    "2",
    "No policy",
  ]);
  expect(await orgRow(page, "agency-beta")).toEqual([
    "agency-beta",
    "2",
    "1",
    "1",
    "0",
    "0",
    "0",
    "0",
    "No policy",
  ]);
  expect(await axeViolations(page)).toEqual([]);
});

test("an org manager has no foundation: no link, /foundation goes to /orgs, its exports are refused", async ({
  signedInAs,
}) => {
  const page = await signedInAs("olivia");
  await page.goto("/orgs");
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Foundation" }),
  ).toHaveCount(0);
  await page.goto("/foundation");
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByRole("heading", { level: 1, name: "Organizations" })).toBeVisible();
  await page.goto("/foundation/reach?destination=10.10.0.12&ports=5432");
  await expect(page).toHaveURL(/\/orgs$/);
  for (const path of ["/foundation.csv", "/foundation.json"]) {
    const response = await page.request.get(path);
    expect(response.status()).toBe(403);
    expect(((await response.json()) as { error: { kind: string } }).error.kind).toBe("forbidden");
  }
});
