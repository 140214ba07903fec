import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ids } from "../sim/seed";
import { ActivityPage } from "./pages/activity-page";
import { OrgMatrixPage } from "./pages/org-matrix-page";
import { expect, test } from "./support/fixtures";
import { ISSUE_14_POLICY, setPolicy } from "./support/policies";

/**
 * The org page at the widths people use (issue 20): at 1,280 px the matrix
 * of an org with a policy fits without a sideways scroll, drift shows at a
 * glance, the reasons of disabled switches are in view; at 390 px the page
 * scrolls as a page (no box inside it) under a one-line header whose
 * navigation is behind a Menu button; the navigation marks the current page;
 * a client-side navigation into the org page runs under the CSP.
 */

const { orgs: o, spaces: s, securityGroups: g } = ids;
const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

/** Every console error and uncaught exception of a page from now on. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

// The history database outlives a test; the policy is the one thing these tests set beyond CF.
test.afterAll(async ({ request }) => setPolicy(request, { version: 1, rules: [], default: null }));

test("at 1,280 px every column of agency-alpha's matrix, with a policy, is in the window", async ({
  signedInAs,
  request,
}) => {
  await setPolicy(request, ISSUE_14_POLICY);
  const page = await signedInAs("olivia");
  await page.setViewportSize(WIDE);
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);

  const headers = matrix.table.locator("thead th");
  const names = (await headers.allInnerTexts()).map((h) => h.trim().replace(/\s+/g, " "));
  expect(names).toEqual([
    "Space",
    "Posture",
    "Policy",
    "Public egress",
    "Trusted local egress",
    "Public web",
    "S3 (user-provided)",
    "S3 (brokered)",
    "RDS",
    "Redis",
    "Elasticsearch",
    "Internal routes",
    "Isolation segment",
    "Last change",
  ]);
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  for (const [i, header] of (await headers.all()).entries()) {
    const box = await header.boundingBox();
    expect(box, names[i]).not.toBeNull();
    expect(box?.x ?? -1, names[i]).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0), names[i]).toBeLessThanOrEqual(width);
  }
  // No sideways scroll: neither the table's box nor the page.
  const box = matrix.table.locator("xpath=..");
  const [scrollWidth, clientWidth] = await box.evaluate((el) => [el.scrollWidth, el.clientWidth]);
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

  // Status is icon and word, never colour alone: the word is the cell's text, and a key says what each icon is.
  await expect(matrix.cell("dev", "Public web")).toHaveText("Blocked");
  await expect(page.locator(".egress-key").getByText("Allowed", { exact: true })).toBeVisible();
  // A violation's reasons fold into a disclosure that the keyboard opens.
  const cell = matrix.policyCell("sandbox");
  await expect(cell.getByText(/^Public egress is on; policy rule 1/)).toBeHidden();
  await cell.locator("summary").focus();
  await page.keyboard.press("Enter");
  await expect(cell.getByText(/^Public egress is on; policy rule 1/)).toBeVisible();
  await expect(cell.getByRole("button", { name: "Bring into policy for sandbox" })).toBeVisible();
  await expectAxeClean(page);
});

test("a binding made with the cf CLI marks the space's row and is counted above the matrix", async ({
  signedInAs,
  sim,
}) => {
  // agency-beta, whose spaces no other spec changes through the dashboard; the first load is the baseline.
  const page = await signedInAs("bruno");
  await page.setViewportSize(WIDE);
  const matrix = await new OrgMatrixPage(page).goto(o.beta);
  const last = matrix.cell("prod", "Last change");
  const link = last.getByRole("link");
  const before = (await link.count()) > 0 ? await link.getAttribute("href") : null;

  // As `cf bind-security-group public_networks_egress agency-beta --space prod`, straight to CF.
  const bound = await sim.cfAs(
    "admin",
    "POST",
    `/v3/security_groups/${g.public}/relationships/running_spaces`,
    {
      data: [{ guid: s.betaProd }],
    },
  );
  expect(bound.status).toBe(200);
  // A load finds the drift and records it after its answer (docs/adr/0006): the next load shows it.
  await expect(async () => {
    await matrix.goto(o.beta);
    await expect(last).toContainText("outside the dashboard", { timeout: 1000 });
  }).toPass();
  await expect(last).toHaveClass("drift");
  expect(await link.getAttribute("href")).not.toBe(before);
  await expect(page.locator(".egress-key").getByText("Last changed outside the dashboard")).toBeVisible();
  const count = page.getByRole("link", { name: "changed outside the dashboard" });
  await expect(count).toHaveAttribute("href", `/orgs/${o.beta}/activity?kind=drift`);
  await expect(
    page.getByText(/\d+ spaces? changed outside the dashboard since \d{4}-\d\d-\d\d \d\d:\d\d UTC\./),
  ).toBeVisible();

  await count.click();
  const activity = new ActivityPage(page);
  await expect(activity.table).toBeVisible();
  const rows = await activity.rows();
  expect(rows[0]?.slice(1, 4)).toEqual(["prod", "actor unknown (outside the dashboard)", "Drift"]);
});

test("the reasons of disabled switches are in view: devon's permission, sasha's unavailable profile", async ({
  signedInAs,
}) => {
  const devon = await signedInAs("devon");
  const matrix = await new OrgMatrixPage(devon).goto(o.alpha);
  const sentence = "You need the SpaceManager or OrgManager role to change the egress of this space.";
  // The sentence once, in view above the table, the description of every switch it disables.
  await expect(devon.getByText(sentence)).toHaveCount(1);
  await expect(devon.getByText(sentence)).toBeVisible();
  await expect(devon.locator(".egress-key li").filter({ hasText: sentence })).toContainText("No permission:");
  await expect(matrix.switch("Public egress", "dev")).toBeDisabled();
  await expect(matrix.switch("Public egress", "dev")).toHaveAccessibleDescription(sentence);
  await expect(matrix.cell("dev", "Public egress")).toContainText("No permission");
  await expect(matrix.switch("Trusted local egress", "prod")).toHaveAccessibleDescription(sentence);

  await devon.context().clearCookies();
  const page = await signedInAs("sasha");
  const sasha = await new OrgMatrixPage(page).goto(o.alpha);
  const unavailable =
    "Trusted local egress is not available to you: its security group (trusted_local_networks_egress) is bound to no space you can read, so Cloud Foundry does not show it to you. Ask an OrgManager of this org or your platform team to turn it on.";
  await expect(page.getByText(unavailable)).toBeVisible();
  await expect(sasha.cell("sandbox", "Trusted local egress")).toContainText("Unavailable");
  await expect(sasha.switch("Trusted local egress", "sandbox")).toHaveAccessibleDescription(unavailable);
  // Her Public egress switch is hers to use, and no reason is shown for it.
  await expect(sasha.switch("Public egress", "sandbox")).toBeEnabled();
  await expect(page.getByText(/^You need the SpaceManager/)).toHaveCount(0);
  await expectAxeClean(page);
});

test("a client-side navigation from /orgs into the org page logs no error (CSP included)", async ({
  signedInAs,
}) => {
  const page = await signedInAs("olivia");
  const errors = consoleErrors(page);
  await page.goto("/orgs");
  await page.getByRole("link", { name: "agency-alpha" }).first().click();
  const matrix = new OrgMatrixPage(page);
  await expect(matrix.table).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/orgs/${o.alpha}$`));
  // The cards' labels still come, without a stylesheet of the page's own.
  await page.setViewportSize(PHONE);
  const label = await matrix
    .cell("dev", "Posture")
    .evaluate((cell) => getComputedStyle(cell, "::after").content);
  expect(label).toBe('"Posture"');
  // A link in the table navigates in the page too.
  await matrix.row("dev").getByRole("link", { name: "dev", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "dev" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("at 390 px the org page scrolls as a page, under a one-line header with a Menu", async ({
  signedInAs,
}) => {
  const page = await signedInAs("olivia");
  await page.setViewportSize(PHONE);
  await new OrgMatrixPage(page).goto(o.alpha);

  // No box scrolls inside the page (code excepted): the cards are the page's own.
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => !el.closest("pre, code"))
      .filter((el) => {
        const style = getComputedStyle(el);
        const scrolls = (value: string) => value === "auto" || value === "scroll";
        return (
          (scrolls(style.overflowY) && el.scrollHeight > el.clientHeight) ||
          (scrolls(style.overflowX) && el.scrollWidth > el.clientWidth)
        );
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  );
  expect(boxes).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  // The header: one line, the navigation and the user behind the Menu button.
  const header = page.getByRole("banner");
  expect((await header.boundingBox())?.height ?? 999).toBeLessThanOrEqual(80);
  const menu = header.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(header.getByRole("link", { name: "Security groups" })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(header.getByTestId("signed-in-user")).toHaveText("olivia");
  await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
  // Below Organizations, the org page marks it as the section; the link of a page itself says "page".
  await expect(header.getByRole("link", { name: "Organizations" })).toHaveAttribute("aria-current", "true");
  await expectAxeClean(page);
  await header.getByRole("link", { name: "Security groups" }).click();
  await expect(page).toHaveURL(/\/security-groups$/);
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(header.getByRole("link", { name: "Security groups" })).toHaveAttribute("aria-current", "page");
  await expect(header.getByRole("link", { name: "Organizations" })).not.toHaveAttribute("aria-current");
  // Escape closes it, from the button or from within, and gives the focus back to the button.
  await menu.focus();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await header.getByRole("link", { name: "Private egress" }).focus();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
});

test("on a wide screen the navigation is in the header's row and marks the current page", async ({
  signedInAs,
}) => {
  const page = await signedInAs("olivia");
  await page.setViewportSize(WIDE);
  await page.goto("/orgs");
  const header = page.getByRole("banner");
  await expect(header.getByRole("button", { name: "Menu" })).toBeHidden();
  await expect(header.getByRole("link", { name: "Organizations" })).toHaveAttribute("aria-current", "page");
  await expect(header.getByRole("link", { name: "Private egress" })).not.toHaveAttribute("aria-current");
  expect((await header.boundingBox())?.height ?? 999).toBeLessThanOrEqual(80);
});
