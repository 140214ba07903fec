import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ids } from "../sim/seed";
import { SpacePage } from "./pages/space-page";
import { expect, test } from "./support/fixtures";

/**
 * Issue 20, item 7: "Can my app reach …?" answers in place (no page load),
 * keeps the question in the URL, names the profile that would open a "No"
 * (or why none can), resolves the stand-in's invented hosts with its DNS
 * server, and still answers a URL's question without JavaScript.
 */

const { orgs: o, spaces: s } = ids;
const RESOLVED =
  "was resolved from the dashboard’s network; your app’s DNS inside the platform may answer differently.";

async function ask(page: Page, host: string, port: string, protocol = "tcp"): Promise<void> {
  await page.getByLabel("Address or host name").fill(host);
  await page.getByLabel("Port").fill(port);
  await page.getByLabel("Protocol").selectOption(protocol);
  await page.getByRole("button", { name: "Check" }).click();
}

/** The page's own document loads: the same number before and after means the answer came in place. */
const loads = (page: Page) => page.evaluate(() => performance.getEntriesByType("navigation").length);

function answer(page: Page) {
  return page.getByRole("region", { name: "Can my app reach…?" }).getByRole("status");
}

test("sam asks about RDS by name on dev: no, with the fix as a button, answered in place", async ({
  signedInAs,
}) => {
  const page = await signedInAs("sam");
  const space = await new SpacePage(page).goto(o.alpha, s.alphaDev);
  await page.evaluate(() => {
    (window as unknown as { marker: string }).marker = "same document";
  });
  const before = await loads(page);
  await ask(page, "rds.agency-alpha.internal", "5432");
  await expect(answer(page)).toContainText(`rds.agency-alpha.internal ${RESOLVED}`);
  await expect(answer(page)).toContainText(
    "No: 10.10.0.12 tcp 5432 is not allowed by any security group that applies to running apps: turn on Trusted local egress.",
  );
  // Same document: no navigation happened, and the URL carries the question.
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same document");
  expect(await loads(page)).toBe(before);
  await expect(page).toHaveURL(/\?host=rds\.agency-alpha\.internal&port=5432&protocol=tcp#reach-heading$/);
  await expect(
    new AxeBuilder({ page }).analyze().then((r) => r.violations.map((v) => v.id)),
  ).resolves.toEqual([]);

  // The fix, from the answer: the change flow, then the answer to the same question is yes.
  await answer(page).getByRole("button", { name: "Turn on Trusted local egress" }).click();
  await space.dialog.expectPreviewReady();
  await space.dialog.confirmAndWaitForAction();
  await expect(answer(page)).toContainText(
    "Yes: 10.10.0.12 tcp 5432 is allowed by trusted_local_networks_egress, rule 1.",
  );

  // Shared, the URL answers the question itself.
  await page.reload();
  await expect(answer(page)).toContainText("Yes: 10.10.0.12 tcp 5432");
});

test("the answer says who can turn the profile on (devon), why it is out of reach (sasha), or that none opens it", async ({
  signedInAs,
}) => {
  const devon = await signedInAs("devon");
  await new SpacePage(devon).goto(o.alpha, s.alphaDev);
  await ask(devon, "example.com", "443");
  await expect(answer(devon)).toContainText(
    "No: 93.184.216.34 tcp 443 is not allowed by any security group that applies to running apps. Public egress would open it; a SpaceManager of this space or an OrgManager of this org can turn it on.",
  );
  await expect(answer(devon).getByRole("button")).toHaveCount(0);

  await ask(devon, "ldap.agency-alpha.internal", "389");
  await expect(answer(devon)).toContainText(
    "No: 10.20.0.5 tcp 389 is not allowed by any security group that applies to running apps. No egress profile opens it: ask your platform team for a security group that does.",
  );

  await ask(devon, "nowhere.agency-alpha.internal", "443");
  await expect(
    devon.getByRole("alert").filter({
      hasText: "nowhere.agency-alpha.internal could not be resolved from the dashboard's network.",
    }),
  ).toBeVisible();

  const sasha = await signedInAs("sasha");
  await new SpacePage(sasha).goto(o.alpha, s.alphaSandbox);
  await ask(sasha, "redis.internal", "6379");
  await expect(answer(sasha)).toContainText(
    "No: 10.10.4.5 tcp 6379 is not allowed by any security group that applies to running apps. Trusted local egress would open it, but it is not available to you: its security group (trusted_local_networks_egress) is bound to no space you can read",
  );
  await ask(sasha, "s3.amazonaws.com", "443");
  await expect(answer(sasha)).toContainText("Yes: 52.216.8.10 tcp 443 is allowed by public_networks_egress");
  await expect(answer(sasha)).toContainText("Yes: 52.217.44.2 tcp 443");
});

test("a question that is not valid is answered in place with why", async ({ signedInAs }) => {
  const page = await signedInAs("sam");
  await new SpacePage(page).goto(o.alpha, s.alphaDev);
  await ask(page, "10.10.0.12", "");
  await expect(page.getByRole("alert").filter({ hasText: "Enter a port for tcp." })).toBeVisible();
  await ask(page, "10.10.0.12", "70000");
  await expect(
    page.getByRole("alert").filter({ hasText: "The port must be from 1 to 65535." }),
  ).toBeVisible();
});

test("without JavaScript, the form is a GET and the page's HTML answers the question in its URL", async ({
  requestAs,
}) => {
  const sam = await requestAs("sam");
  const page = `/orgs/${o.alpha}/spaces/${s.alphaDev}`;
  const html = await (await sam.get(`${page}?host=redis.internal&port=6379&protocol=tcp`)).text();
  expect(html).toMatch(new RegExp(`<form[^>]*action="${page}#reach-heading"[^>]*>`));
  expect(html).toMatch(/<form[^>]*method="get"[^>]*>/);
  expect(html).toContain("No: 10.10.4.5 tcp 6379");
  expect(html).toContain(
    "is not allowed by any security group that applies to running apps: turn on Trusted local egress.",
  );
  expect(html).toContain(`redis.internal ${RESOLVED}`);
});

test("the reach route answers JSON to whoever can read the space, and 404 to whoever cannot", async ({
  requestAs,
}) => {
  const path = `/api/orgs/${o.alpha}/spaces/${s.alphaDev}/reach?host=example.com&port=443&protocol=tcp`;
  const sam = await requestAs("sam");
  const answered = await sam.get(path);
  expect(answered.status()).toBe(200);
  expect(await answered.json()).toMatchObject({
    reach: { ok: true, host: "example.com", lines: [{ address: "93.184.216.34", allowed: false }] },
  });
  const audrey = await requestAs("audrey");
  expect((await audrey.get(path)).status()).toBe(404);
});
