import AxeBuilder from "@axe-core/playwright";
import { ids } from "../sim/seed";
import { SpacePage } from "./pages/space-page";
import { expect, test, type SeededUser } from "./support/fixtures";
import { cutOff, innerScrolls } from "./support/narrow";

/**
 * Issue 20, item 6 on the space page: on a 390 px phone nothing is cut off
 * (every button, link, switch, input and select lies within the viewport's
 * width) and nothing scrolls inside a box; the destination tables are one
 * card per destination, the rule tables one card per rule.
 */

const { orgs: o, spaces: s } = ids;
const WIDTH = 390;

const CASES: [SeededUser, string, string][] = [
  ["sam", "dev", s.alphaDev],
  ["devon", "prod", s.alphaProd],
  ["sasha", "sandbox", s.alphaSandbox],
  ["olivia", "staging", s.alphaStaging],
];

for (const [user, name, guid] of CASES) {
  test(`${user} on ${name} at ${WIDTH} px: nothing cut off, nothing scrolls inside a box`, async ({
    signedInAs,
  }) => {
    const page = await signedInAs(user);
    await page.setViewportSize({ width: WIDTH, height: 844 });
    const space = await new SpacePage(page).goto(o.alpha, guid);
    await space.openAdvanced();
    // A question answered, so its answer is measured too.
    await page.getByLabel("Address or host name").fill("rds.agency-alpha.internal");
    await page.getByLabel("Port").fill("5432");
    await page.getByRole("button", { name: "Check" }).click();
    await expect(page.getByRole("status").filter({ hasText: /: 10\.10\.0\.12 tcp 5432/ })).toBeVisible();

    expect(await cutOff(page, WIDTH)).toEqual([]);
    expect(await innerScrolls(page)).toEqual([]);

    // One card per destination: the row header above its labelled lines, the Fix's button within the card.
    const rds = space.destination("RDS");
    const header = await rds.locator("th").boundingBox();
    const status = await rds.locator("td").first().boundingBox();
    expect(header && status && status.y >= header.y + header.height - 1).toBe(true);
    await expect(rds.getByText("Status", { exact: true })).toBeVisible();
    await expect(rds.getByText("Why", { exact: true })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  });
}

test("at 1280 px the destinations stay a table, without the cards' labels", async ({ signedInAs }) => {
  const page = await signedInAs("sam");
  const space = await new SpacePage(page).goto(o.alpha, s.alphaDev);
  const rds = space.destination("RDS");
  await expect(rds.getByText("Status", { exact: true })).toBeHidden();
  const header = await rds.locator("th").boundingBox();
  const status = await rds.locator("td").first().boundingBox();
  expect(header && status && Math.abs(status.y - header.y) < 2).toBe(true);
});
