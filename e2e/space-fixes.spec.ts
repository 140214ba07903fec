import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ids } from "../sim/seed";
import { SpacePage } from "./pages/space-page";
import { expect, test } from "./support/fixtures";

/**
 * Issue 20, item 3 on the space page: a disabled switch says why in words
 * beside it, the same words as its accessible description, for everyone; the
 * fix column names the profile that would open a destination, and tells each
 * user whether they can turn it on, who can, or why it is out of their reach.
 */

const { orgs: o, spaces: s } = ids;

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
}

const NO_ROLE = "You need the SpaceManager or OrgManager role to change the egress of this space.";
const HIDDEN_WHY =
  "its security group (trusted_local_networks_egress) is bound to no space you can read, so Cloud Foundry does not show it to you. Ask an OrgManager of this org or your platform team to turn it on.";
const HIDDEN_GROUP = `Trusted local egress is not available to you: ${HIDDEN_WHY}`;

/** The reason shown beside a switch, which must also be its accessible description. */
async function expectVisibleReason(space: SpacePage, name: string, reason: string): Promise<void> {
  const control = space.switch(name);
  await expect(control).toBeDisabled();
  await expect(control).toHaveAccessibleDescription(reason);
  await expect(space.page.getByText(reason, { exact: true }).first()).toBeVisible();
}

test("devon sees why he cannot switch, and who can turn on the profile a destination needs", async ({
  signedInAs,
}) => {
  const page = await signedInAs("devon");
  const space = await new SpacePage(page).goto(o.alpha, s.alphaDev);
  await expectVisibleReason(space, "Public egress", NO_ROLE);
  await expectVisibleReason(space, "Trusted local egress", NO_ROLE);
  await expect(space.destination("RDS")).toContainText(
    "RDS is blocked. Trusted local egress would open it; a SpaceManager of this space or an OrgManager of this org can turn it on.",
  );
  await expect(space.destination("Public web")).toContainText(
    "Public web is blocked. Public egress would open it; a SpaceManager of this space or an OrgManager of this org can turn it on.",
  );
  await expect(page.getByRole("button", { name: /^Turn on / })).toHaveCount(0);
  await expectAxeClean(page);
});

test("sasha is told which profile would open RDS on sandbox, and that its group is not available to her", async ({
  signedInAs,
}) => {
  const page = await signedInAs("sasha");
  const space = await new SpacePage(page).goto(o.alpha, s.alphaSandbox);
  await expectVisibleReason(space, "Trusted local egress", HIDDEN_GROUP);
  await expect(space.switch("Public egress")).toBeEnabled();
  for (const label of ["RDS", "Redis", "Elasticsearch"]) {
    await expect(space.destination(label)).toContainText(
      `${label} is blocked. Trusted local egress would open it, but it is not available to you: ${HIDDEN_WHY}`,
    );
  }
  await expect(page.getByText(/No egress profile opens/)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Turn on Trusted local egress" })).toHaveCount(0);
  await expectAxeClean(page);
});

test("sasha in a suspended org sees that CF refuses the change, beside the switch and in the fix", async ({
  signedInAs,
}) => {
  const page = await signedInAs("sasha");
  const space = await new SpacePage(page).goto(o.gamma, s.gammaLegacy);
  const suspended =
    "This org is suspended: Cloud Foundry refuses changes to its spaces until an administrator reactivates it.";
  await expectVisibleReason(space, "Public egress", suspended);
  await expect(space.destination("Public web")).toContainText(
    `Public web is blocked. Public egress would open it. ${suspended}`,
  );
  await expect(page.getByRole("button", { name: /^Turn on / })).toHaveCount(0);
});

test("sam, who may change dev, gets the fix as a button", async ({ signedInAs }) => {
  const page = await signedInAs("sam");
  const space = await new SpacePage(page).goto(o.alpha, s.alphaDev);
  await expect(space.destination("RDS")).toContainText("RDS is blocked: turn on Trusted local egress.");
  await expect(
    space.destination("RDS").getByRole("button", { name: "Turn on Trusted local egress" }),
  ).toBeVisible();
  // His switches are enabled and carry no reason.
  await expect(space.switch("Public egress")).toBeEnabled();
  await expect(page.getByText(NO_ROLE)).toHaveCount(0);
});
