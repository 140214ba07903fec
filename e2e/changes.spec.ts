import AxeBuilder from "@axe-core/playwright";
import { ids } from "../sim/seed";
import { MESSAGES } from "../lib/failures/messages";
import { OrgMatrixPage } from "./pages/org-matrix-page";
import { SpacePage } from "./pages/space-page";
import { forgeNextAction } from "./support/actions";
import { signIn } from "./support/auth";
import { expect, test } from "./support/fixtures";

/** Changing egress through the dashboard, checked against the stand-in's own state. */

const { orgs: o, spaces: s, securityGroups: g, users: u } = ids;

test("sam turns public egress on for dev and off again, and CF has it each time", async ({
  signedInAs,
  sim,
}) => {
  const matrix = await new OrgMatrixPage(await signedInAs("sam")).goto(o.alpha);
  await sim.clearRequests();

  await expect(matrix.switch("Public egress", "dev")).not.toBeChecked();
  const dialog = await matrix.flip("Public egress", "dev");
  await dialog.expectTitle("Turn on Public egress for dev?");
  await dialog.expectOpens("Public web", "Blocked");
  await expect(dialog.root).toContainText(
    "cf bind-security-group public_networks_egress agency-alpha --space dev",
  );
  await expect(dialog.root).toContainText("within about two minutes, without restarting apps");
  await dialog.confirm();

  await expect(matrix.success("Public egress is now on for dev.")).toBeVisible();
  await expect(matrix.switch("Public egress", "dev")).toBeChecked();
  await expect(matrix.row("dev").getByRole("cell").filter({ hasText: "Public" }).first()).toBeVisible();
  expect(await sim.boundSpaces(g.public)).toContain(s.alphaDev);

  // Every bind and unbind that reached CF carried sam's own token.
  const writes = await sim.writes();
  expect(writes.length).toBeGreaterThan(0);
  expect(writes.every((r) => r.user_guid === u.sam)).toBe(true);

  await matrix.flip("Public egress", "dev");
  await dialog.expectTitle("Turn off Public egress for dev?");
  await expect(dialog.root.getByRole("heading", { name: "Closes" })).toBeVisible();
  await expect(dialog.root).toContainText("cf unbind-security-group public_networks_egress agency-alpha dev");
  await dialog.confirm();
  await expect(matrix.success("Public egress is now off for dev.")).toBeVisible();
  await expect(matrix.switch("Public egress", "dev")).not.toBeChecked();
  expect(await sim.boundSpaces(g.public)).not.toContain(s.alphaDev);
  const deletes = (await sim.requests()).filter((r) => r.method === "DELETE");
  expect(deletes.map((r) => [r.path, r.user_guid])).toEqual([
    [`/v3/security_groups/${g.public}/relationships/running_spaces/${s.alphaDev}`, u.sam],
  ]);
});

test("devon sees the switches disabled, with the reason", async ({ signedInAs }) => {
  const page = await signedInAs("devon");
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  for (const [profile, space] of [
    ["Public egress", "dev"],
    ["Trusted local egress", "dev"],
    ["Public egress", "prod"],
  ] as const) {
    const control = matrix.switch(profile, space);
    await expect(control).toBeDisabled();
    await expect(control).toHaveAccessibleDescription(MESSAGES.notAuthorized);
  }
  const spacePage = await new SpacePage(page).goto(o.alpha, s.alphaDev);
  await expect(spacePage.switch("Public egress")).toBeDisabled();
  // The space page writes the sentence itself beside each switch, for everyone.
  await expect(page.getByText(MESSAGES.notAuthorized).first()).toBeVisible();
  await expect(spacePage.switch("Public egress")).toHaveAccessibleDescription(MESSAGES.notAuthorized);
});

test("olivia applies trusted-local egress to all spaces and sees the summary", async ({
  signedInAs,
  sim,
}) => {
  const matrix = await new OrgMatrixPage(await signedInAs("olivia")).goto(o.alpha);
  await sim.clearRequests();
  let dialog = await matrix.bulk("all", "Trusted local egress", "on");
  await expect(dialog).toContainText("New spaces start closed");
  await expect(dialog).toContainText(
    "cf bind-security-group trusted_local_networks_egress agency-alpha --space dev",
  );
  await dialog.getByRole("button", { name: "Confirm" }).click();
  // prod and staging had it already: nothing is sent or recorded for them (e2e/bulk.spec.ts).
  await expect(dialog.getByRole("status")).toHaveText("Done: 2 changed, 2 already on.");
  await expect(dialog.getByText("4 of 4 spaces", { exact: true })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();

  for (const space of ["dev", "prod", "sandbox", "staging"]) {
    await expect(matrix.switch("Trusted local egress", space)).toBeChecked();
  }
  expect(await sim.boundSpaces(g.trustedLocal)).toEqual(
    [s.alphaDev, s.alphaStaging, s.alphaProd, s.alphaSandbox, s.betaProd].sort(),
  );
  // One request bound all four spaces.
  const binds = (await sim.requests()).filter((r) => r.method === "POST");
  expect(binds.map((r) => [r.path, r.user_guid])).toEqual([
    [`/v3/security_groups/${g.trustedLocal}/relationships/running_spaces`, u.olivia],
  ]);

  // And off again for the selected spaces: one unbind per space, with progress and results.
  await matrix.select("dev");
  await matrix.select("sandbox");
  dialog = await matrix.bulk("selected", "Trusted local egress", "off");
  await expect(dialog).toContainText(
    "cf unbind-security-group trusted_local_networks_egress agency-alpha dev",
  );
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Done: 2 changed, 0 already off.");
  await expect(dialog.getByRole("list", { name: "Result per space" })).toContainText("dev: changed");
  await dialog.getByRole("button", { name: "Close" }).click();
  expect(await sim.boundSpaces(g.trustedLocal)).toEqual([s.alphaStaging, s.alphaProd, s.betaProd].sort());
});

test("sasha sees trusted-local unavailable, and the suspended org says so", async ({ signedInAs }) => {
  const page = await signedInAs("sasha");
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  const trusted = matrix.switch("Trusted local egress", "sandbox");
  await expect(trusted).toBeDisabled();
  await expect(trusted).toHaveAccessibleDescription(
    "Trusted local egress is not available to you: its security group (trusted_local_networks_egress) is bound to no space you can read, so Cloud Foundry does not show it to you. Ask an OrgManager of this org or your platform team to turn it on.",
  );
  await expect(matrix.switch("Public egress", "sandbox")).toBeEnabled();

  await matrix.goto(o.gamma);
  await expect(page.getByText("This org is suspended").first()).toBeVisible();
  const legacy = matrix.switch("Public egress", "legacy");
  await expect(legacy).toBeDisabled();
  await expect(legacy).toHaveAccessibleDescription(/This org is suspended/);
  await expect(legacy).not.toHaveAccessibleDescription(/role/);
});

test("a forged action on another org's space is refused and changes nothing", async ({
  signedInAs,
  sim,
  request,
}) => {
  const before = await sim.boundSpaces(g.public);
  const page = await signedInAs("bruno");
  const matrix = await new OrgMatrixPage(page).goto(o.beta);
  await sim.clearRequests();

  // bruno flips a switch of his own org; the request is rewritten to target agency-alpha/dev.
  const forged = await forgeNextAction(page, (args) => ({
    ...args,
    orgGuid: o.alpha,
    spaceGuid: s.alphaDev,
  }));
  await (await matrix.flip("Public egress", "dev")).confirmAndWaitForAction();
  await expect(
    matrix.failure("This space does not exist, or Cloud Foundry does not show it to you."),
  ).toBeVisible();
  expect(forged).toHaveLength(1);
  expect(await sim.boundSpaces(g.public)).toEqual(before);
  expect(await sim.writes()).toEqual([]);

  // The same request from agency-beta's page, naming agency-alpha's org with a beta space: refused too.
  await page.unrouteAll();
  const mixed = await forgeNextAction(page, (args) => ({ ...args, orgGuid: o.alpha }));
  await (await matrix.flip("Public egress", "dev")).confirmAndWaitForAction();
  await expect(matrix.failure("This space is not in this organization.")).toBeVisible();
  expect(mixed).toHaveLength(1);

  // Malformed guid, a group that is not a configured profile, an extra key: refused before any CF request.
  for (const rewrite of [
    (args: Record<string, unknown>) => ({ ...args, spaceGuid: "../../v3/spaces" }),
    (args: Record<string, unknown>) => ({ ...args, profileId: "dns" }),
    (args: Record<string, unknown>) => ({ ...args, __proto__: { enabled: true }, extra: 1 }),
  ]) {
    await page.unrouteAll();
    await forgeNextAction(page, rewrite);
    await sim.clearRequests();
    await (await matrix.flip("Public egress", "dev")).confirmAndWaitForAction();
    await expect(matrix.failure("The request was refused: its arguments are not valid.")).toBeVisible();
    expect(await sim.writes()).toEqual([]);
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
      { orgGuid: o.beta, spaceGuid: s.betaDev, profileId: "public", lifecycle: "running", enabled: true },
    ]),
  });
  expect(await anonymous.text()).toContain("Your session has ended");
  expect(await sim.boundSpaces(g.public)).toEqual(before);
});

test("two sessions changing the same space end consistent, and both see it", async ({ browser, sim }) => {
  const olivia = await browser.newContext();
  const sam = await browser.newContext();
  const [pageO, pageS] = [await olivia.newPage(), await sam.newPage()];
  await signIn(pageO, "olivia");
  await signIn(pageS, "sam");
  const [spaceO, spaceS] = await Promise.all([
    new SpacePage(pageO).goto(o.alpha, s.alphaDev),
    new SpacePage(pageS).goto(o.alpha, s.alphaDev),
  ]);

  // Both turn on different profiles of dev at the same moment.
  await spaceO.flip("Trusted local egress");
  await spaceS.flip("Public egress");
  await Promise.all([spaceO.dialog.confirm(), spaceS.dialog.confirm()]);
  await expect(spaceO.success("now on")).toBeVisible();
  await expect(spaceS.success("now on")).toBeVisible();

  expect(await sim.boundSpaces(g.public)).toContain(s.alphaDev);
  expect(await sim.boundSpaces(g.trustedLocal)).toContain(s.alphaDev);
  for (const space of [spaceO, spaceS]) {
    await space.page.reload();
    await expect(space.switch("Public egress")).toBeChecked();
    await expect(space.switch("Trusted local egress")).toBeChecked();
  }
  await olivia.close();
  await sam.close();
});

test("switch and dialog work by keyboard alone, and the dialog is axe-clean", async ({ signedInAs }) => {
  const page = await signedInAs("sam");
  const space = await new SpacePage(page).goto(o.alpha, s.alphaDev);
  const publicSwitch = space.switch("Public egress");
  // The dialog's code loads on first use; that must not suspend the page (its loading note would
  // flash in place of the switches, and the switch would lose focus).
  await page.evaluate(() => {
    const seen = { loading: false };
    Object.assign(window, { seen });
    new MutationObserver(() => {
      if (document.body.innerText.includes("Loading the space’s egress")) seen.loading = true;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await publicSwitch.focus();
  await page.keyboard.press("Space");
  const dialog = space.dialog.root;
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading", { name: "Opens" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { seen: { loading: boolean } }).seen.loading)).toBe(
    false,
  );

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
  await expect(space.success("Public egress is now on for dev.")).toBeVisible();
  await expect(publicSwitch).toBeChecked();
});
