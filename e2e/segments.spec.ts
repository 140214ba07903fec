import AxeBuilder from "@axe-core/playwright";
import { ids } from "../sim/seed";
import { ActivityPage } from "./pages/activity-page";
import { OrgMatrixPage } from "./pages/org-matrix-page";
import { SpacePage } from "./pages/space-page";
import { forgeNextAction } from "./support/actions";
import { expect, test } from "./support/fixtures";
import type { Sim } from "./support/sim";

/** Isolation segments (docs/design.md §7): where each space runs, and moving a space onto dedicated hosts. */

const { orgs: o, spaces: s, isolationSegments: iso } = ids;

async function segmentOf(sim: Sim, space: string): Promise<string | null> {
  const { body } = await sim.cfAs("admin", "GET", `/v3/spaces/${space}/relationships/isolation_segment`);
  return (body as { data: { guid: string } | null }).data?.guid ?? null;
}

test("the org page says where its spaces run; prod runs on alpha-dedicated", async ({ signedInAs }) => {
  const page = await signedInAs("olivia");
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  const hosts = page.getByRole("region", { name: "Hosts" });
  await expect(hosts).toContainText("By default, apps in agency-alpha run on the platform’s shared hosts.");
  await expect(hosts).toContainText("It is entitled to the isolation segment alpha-dedicated");
  await expect(hosts).toContainText("1 space runs on dedicated hosts: prod (alpha-dedicated).");
  await expect(matrix.row("prod").getByRole("cell").filter({ hasText: "alpha-dedicated" })).toBeVisible();
  await expect(matrix.row("dev").getByRole("cell").filter({ hasText: "Shared hosts" })).toBeVisible();
});

test("olivia moves staging onto alpha-dedicated and back; CF and the history follow", async ({
  signedInAs,
  sim,
}) => {
  const page = await signedInAs("olivia");
  const space = await new SpacePage(page).goto(o.alpha, s.alphaStaging);
  const section = page.getByRole("region", { name: "Isolation segment and private egress" });
  await expect(section).toContainText("This space runs on the platform’s shared hosts.");

  const dialog = await space.moveTo("alpha-dedicated");
  await dialog.expectTitle("Move staging to alpha-dedicated?");
  await expect(dialog.root).toContainText("Running apps move only when they are restarted");
  await expect(dialog.root).toContainText(
    "cf target -o agency-alpha && cf set-space-isolation-segment staging alpha-dedicated",
  );
  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await dialog.confirm();
  await expect(space.success("staging now runs on the isolation segment alpha-dedicated.")).toBeVisible();
  await expect(section).toContainText("This space runs on the isolation segment alpha-dedicated.");
  expect(await segmentOf(sim, s.alphaStaging)).toBe(iso.alphaDedicated);

  const back = await space.moveTo(/^The org's default/);
  await expect(back.root).toContainText(
    "cf target -o agency-alpha && cf reset-space-isolation-segment staging",
  );
  await back.confirm();
  await expect(space.success("staging now runs on the org's default placement.")).toBeVisible();
  expect(await segmentOf(sim, s.alphaStaging)).toBeNull();

  const activity = await new ActivityPage(page).goto(o.alpha, `?space=${s.alphaStaging}`);
  const rows = (await activity.rows()).map((r) => r[4]);
  expect(rows.slice(0, 2)).toEqual([
    "Moved to the org's default placement; running apps move when restarted.",
    "Moved to isolation segment alpha-dedicated; running apps move when restarted.",
  ]);
});

test("sam sees where his space runs, read-only, with why", async ({ signedInAs }) => {
  const page = await signedInAs("sam");
  const space = await new SpacePage(page).goto(o.alpha, s.alphaProd);
  await expect(page.getByRole("region", { name: "Isolation segment and private egress" })).toContainText(
    "This space runs on the isolation segment alpha-dedicated.",
  );
  await expect(space.segmentSelect()).toBeDisabled();
  await expect(space.segmentSelect()).toHaveAccessibleDescription(
    "Only an OrgManager of agency-alpha or a platform admin can move a space to other hosts.",
  );
  await expect(page.getByRole("button", { name: "Move…" })).toBeDisabled();
});

test("a forged move to a segment the org is not entitled to changes nothing", async ({ signedInAs, sim }) => {
  const page = await signedInAs("olivia");
  const space = await new SpacePage(page).goto(o.alpha, s.alphaStaging);
  await forgeNextAction(page, (args) => ({ ...args, segmentGuid: iso.shared }));
  await (await space.moveTo("alpha-dedicated")).confirmAndWaitForAction();
  await expect(
    space.failure(
      `Unable to assign isolation segment with guid '${iso.shared}'. Ensure it has been entitled to the organization that this space belongs to.`,
    ),
  ).toBeVisible();
  expect(await segmentOf(sim, s.alphaStaging)).toBeNull();
  await expect(page.getByRole("region", { name: "Isolation segment and private egress" })).toContainText(
    "This space runs on the platform’s shared hosts.",
  );
});
