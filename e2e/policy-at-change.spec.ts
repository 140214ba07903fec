import AxeBuilder from "@axe-core/playwright";
import { ids } from "../sim/seed";
import { OrgMatrixPage } from "./pages/org-matrix-page";
import { SpacePage } from "./pages/space-page";
import { EMPTY_POLICY, ISSUE_14_POLICY, setPolicy } from "./support/policies";
import { expect, test } from "./support/fixtures";
import type { Sim } from "./support/sim";

/**
 * The org's policy at the point of change (issue 20, item 2): every change
 * dialog says when the change would make a space violate the policy, which
 * rule (its number and its words, as the policy page lists them), and still
 * lets a person with the right proceed; the space page shows its compliance.
 */

const { orgs: o, spaces: s, securityGroups: g } = ids;

const RULE_1 = "Rule 1: sandbox* must be closed (sandboxes stay inside)";

/** sandbox closed, as the policy wants it: the seed gives it public egress. */
async function closeSandbox(sim: Sim): Promise<void> {
  const { status } = await sim.cfAs(
    "admin",
    "DELETE",
    `/v3/security_groups/${g.public}/relationships/running_spaces/${s.alphaSandbox}`,
  );
  expect(status).toBe(204);
}

// The history database (and so the policy) outlives a test: each sets its own, and leaves none.
test.beforeEach(async ({ request }) => setPolicy(request, ISSUE_14_POLICY, "olivia"));
test.afterAll(async ({ request }) => setPolicy(request, EMPTY_POLICY, "olivia"));

test("sasha is warned in the matrix's switch dialog, the space page's switch, the fix button and the advanced bind, and may still proceed", async ({
  signedInAs,
  sim,
}) => {
  await closeSandbox(sim);
  const page = await signedInAs("sasha");

  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  let dialog = await matrix.flip("Public egress", "sandbox");
  await dialog.expectPolicyWarning(RULE_1, "Public egress is on");
  await expect(dialog.root).toContainText("This change would make the space violate the org's egress policy");
  expect((await new AxeBuilder({ page }).include('[role="dialog"]').analyze()).violations).toEqual([]);
  await dialog.cancel();

  const space = await new SpacePage(page).goto(o.alpha, s.alphaSandbox);
  const compliance = page.getByRole("region", { name: "Org policy" });
  await expect(compliance).toContainText("Complies");
  await expect(compliance).toContainText(RULE_1);

  dialog = await space.flip("Public egress");
  await dialog.expectPolicyWarning(RULE_1, "Public egress is on");
  await dialog.cancel();

  await page.getByRole("button", { name: "Turn on Public egress" }).first().click();
  await dialog.expectTitle("Turn on Public egress for sandbox?");
  await dialog.expectPolicyWarning(RULE_1, "Public egress is on");
  await dialog.cancel();

  dialog = await space.bindGroup("public_networks_egress", "Running");
  await dialog.expectPolicyWarning(RULE_1, "Public egress is on");
  await dialog.cancel();

  // A staging change is not the policy's: it judges running egress only.
  dialog = await space.bindGroup("public_networks_egress", "Staging");
  await dialog.expectNoPolicyWarning();
  await dialog.cancel();

  // She has the right, and goes ahead: the page now shows the violation and its rule.
  dialog = await space.flip("Public egress");
  await dialog.expectPolicyWarning(RULE_1, "Public egress is on");
  await dialog.confirm();
  await expect(space.success("Public egress is now on for sandbox.")).toBeVisible();
  await expect(compliance).toContainText("Violates");
  await expect(compliance).toContainText(RULE_1);
  await expect(compliance.getByRole("list", { name: "Why it violates the policy" })).toContainText(
    "Public egress is on",
  );
  expect(await sim.boundSpaces(g.public)).toContain(s.alphaSandbox);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // Turning it off again brings the space into line, and the dialog says so.
  dialog = await space.flip("Public egress");
  await dialog.expectPreviewReady();
  await expect(dialog.root).toContainText(
    `This change brings the space into line with the org's egress policy: ${RULE_1}.`,
  );
  await dialog.cancel();
});

test("olivia's bulk dialog names, per space, the ones that would violate the policy", async ({
  signedInAs,
  sim,
}) => {
  await closeSandbox(sim);
  const page = await signedInAs("olivia");
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  const dialog = await matrix.bulk("all", "Public egress", "on");
  const preview = dialog.getByRole("list", { name: "Preview per space" });
  await expect(preview.getByRole("listitem").filter({ hasText: "sandbox:" })).toContainText(
    `Would violate the org's egress policy. ${RULE_1}. After the change: Public egress is on.`,
  );
  // prod has public egress already (and violates rule 2): nothing is sent for it.
  await expect(preview.getByRole("listitem").filter({ hasText: "prod:" })).toHaveText("prod: already on");
  await expect(preview.getByRole("listitem").filter({ hasText: "dev:" })).not.toContainText("policy");
  await expect(dialog).toContainText("1 space would violate the org's egress policy after this change");
  await expect(dialog.getByRole("button", { name: "Confirm" })).toBeEnabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
});

test("the space page shows a violating space's rule and why; a space no rule judges says so", async ({
  signedInAs,
}) => {
  const page = await signedInAs("sam");
  const space = await new SpacePage(page).goto(o.alpha, s.alphaProd);
  const compliance = page.getByRole("region", { name: "Org policy" });
  await expect(compliance).toContainText("Violates");
  await expect(compliance).toContainText("Rule 2: prod must not have public egress");
  await expect(compliance).toContainText("Public egress is on");
  await expect(compliance.getByRole("link", { name: "The org's egress policy" })).toHaveAttribute(
    "href",
    `/orgs/${o.alpha}/policy`,
  );

  await space.goto(o.alpha, s.alphaDev);
  await expect(compliance).toContainText("No rule");
  await expect(compliance).toContainText("so this space is not judged");
});
