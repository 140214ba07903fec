import AxeBuilder from "@axe-core/playwright";
import type { Download, Page } from "@playwright/test";
import { ids } from "../sim/seed";
import { PolicyPage } from "./pages/policy-page";
import { SpacePage } from "./pages/space-page";
import { expect, test } from "./support/fixtures";
import { tokenFor } from "./support/sim";

/**
 * Issue 20, item 8: the smaller stumbles, each as a person met it: a stale
 * note after saving, a JSON error without a place, a CSV that ignored the
 * filters, dates that select nothing in silence, a sentence pointing the
 * wrong way, a group's lifecycle unsaid, a raw JSON error in the browser, an
 * admin told "none you can see", breadcrumbs in two words.
 */

const { orgs: o, spaces: s, securityGroups: g } = ids;

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
}

async function textOf(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

test('after a save, the rule builder\'s "Save the policy to keep it." is gone', async ({
  signedInAs,
  request,
}) => {
  // Start from no policy, whatever an earlier spec stored.
  const cleared = await request.put(`/api/orgs/${o.alpha}/policy`, {
    headers: { Authorization: `bearer ${await tokenFor(request, "admin")}` },
    data: { version: 1, rules: [], default: null },
  });
  expect(cleared.status()).toBe(200);
  const page = await signedInAs("olivia");
  const policy = await new PolicyPage(page).goto(o.alpha);
  await policy.addRule("sandbox*", "must be closed");
  await expect(page.getByText("Save the policy to keep it.")).toBeVisible();
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(policy.saved()).toBeVisible();
  await expect(page.getByText("Save the policy to keep it.")).toHaveCount(0);
});

test("a policy that is not JSON is refused with the line and column, on the page and by the API", async ({
  signedInAs,
}) => {
  const page = await signedInAs("olivia");
  const policy = await new PolicyPage(page).goto(o.alpha);
  await policy.save('{\n  "version": 1,\n  "rules": [\n    { "spaces": "dev", }\n  ]\n}');
  await expect(policy.refused()).toContainText(
    'The policy must be a JSON document: line 4, column 24: expected a property name in double quotes, found "}". Nothing was saved.',
  );
  // What she typed is still there to fix.
  await expect(policy.editor).toHaveValue(/"spaces": "dev", }/);

  const api = await page.request.put(`/api/orgs/${o.alpha}/policy`, { data: "{ rules: [" });
  expect(api.status()).toBe(400);
  expect(((await api.json()) as { error: { message: string } }).error.message).toBe(
    'The policy must be a JSON document: line 1, column 3: expected a property name in double quotes, found "r". Nothing was saved.',
  );
});

test("the org CSV holds the rows the page's filters keep", async ({ signedInAs }) => {
  const page = await signedInAs("olivia");
  await page.goto(`/orgs/${o.alpha}`);
  await page.getByLabel("Posture").selectOption("public");
  await expect(page).toHaveURL(/posture=public/);
  const link = page.getByRole("link", { name: "Download CSV" });
  await expect(link).toHaveAttribute("href", `/orgs/${o.alpha}/posture.csv?posture=public`);
  const download = page.waitForEvent("download");
  await link.click();
  const lines = (await textOf(await download)).trimEnd().split("\r\n");
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["sandbox"]);

  await page.getByLabel("Posture").selectOption("");
  await page.getByLabel("Filter spaces by name").fill("st");
  await expect(link).toHaveAttribute("href", `/orgs/${o.alpha}/posture.csv?q=st`);
  // Opened with the filter in its URL (as without JavaScript), the page's link carries it too.
  await page.goto(`/orgs/${o.alpha}?q=pro`);
  await expect(link).toHaveAttribute("href", `/orgs/${o.alpha}/posture.csv?q=pro`);
  const csv = await page.request.get(`/orgs/${o.alpha}/posture.csv?q=pro`);
  expect(
    (await csv.text())
      .trimEnd()
      .split("\r\n")
      .slice(1)
      .map((l) => l.split(",")[0]),
  ).toEqual(["prod"]);
});

test('a "To" before "From" on the activity page is said, not shown as an empty history', async ({
  signedInAs,
}) => {
  const page = await signedInAs("olivia");
  await page.goto(`/orgs/${o.alpha}/activity?from=2026-02-01&to=2026-01-01`);
  await expect(page.getByRole("status").filter({ hasText: "These dates select nothing" })).toContainText(
    "“To” (2026-01-01) is before “From” (2026-02-01), so no entry can match.",
  );
  await expectAxeClean(page);
  await page.goto(`/orgs/${o.alpha}/activity?from=2026-01-01&to=2026-02-01`);
  await expect(page.getByText("These dates select nothing")).toHaveCount(0);
});

test("the space page points up to its groups, and says which apply to one lifecycle only", async ({
  signedInAs,
}) => {
  const page = await signedInAs("sam");
  await new SpacePage(page).goto(o.alpha, s.alphaDev);
  await expect(
    page.getByText(/Egress is governed by the security groups that apply to the space \(listed above\)/),
  ).toBeVisible();
  await expect(page.getByText("security groups below")).toHaveCount(0);
  const groups = page.getByRole("region", { name: "Security groups that apply" });
  // public_networks_egress is enabled platform-wide for staging only (docs/design.md §3); dns for both.
  await expect(
    groups.getByRole("heading", { level: 3, name: "public_networks_egress (staging only)" }),
  ).toBeVisible();
  await expect(groups.getByRole("heading", { level: 3, name: "dns", exact: true })).toBeVisible();
});

test("the space page's switches follow what is above them without an empty band", async ({ signedInAs }) => {
  const page = await signedInAs("sam");
  await new SpacePage(page).goto(o.alpha, s.alphaDev);
  // Above the switches: the heading's line, then the space's compliance with the org's policy.
  const above = await page.getByRole("region", { name: "Org policy" }).boundingBox();
  // The switch's input is visually hidden; its label is the control that is seen.
  const control = await page
    .locator("label")
    .filter({ has: page.getByRole("switch", { name: "Public egress", exact: true }) })
    .boundingBox();
  expect(above && control).toBeTruthy();
  // The page's own gap and the notice's reserved line, no more (it was 88 px: a gap more on top).
  expect((control?.y ?? 0) - ((above?.y ?? 0) + (above?.height ?? 0))).toBeLessThanOrEqual(60);
});

test("a browser sent to a CSV of an org it cannot see gets the app's not-found page; a fetch gets JSON", async ({
  signedInAs,
}) => {
  const page = await signedInAs("bruno");
  for (const csv of ["posture.csv", "activity.csv"]) {
    const response = await page.goto(`/orgs/${o.alpha}/${csv}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Organization not found" })).toBeVisible();
    const data = await page.request.get(`/orgs/${o.alpha}/${csv}`, { headers: { Accept: "*/*" } });
    expect(data.status()).toBe(404);
    expect(((await data.json()) as { error: { kind: string } }).error.kind).toBe("not-found");
  }
});

test('an admin is told a group is bound to no space, not "None you can see"', async ({ signedInAs }) => {
  const page = await signedInAs("admin");
  await page.goto("/security-groups");
  const table = page.getByRole("table", { name: "Security groups you can see" });
  await expect(table.getByRole("columnheader", { name: "Bindings", exact: true })).toBeVisible();
  await expect(table.getByRole("row", { name: /^dns/ })).toContainText("Bound to no space");
  await expect(page.getByText("None you can see")).toHaveCount(0);
  await page.goto(`/security-groups/${g.dns}`);
  await expect(page.getByText("dns is bound to no space.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Bindings", exact: true })).toBeVisible();
});

test("every breadcrumb trail starts with Organizations, linking to /orgs", async ({ signedInAs }) => {
  const page = await signedInAs("olivia");
  for (const path of [
    `/orgs/${o.alpha}`,
    `/orgs/${o.alpha}/spaces/${s.alphaDev}`,
    `/orgs/${o.alpha}/activity`,
    `/orgs/${o.alpha}/policy`,
    "/security-groups",
    `/security-groups/${g.dns}`,
    "/private-egress",
  ]) {
    await page.goto(path);
    const first = page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("listitem").first();
    await expect(first, path).toHaveText("Organizations");
    await expect(first.getByRole("link"), path).toHaveAttribute("href", "/orgs");
  }
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByText("Home")).toHaveCount(0);
});
