import type { Locator } from "@playwright/test";
import { ids } from "../sim/seed";
import { OrgMatrixPage } from "./pages/org-matrix-page";
import { SpacePage } from "./pages/space-page";
import { expect, test } from "./support/fixtures";

/**
 * The cf commands of the change dialogs on a phone (issue 20, item 6): a
 * command wraps at spaces only, never inside a token ("-⏎-space",
 * "agency-⏎alpha"), no token is cut off, and every command block has a
 * button that copies it.
 */

const { orgs: o, spaces: s } = ids;

/** Every token of the command blocks in the dialog sits on one line, inside the dialog's width. */
async function expectWholeTokens(dialog: Locator): Promise<void> {
  const tokens = await dialog.locator("pre code span span").evaluateAll((spans) =>
    spans.map((span) => {
      const pre = span.closest("pre");
      const box = span.getBoundingClientRect();
      const right = pre ? pre.getBoundingClientRect().right : Infinity;
      return { text: span.textContent, lines: span.getClientRects().length, inside: box.right <= right + 1 };
    }),
  );
  expect(tokens.length).toBeGreaterThan(3);
  expect(tokens.filter((t) => t.lines !== 1)).toEqual([]);
  expect(tokens.filter((t) => !t.inside)).toEqual([]);
}

test.use({ viewport: { width: 390, height: 844 } });

test("at 390 px a change dialog's cf command wraps at spaces only, and its copy button copies it", async ({
  signedInAs,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await signedInAs("sam");
  const space = await new SpacePage(page).goto(o.alpha, s.alphaDev);
  const dialog = await space.flip("Trusted local egress");
  await dialog.expectPreviewReady();
  await expectWholeTokens(dialog.root);
  const command = "cf bind-security-group trusted_local_networks_egress agency-alpha --space dev";
  await dialog.root.getByRole("button", { name: "Copy the command" }).click();
  await expect(dialog.root.getByRole("status").filter({ hasText: "Copied." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);
  await dialog.cancel();
});

test("at 390 px the bulk dialog's commands wrap at spaces only, one command per line", async ({
  signedInAs,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await signedInAs("olivia");
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  const dialog = await matrix.bulk("all", "Public egress", "on");
  await expect(dialog.getByRole("list", { name: "Preview per space" })).toBeVisible();
  await expectWholeTokens(dialog);
  await dialog.getByRole("button", { name: "Copy the commands" }).click();
  expect((await page.evaluate(() => navigator.clipboard.readText())).split("\n")).toEqual([
    "cf bind-security-group public_networks_egress agency-alpha --space dev",
    "cf bind-security-group public_networks_egress agency-alpha --space staging",
  ]);
});
