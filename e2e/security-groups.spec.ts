import { type Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { ids } from "../sim/seed";
import { clearRequests, loggedRequests, setFaults } from "./support/sim";

/**
 * The security-group pages, signed in through the UAA as each seeded user:
 * CF decides which groups and which bindings each one sees (docs/design.md §3),
 * and the pages say so rather than guessing.
 */

const TRUSTED_LOCAL = `/security-groups/${ids.securityGroups.trustedLocal}`;

/** The rows of the bindings table, as "org / space / lifecycle". */
async function bindingRows(page: Page): Promise<string[]> {
  const table = page.getByRole("table", { name: /is bound to/ });
  const rows = table.locator("tbody tr");
  return rows.evaluateAll((trs) =>
    trs.map((tr) =>
      Array.from(tr.querySelectorAll("th, td"))
        .map((cell) => cell.textContent?.trim() ?? "")
        .join(" / "),
    ),
  );
}

test("sasha sees the global and sandbox groups but not trusted-local, which is not found for her", async ({
  signedInAs,
}) => {
  const page = await signedInAs("sasha");
  await page.goto("/security-groups");
  await expect(page.getByRole("heading", { level: 1, name: "Security groups" })).toBeVisible();
  const table = page.getByRole("table", { name: "Security groups you can see" });
  await expect(table.getByRole("link", { name: "dns" })).toBeVisible();
  await expect(table.getByRole("link", { name: "public_networks_egress" })).toBeVisible();
  await expect(table.getByRole("link", { name: "trusted_local_networks_egress" })).toHaveCount(0);
  await expect(page.getByText("Bindings are shown only for spaces you can read")).toBeVisible();
  // Her sandbox binding is visible; prod's, in a space she cannot read, is not.
  const publicRow = table.getByRole("row", { name: /public_networks_egress/ });
  await expect(publicRow).toContainText("agency-alpha / sandbox (running)");
  await expect(publicRow).not.toContainText("prod");
  await expect(publicRow).toContainText("Staging: platform-wide");
  await expectNoAxeViolations(page);

  const response = await page.goto(TRUSTED_LOCAL);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Security group not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "See the security groups you can see" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the list shows rule counts and the platform-wide flags in words", async ({ signedInAs }) => {
  const page = await signedInAs("olivia");
  await page.goto("/security-groups");
  const table = page.getByRole("table", { name: "Security groups you can see" });
  const dns = table.getByRole("row", { name: /^dns/ });
  await expect(dns).toContainText("2 rules");
  await expect(dns).toContainText("Running: platform-wide");
  await expect(dns).toContainText("Staging: platform-wide");
  await expect(dns).toContainText("None you can see");
  const trusted = table.getByRole("row", { name: /trusted_local_networks_egress/ });
  await expect(trusted).toContainText("4 rules");
  await expect(trusted).toContainText("Not platform-wide");
  await expect(trusted).toContainText("agency-alpha / prod (running)");
  await expect(trusted).toContainText("agency-alpha / staging (running)");
  await expect(trusted).not.toContainText("agency-beta");
  // Name order, as the page promises.
  await expect(table.locator("tbody th")).toHaveText([
    "dns",
    "public_networks_egress",
    "trusted_local_networks_egress",
  ]);
});

test("olivia sees trusted-local's bindings in her org only, linked to the space pages", async ({
  signedInAs,
}) => {
  const page = await signedInAs("olivia");
  await page.goto("/security-groups");
  await page.getByRole("link", { name: "trusted_local_networks_egress" }).click();
  await expect(page).toHaveURL(new RegExp(`${TRUSTED_LOCAL}$`));
  await expect(page.getByRole("heading", { level: 1, name: "trusted_local_networks_egress" })).toBeVisible();
  expect(await bindingRows(page)).toEqual([
    "agency-alpha / prod / Running",
    "agency-alpha / staging / Running",
  ]);
  await expect(page.getByRole("link", { name: "staging", exact: true })).toHaveAttribute(
    "href",
    `/orgs/${ids.orgs.alpha}/spaces/${ids.spaces.alphaStaging}`,
  );
  await expect(page).toHaveTitle(/^trusted_local_networks_egress/);
});

test("admin sees all three of trusted-local's bindings", async ({ signedInAs }) => {
  const page = await signedInAs("admin");
  await page.goto(TRUSTED_LOCAL);
  expect(await bindingRows(page)).toEqual([
    "agency-alpha / prod / Running",
    "agency-alpha / staging / Running",
    "agency-beta / prod / Running",
  ]);
  await expect(page.getByText("You see every binding")).toBeVisible();
});

test("sam sees only agency-alpha/prod among trusted-local's bindings", async ({ signedInAs }) => {
  const page = await signedInAs("sam");
  await page.goto(TRUSTED_LOCAL);
  expect(await bindingRows(page)).toEqual(["agency-alpha / prod / Running"]);
  await expect(page.getByText("Bindings are shown only for spaces you can read")).toBeVisible();
});

test("the detail page shows the rules and the global flags", async ({ signedInAs }) => {
  const page = await signedInAs("olivia");
  await page.goto(TRUSTED_LOCAL);
  const rules = page.getByRole("table", { name: "Rules of trusted_local_networks_egress" });
  const rds = rules.getByRole("row", { name: /10\.10\.0\.0\/22/ });
  await expect(rds).toContainText("tcp");
  await expect(rds).toContainText("5432,3306,1433,1521");
  await expect(rds).toContainText("RDS");
  await expect(rules.locator("tbody tr")).toHaveCount(4);
  await expect(page.getByText("Not platform-wide. Applies for running only")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/security-groups/${ids.securityGroups.dns}`);
  await expect(page.getByText("Running: platform-wide.")).toBeVisible();
  await expect(page.getByText("Staging: platform-wide.")).toBeVisible();
  await expect(page.getByText("dns is bound to no space that you can read.")).toBeVisible();
});

test("the pages stay accessible at phone width", async ({ signedInAs }) => {
  const page = await signedInAs("olivia");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/security-groups");
  await expect(page.getByRole("table", { name: "Security groups you can see" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(TRUSTED_LOCAL);
  await expect(page.getByRole("table", { name: "Rules of trusted_local_networks_egress" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a malformed guid gives the not-found page without asking CF", async ({ signedInAs, request }) => {
  const page = await signedInAs("olivia");
  await clearRequests(request);
  const response = await page.goto("/security-groups/not-a-guid");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Security group not found" })).toBeVisible();
  const asked = (await loggedRequests(request)).filter((r) => r.path.startsWith("/v3/security_groups"));
  expect(asked).toEqual([]);
  await expectNoAxeViolations(page);
});

test("the name filter narrows the list, and says so", async ({ signedInAs }) => {
  const page = await signedInAs("olivia");
  await page.goto("/security-groups");
  await page.getByRole("searchbox", { name: "Filter by name" }).fill("NETWORKS");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\?q=NETWORKS$/);
  const table = page.getByRole("table", { name: "Security groups you can see" });
  await expect(table.locator("tbody th")).toHaveText([
    "public_networks_egress",
    "trusted_local_networks_egress",
  ]);
  await expect(page.getByText("Showing 2 of 3 groups")).toBeVisible();
  await page.getByRole("link", { name: "Clear filter" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(3);
});

test("each page costs a fixed number of CF requests, never one per group or per space", async ({
  signedInAs,
  request,
}) => {
  const page = await signedInAs("admin");
  // Leave /orgs, whose links prefetch org pages in the background and would add their requests to the log.
  await page.goto("about:blank");
  const asked = async (path: string) => {
    await clearRequests(request);
    // A plain request renders the page on the server without the browser's link prefetches.
    expect((await page.request.get(path)).status()).toBe(200);
    return (await loggedRequests(request))
      .filter((r) => r.path.startsWith("/v3/"))
      .map((r) => r.path.replace(/\?.*/, ""))
      .sort();
  };
  expect(await asked("/security-groups")).toEqual(["/v3/security_groups", "/v3/spaces"]);
  // The group page also reads the platform-wide groups (running, staging) that its lint compares it with.
  expect(await asked(TRUSTED_LOCAL)).toEqual([
    "/v3/security_groups",
    "/v3/security_groups",
    `/v3/security_groups/${ids.securityGroups.trustedLocal}`,
    "/v3/spaces",
  ]);

  // In the browser too: the list's links must not prefetch (and so render) every group's page.
  await clearRequests(request);
  await page.goto("/security-groups");
  await expect(page.getByRole("table", { name: "Security groups you can see" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const paths = (await loggedRequests(request)).map((r) => r.path.replace(/\?.*/, ""));
  expect(paths.filter((p) => p.startsWith("/v3/security_groups/"))).toEqual([]);
  expect(paths.filter((p) => p === "/v3/security_groups")).toHaveLength(1);
});

test("a CF failure shows an error with a retry that asks CF again", async ({ signedInAs, request }) => {
  const page = await signedInAs("olivia");
  await setFaults(request, { routes: [{ method: "GET", path: "/v3/security_groups", status: 503 }] });
  await page.goto("/security-groups");
  // The page says what failed, in the one failure model's words, with a reference for the logs.
  const alert = page.getByRole("alert").filter({ hasText: "Could not load the security groups" });
  await expect(alert).toContainText("Cloud Foundry answered with a server error. Try again in a moment.");
  await expect(alert).toContainText(/Reference for your platform team: [0-9a-f-]{36}/);

  await setFaults(request, {});
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("table", { name: "Security groups you can see" })).toBeVisible();
});

test("a token CF refuses sends the user through sign-in and back to the page", async ({
  signedInAs,
  request,
}) => {
  const page = await signedInAs("sam");
  const refuse = (path: string) =>
    setFaults(request, {
      routes: [
        {
          method: "GET",
          path,
          status: 401,
          body: { errors: [{ detail: "Invalid Auth Token", title: "CF-InvalidAuthToken", code: 1000 }] },
          times: 1,
        },
      ],
    });

  const statuses = async (prefix: string) =>
    (await loggedRequests(request)).filter((r) => r.path.startsWith(prefix)).map((r) => r.status);

  await refuse(`/v3/security_groups/${ids.securityGroups.trustedLocal}`);
  await clearRequests(request);
  await page.goto(TRUSTED_LOCAL);
  // The UAA session is still open, so sign-in comes straight back without the form.
  await expect(page).toHaveURL(new RegExp(`${TRUSTED_LOCAL}$`));
  expect(await bindingRows(page)).toEqual(["agency-alpha / prod / Running"]);
  const detail = await statuses(`/v3/security_groups/${ids.securityGroups.trustedLocal}`);
  expect(detail[0]).toBe(401);
  expect(detail.at(-1)).toBe(200);

  await refuse("/v3/security_groups");
  await clearRequests(request);
  await page.goto("/security-groups");
  await expect(page).toHaveURL(/\/security-groups$/);
  await expect(page.getByRole("table", { name: "Security groups you can see" })).toBeVisible();
  const list = await statuses("/v3/security_groups?");
  expect(list[0]).toBe(401);
  expect(list.at(-1)).toBe(200);
});
