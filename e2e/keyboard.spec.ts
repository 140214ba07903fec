import type { Locator, Page } from "@playwright/test";
import { ids } from "../sim/seed";
import { OrgMatrixPage } from "./pages/org-matrix-page";
import { SpacePage } from "./pages/space-page";
import { expect, test } from "./support/fixtures";

/**
 * The change dialogs with the keyboard alone (issue 20, item 4): focus goes
 * back to the control that opened the dialog after Confirm (once the control
 * is enabled again) and after Esc; dialog after dialog takes focus and closes
 * at the first Esc; Enter toggles a switch as Space does; and Confirm is in
 * the tab order while the preview loads, refusing the press until it is there.
 */

const { orgs: o, spaces: s } = ids;

const focusIn = (dialog: Locator) => dialog.evaluate((el) => el.contains(document.activeElement));

/** Tabs from where focus is until Confirm has it (the dialog traps focus, so it comes round). */
async function tabToConfirm(page: Page, dialog: Locator): Promise<void> {
  const confirm = dialog.getByRole("button", { name: "Confirm" });
  for (let i = 0; i < 12; i++) {
    if (await confirm.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(confirm).toBeFocused();
}

/**
 * Opens a dialog from the focused switch with `key`, checks it took focus, then confirms it (by
 * keyboard) or presses Esc once; either way focus must come back to the switch.
 */
async function round(
  page: Page,
  control: Locator,
  key: "Enter" | "Space",
  end: "confirm" | "escape",
  success: Locator,
): Promise<void> {
  const dialog = page.getByRole("dialog");
  await expect(control).toBeFocused();
  await page.keyboard.press(key);
  await expect(dialog).toBeVisible();
  await expect.poll(() => focusIn(dialog)).toBe(true);
  if (end === "escape") {
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(control).toBeFocused();
    return;
  }
  await expect(dialog.getByRole("button", { name: "Confirm" })).toBeEnabled();
  await tabToConfirm(page, dialog);
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(success).toBeVisible();
  // Saving disables the switch; once it is enabled again, focus is back on it, not on <body>.
  await expect(control).toBeEnabled();
  await expect(control).toBeFocused();
}

test("the matrix's switches: Enter toggles, and focus comes back after Confirm and after Esc, dialog after dialog", async ({
  signedInAs,
}) => {
  const page = await signedInAs("sam");
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  const control = matrix.switch("Public egress", "dev");
  await control.focus();
  await round(page, control, "Enter", "confirm", matrix.success("Public egress is now on for dev."));
  await expect(control).toBeChecked();
  await round(page, control, "Enter", "escape", matrix.success("now on"));
  await round(page, control, "Space", "confirm", matrix.success("Public egress is now off for dev."));
  await expect(control).not.toBeChecked();
  await round(page, control, "Space", "escape", matrix.success("now off"));
  await round(page, control, "Enter", "escape", matrix.success("now off"));
  await expect(control).not.toBeChecked();
});

test("the space page's switches: Enter toggles, and focus comes back after Confirm and after Esc, dialog after dialog", async ({
  signedInAs,
}) => {
  const page = await signedInAs("sam");
  const space = await new SpacePage(page).goto(o.alpha, s.alphaDev);
  const control = space.switch("Trusted local egress");
  await control.focus();
  await round(page, control, "Enter", "confirm", space.success("Trusted local egress is now on for dev."));
  await expect(control).toBeChecked();
  await round(page, control, "Enter", "escape", space.success("now on"));
  await round(page, control, "Enter", "confirm", space.success("Trusted local egress is now off for dev."));
  await round(page, control, "Space", "escape", space.success("now off"));
  await expect(control).not.toBeChecked();
});

test("a fix button that is gone after its change hands focus to its row", async ({ signedInAs }) => {
  const page = await signedInAs("sam");
  const space = await new SpacePage(page).goto(o.alpha, s.alphaDev);
  const fix = page.getByRole("button", { name: "Turn on Trusted local egress" }).first();
  await fix.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect.poll(() => focusIn(dialog)).toBe(true);
  await tabToConfirm(page, dialog);
  await page.keyboard.press("Enter");
  await expect(space.success("Trusted local egress is now on for dev.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Turn on Trusted local egress" })).toHaveCount(0);
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.tagName.toLowerCase()))
    .toMatch(/^(tr|li)$/);
  const focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
  expect(focused).toMatch(/RDS|Redis|Elasticsearch|S3/);
});

test("Tab reaches Confirm while the preview loads, and Confirm refuses the press until it is there", async ({
  signedInAs,
  sim,
}) => {
  const page = await signedInAs("sam");
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  await sim.faults({
    routes: [
      { method: "GET", path: "/v3/spaces/*/running_security_groups", delay_ms: 2500, passthrough: true },
    ],
  });
  await sim.clearRequests();
  const control = matrix.switch("Public egress", "dev");
  await control.focus();
  await page.keyboard.press("Space");
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("status")).toHaveText("Working out what this changes…");
  const confirm = dialog.getByRole("button", { name: "Confirm" });
  await tabToConfirm(page, dialog);
  await expect(confirm).toHaveAttribute("aria-disabled", "true");
  await page.keyboard.press("Enter");
  // Refused: the dialog stays, and nothing was written.
  await expect(dialog).toBeVisible();
  expect(await sim.writes()).toEqual([]);
  // Once the preview is there, the same key confirms.
  await expect(dialog.getByRole("heading", { name: "Opens" })).toBeVisible({ timeout: 10_000 });
  await expect(confirm).toBeFocused();
  await expect(confirm).not.toHaveAttribute("aria-disabled");
  await page.keyboard.press("Enter");
  await expect(matrix.success("Public egress is now on for dev.")).toBeVisible();
  await expect(control).toBeFocused();
});
