import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ids } from "../sim/seed";
import { signIn } from "./support/auth";
import { cfAs, clearRequests, loggedRequests, resetSim, setFaults } from "./support/sim";

/** Changing egress through the dashboard, checked against the stand-in's own state. */

const ALPHA = `/orgs/${ids.orgs.alpha}`;
const BETA = `/orgs/${ids.orgs.beta}`;
const { spaces: s, securityGroups: g, users: u } = ids;

test.beforeEach(async ({ request }) => {
  await resetSim(request);
});

/** The running spaces a group is bound to, as the platform admin sees them in CF. */
async function boundRunning(request: APIRequestContext, groupGuid: string): Promise<string[]> {
  const { body } = await cfAs(request, "admin", "GET", `/v3/security_groups/${groupGuid}`);
  return (
    body as { relationships: { running_spaces: { data: { guid: string }[] } } }
  ).relationships.running_spaces.data
    .map((d) => d.guid)
    .sort();
}

async function flip(page: Page, name: string): Promise<void> {
  // The visible track is a styled span; the switch input itself is visually hidden (React Aria).
  await page.getByRole("switch", { name, exact: true }).click({ force: true });
}

test("sam turns public egress on for dev and off again, and CF has it each time", async ({
  page,
  request,
}) => {
  await signIn(page, "sam");
  await page.goto(ALPHA);
  await clearRequests(request);

  const publicDev = page.getByRole("switch", { name: "Public egress for dev" });
  await expect(publicDev).not.toBeChecked();
  await flip(page, "Public egress for dev");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Turn on Public egress for dev?");
  await expect(dialog.getByRole("heading", { name: "Opens" })).toBeVisible();
  await expect(dialog.getByRole("listitem").filter({ hasText: "Public web" })).toContainText("Blocked");
  await expect(dialog).toContainText(
    "cf bind-security-group public_networks_egress agency-alpha --space dev",
  );
  await expect(dialog).toContainText("within about two minutes, without restarting apps");
  await dialog.getByRole("button", { name: "Confirm" }).click();

  await expect(
    page.getByRole("status").filter({ hasText: "Public egress is now on for dev." }),
  ).toBeVisible();
  await expect(publicDev).toBeChecked();
  const devRow = page.getByRole("row", { name: /^dev/ });
  await expect(devRow.getByRole("cell").filter({ hasText: "Public" }).first()).toBeVisible();
  expect(await boundRunning(request, g.public)).toContain(s.alphaDev);

  // Every bind and unbind that reached CF carried sam's own token.
  const writes = (await loggedRequests(request)).filter((r) => r.method === "POST" || r.method === "DELETE");
  expect(writes.length).toBeGreaterThan(0);
  expect(writes.every((r) => r.user_guid === u.sam)).toBe(true);

  await flip(page, "Public egress for dev");
  await expect(dialog).toContainText("Turn off Public egress for dev?");
  await expect(dialog.getByRole("heading", { name: "Closes" })).toBeVisible();
  await expect(dialog).toContainText("cf unbind-security-group public_networks_egress agency-alpha dev");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Public egress is now off for dev." }),
  ).toBeVisible();
  await expect(publicDev).not.toBeChecked();
  expect(await boundRunning(request, g.public)).not.toContain(s.alphaDev);
  const deletes = (await loggedRequests(request)).filter((r) => r.method === "DELETE");
  expect(deletes.map((r) => [r.path, r.user_guid])).toEqual([
    [`/v3/security_groups/${g.public}/relationships/running_spaces/${s.alphaDev}`, u.sam],
  ]);
});

test("devon sees the switches disabled, with the reason", async ({ page }) => {
  await signIn(page, "devon");
  await page.goto(ALPHA);
  for (const name of ["Public egress for dev", "Trusted local egress for dev", "Public egress for prod"]) {
    const control = page.getByRole("switch", { name });
    await expect(control).toBeDisabled();
    await expect(control).toHaveAccessibleDescription(
      "You need the SpaceManager or OrgManager role to change egress.",
    );
  }
  await page.goto(`${ALPHA}/spaces/${s.alphaDev}`);
  await expect(page.getByRole("switch", { name: "Public egress", exact: true })).toBeDisabled();
  await expect(page.getByText("No permission").first()).toBeVisible();
});

test("olivia applies trusted-local egress to all spaces and sees the summary", async ({ page, request }) => {
  await signIn(page, "olivia");
  await page.goto(ALPHA);
  await clearRequests(request);
  await page.getByRole("button", { name: "Apply to all spaces" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Profile").selectOption({ label: "Trusted local egress" });
  await dialog.getByLabel("Turn it").selectOption("on");
  await expect(dialog).toContainText("New spaces start closed");
  await expect(dialog).toContainText("cf bind-security-group trusted_local_networks_egress agency-alpha");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Done: 4 of 4 spaces changed.");
  await expect(dialog.getByText("4 of 4 spaces", { exact: true })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();

  for (const space of ["dev", "prod", "sandbox", "staging"]) {
    await expect(page.getByRole("switch", { name: `Trusted local egress for ${space}` })).toBeChecked();
  }
  expect(await boundRunning(request, g.trustedLocal)).toEqual(
    [s.alphaDev, s.alphaStaging, s.alphaProd, s.alphaSandbox, s.betaProd].sort(),
  );
  // One request bound all four spaces.
  const binds = (await loggedRequests(request)).filter((r) => r.method === "POST");
  expect(binds.map((r) => [r.path, r.user_guid])).toEqual([
    [`/v3/security_groups/${g.trustedLocal}/relationships/running_spaces`, u.olivia],
  ]);

  // And off again for the selected spaces: one unbind per space, with progress and results.
  await page.getByRole("checkbox", { name: "Select dev" }).check();
  await page.getByRole("checkbox", { name: "Select sandbox" }).check();
  await page.getByRole("button", { name: "Change selected spaces (2)" }).click();
  await dialog.getByLabel("Profile").selectOption({ label: "Trusted local egress" });
  await dialog.getByLabel("Turn it").selectOption("off");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Done: 2 of 2 spaces changed.");
  await expect(dialog.getByRole("list", { name: "Result per space" })).toContainText("dev: changed");
  await dialog.getByRole("button", { name: "Close" }).click();
  expect(await boundRunning(request, g.trustedLocal)).toEqual(
    [s.alphaStaging, s.alphaProd, s.betaProd].sort(),
  );
});

test("sasha sees trusted-local unavailable, and the suspended org says so", async ({ page }) => {
  await signIn(page, "sasha");
  await page.goto(ALPHA);
  const trusted = page.getByRole("switch", { name: "Trusted local egress for sandbox" });
  await expect(trusted).toBeDisabled();
  await expect(trusted).toHaveAccessibleDescription(
    /Trusted local egress is unavailable: the trusted_local_networks_egress security group is not visible to you\. An administrator must make this group available to your org first\./,
  );
  await expect(page.getByRole("switch", { name: "Public egress for sandbox" })).toBeEnabled();

  await page.goto(`/orgs/${ids.orgs.gamma}`);
  await expect(page.getByText("This org is suspended").first()).toBeVisible();
  const legacy = page.getByRole("switch", { name: "Public egress for legacy" });
  await expect(legacy).toBeDisabled();
  await expect(legacy).toHaveAccessibleDescription(/This org is suspended/);
  await expect(legacy).not.toHaveAccessibleDescription(/role/);
});

/** Confirms the open dialog and waits for the server action's answer. */
async function confirmAndWait(page: Page): Promise<void> {
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && !!r.request().headers()["next-action"],
  );
  await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
  await answered;
}

/** Captures the next server-action POST the page makes, and lets the test rewrite its arguments. */
async function forgeNextAction(
  page: Page,
  rewrite: (args: Record<string, unknown>) => Record<string, unknown>,
) {
  const seen: { headers: Record<string, string>; url: string; body: string }[] = [];
  await page.route("**/orgs/**", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.fallback();
    const args = JSON.parse(request.postData() ?? "[]") as Record<string, unknown>[];
    const forged = JSON.stringify([rewrite(args[0] ?? {})]);
    seen.push({ headers: request.headers(), url: request.url(), body: forged });
    return route.continue({ postData: forged });
  });
  return seen;
}

test("a forged action on another org's space is refused and changes nothing", async ({ page, request }) => {
  const before = await boundRunning(request, g.public);
  await signIn(page, "bruno");
  await page.goto(BETA);
  await clearRequests(request);

  // bruno flips a switch of his own org; the request is rewritten to target agency-alpha/dev.
  const forged = await forgeNextAction(page, (args) => ({
    ...args,
    orgGuid: ids.orgs.alpha,
    spaceGuid: s.alphaDev,
  }));
  await flip(page, "Public egress for dev");
  await confirmAndWait(page);
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: "This space does not exist, or Cloud Foundry does not show it to you." }),
  ).toBeVisible();
  expect(forged).toHaveLength(1);
  expect(await boundRunning(request, g.public)).toEqual(before);
  expect((await loggedRequests(request)).filter((r) => r.method !== "GET")).toEqual([]);

  // The same request from agency-beta's page, naming agency-alpha's org with a beta space: refused too.
  await page.unrouteAll();
  const mixed = await forgeNextAction(page, (args) => ({ ...args, orgGuid: ids.orgs.alpha }));
  await flip(page, "Public egress for dev");
  await confirmAndWait(page);
  await expect(
    page.getByRole("alert").filter({ hasText: "This space is not in this organization." }),
  ).toBeVisible();
  expect(mixed).toHaveLength(1);

  // Malformed guid and a group that is not a configured profile: refused before any CF request.
  for (const rewrite of [
    (args: Record<string, unknown>) => ({ ...args, spaceGuid: "../../v3/spaces" }),
    (args: Record<string, unknown>) => ({ ...args, profileId: "dns" }),
  ]) {
    await page.unrouteAll();
    await forgeNextAction(page, rewrite);
    await clearRequests(request);
    await flip(page, "Public egress for dev");
    await confirmAndWait(page);
    await expect(
      page.getByRole("alert").filter({ hasText: "The change was refused: its arguments are not valid." }),
    ).toBeVisible();
    expect((await loggedRequests(request)).filter((r) => r.method !== "GET")).toEqual([]);
  }

  // Without a session: the captured action, replayed with no cookies, changes nothing.
  const replay = forged[0];
  if (!replay) throw new Error("no action captured");
  const anonymous = await request.post(replay.url, {
    headers: {
      "next-action": replay.headers["next-action"] ?? "",
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
    },
    data: JSON.stringify([
      {
        orgGuid: ids.orgs.beta,
        spaceGuid: s.betaDev,
        profileId: "public",
        lifecycle: "running",
        enabled: true,
      },
    ]),
  });
  expect(await anonymous.text()).toContain("Your session has ended");
  expect(await boundRunning(request, g.public)).toEqual(before);
});

test("a CF failure during a change leaves the switch as it was and shows the error", async ({
  page,
  request,
}) => {
  await signIn(page, "sam");
  await page.goto(ALPHA);
  await setFaults(request, {
    routes: [{ method: "POST", path: "/v3/security_groups/*/relationships/running_spaces", status: 503 }],
  });
  await flip(page, "Public egress for dev");
  await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Cloud Foundry did not confirm the change" }),
  ).toBeVisible();
  await expect(page.getByRole("switch", { name: "Public egress for dev" })).not.toBeChecked();
  await expect(page.getByRole("status").filter({ hasText: "now on" })).toHaveCount(0);
  expect(await boundRunning(request, g.public)).not.toContain(s.alphaDev);
});

test("two sessions changing the same space end consistent, and both see it", async ({ browser, request }) => {
  const olivia = await browser.newContext();
  const sam = await browser.newContext();
  const [pageO, pageS] = [await olivia.newPage(), await sam.newPage()];
  await signIn(pageO, "olivia");
  await signIn(pageS, "sam");
  await Promise.all([
    pageO.goto(`${ALPHA}/spaces/${s.alphaDev}`),
    pageS.goto(`${ALPHA}/spaces/${s.alphaDev}`),
  ]);

  // Both turn on different profiles of dev at the same moment.
  await flip(pageO, "Trusted local egress");
  await flip(pageS, "Public egress");
  await Promise.all([
    pageO.getByRole("dialog").getByRole("button", { name: "Confirm" }).click(),
    pageS.getByRole("dialog").getByRole("button", { name: "Confirm" }).click(),
  ]);
  await expect(pageO.getByRole("status").filter({ hasText: "now on" })).toBeVisible();
  await expect(pageS.getByRole("status").filter({ hasText: "now on" })).toBeVisible();

  expect(await boundRunning(request, g.public)).toContain(s.alphaDev);
  expect(await boundRunning(request, g.trustedLocal)).toContain(s.alphaDev);
  for (const page of [pageO, pageS]) {
    await page.reload();
    await expect(page.getByRole("switch", { name: "Public egress", exact: true })).toBeChecked();
    await expect(page.getByRole("switch", { name: "Trusted local egress", exact: true })).toBeChecked();
  }
  await olivia.close();
  await sam.close();
});

test("switch and dialog work by keyboard alone, and the dialog is axe-clean", async ({ page }) => {
  await signIn(page, "sam");
  await page.goto(`${ALPHA}/spaces/${s.alphaDev}`);
  const publicSwitch = page.getByRole("switch", { name: "Public egress", exact: true });
  await publicSwitch.focus();
  await page.keyboard.press("Space");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading", { name: "Opens" })).toBeVisible();

  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // Focus stays inside the dialog however far one tabs.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  // Esc closes it, changes nothing, and gives focus back to the switch.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(publicSwitch).toBeFocused();
  await expect(publicSwitch).not.toBeChecked();

  // And a change made with the keyboard only.
  await page.keyboard.press("Space");
  await expect(dialog.getByRole("button", { name: "Confirm" })).toBeEnabled();
  await dialog.getByRole("button", { name: "Confirm" }).focus();
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("status").filter({ hasText: "Public egress is now on for dev." }),
  ).toBeVisible();
  await expect(publicSwitch).toBeChecked();
});
