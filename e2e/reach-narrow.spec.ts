import AxeBuilder from "@axe-core/playwright";
import { ids } from "../sim/seed";
import { expect, test } from "./support/fixtures";
import { cutOff, innerScrolls } from "./support/narrow";

/**
 * "Who can reach this?" on a 390 px phone (issue 23): the answer is one card
 * per space, the space's name heading it and each column a labelled line,
 * as the space page's tables are; nothing is cut off and nothing scrolls
 * sideways inside a box, on the foundation's search and on an org's.
 */

const WIDTH = 390;

const PAGES: [string, "admin" | "olivia", string][] = [
  ["the foundation's search", "admin", "/foundation/reach"],
  ["agency-alpha's search", "olivia", `/orgs/${ids.orgs.alpha}/reach`],
];

for (const [name, user, path] of PAGES) {
  test(`${name} at ${WIDTH} px: one card per space, nothing cut off, nothing scrolls inside a box`, async ({
    signedInAs,
  }) => {
    const page = await signedInAs(user);
    await page.setViewportSize({ width: WIDTH, height: 844 });
    // RDS's subnet: trusted_local_networks_egress allows it with its longest rule, the widest card line.
    await page.goto(`${path}?destination=10.10.0.12&ports=5432&protocol=tcp`);
    const prod = page.locator('tr[data-space="agency-alpha/prod"]');
    await expect(prod).toContainText("trusted_local_networks_egress: tcp 10.10.0.0/22 5432,3306,1433,1521");

    expect(await cutOff(page, WIDTH)).toEqual([]);
    expect(await innerScrolls(page)).toEqual([]);

    // A card: the space's name above its labelled lines, Running above Staging, the header row hidden.
    const title = await prod.getByRole("rowheader").boundingBox();
    const running = prod.getByText("Running", { exact: true });
    const staging = prod.getByText("Staging", { exact: true });
    await expect(running).toBeVisible();
    await expect(staging).toBeVisible();
    const runningBox = await running.boundingBox();
    const stagingBox = await staging.boundingBox();
    expect(title && runningBox && runningBox.y >= title.y + title.height - 1).toBe(true);
    expect(runningBox && stagingBox && stagingBox.y > runningBox.y).toBe(true);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  });
}

test("at 1280 px the answer stays a table, without the cards' labels", async ({ signedInAs }) => {
  const page = await signedInAs("admin");
  await page.goto("/foundation/reach?destination=10.10.0.12&ports=5432&protocol=tcp");
  const prod = page.locator('tr[data-space="agency-alpha/prod"]');
  await expect(prod.getByText("Running", { exact: true })).toBeHidden();
  const title = await prod.getByRole("rowheader").boundingBox();
  const cells = prod.getByRole("cell");
  const running = await cells.nth(1).boundingBox();
  expect(title && running && Math.abs(running.y - title.y) < 2).toBe(true);
});
