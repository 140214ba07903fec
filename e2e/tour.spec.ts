import type { Page } from "@playwright/test";
import { expect, test, type AnySeededUser } from "./support/fixtures";

/**
 * Issue 20: a full tour of every page as every seeded user, at 1,280 px,
 * with no console error and no page error anywhere: the landing page signed
 * out, then /orgs, each org the user can see (its matrix, activity and
 * policy, alerts and "who can reach this?"), each space of it the user can
 * see, the security groups and one group, private egress, and for the
 * platform's readers the foundation and its search. The pages to visit are read from the pages
 * themselves, so the tour follows what each user is shown. Runs last (its own
 * project in playwright.config.ts), after every other spec has written its
 * history.
 */

const USERS: AnySeededUser[] = ["admin", "gale", "olivia", "sam", "devon", "audrey", "bruno", "sasha"];

/** Collects the console's errors and the page's uncaught errors, by the page they came from. */
function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${page.url()}: console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: page error: ${error.message}`));
  return errors;
}

async function visit(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  // Streamed sections, hydration and the first client fetches: what would log an error does so by now.
  await page.waitForLoadState("networkidle");
  await expect(page.getByText(/^Loading the /)).toHaveCount(0);
}

/** The distinct same-site links on the page whose path matches. */
async function links(page: Page, pattern: RegExp): Promise<string[]> {
  const hrefs = await page
    .locator("a[href]")
    .evaluateAll((anchors) => anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  return [...new Set(hrefs.filter((h) => pattern.test(h)))];
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
});

test("the landing page, signed out, logs no error", async ({ page }) => {
  const errors = watch(page);
  await visit(page, "/");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(errors).toEqual([]);
});

for (const user of USERS) {
  test(`${user}'s tour of every page logs no error`, async ({ signedInAs }) => {
    test.setTimeout(300_000);
    const page = await signedInAs(user);
    const errors = watch(page);
    const visited: string[] = [];
    const go = async (path: string) => {
      visited.push(path);
      await visit(page, path);
    };

    await go("/orgs");
    const orgs = await links(page, /^\/orgs\/[0-9a-f-]{36}$/);
    expect(orgs.length, `${user} sees an org`).toBeGreaterThan(0);
    for (const org of orgs) {
      await go(org);
      const spaces = await links(page, new RegExp(`^${org}/spaces/[0-9a-f-]{36}$`));
      for (const space of spaces) await go(space);
      await go(`${org}/activity`);
      await go(`${org}/policy`);
      await go(`${org}/alerts`);
      await go(`${org}/reach`);
    }
    await go("/security-groups");
    const [group] = await links(page, /^\/security-groups\/[0-9a-f-]{36}$/);
    if (group) await go(group);
    await go("/private-egress");
    // The header offers the foundation only to those who may see it (design §13).
    const foundation = await links(page, /^\/foundation$/);
    if (foundation.length > 0) {
      await go("/foundation");
      await go("/foundation/reach");
    }

    expect(errors, `visited: ${visited.join(", ")}`).toEqual([]);
  });
}
