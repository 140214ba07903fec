import AxeBuilder from "@axe-core/playwright";
import { ids } from "../sim/seed";
import { ActivityPage } from "./pages/activity-page";
import { OrgMatrixPage } from "./pages/org-matrix-page";
import { forgeNextAction } from "./support/actions";
import { expect, test } from "./support/fixtures";
import { added, historyRows } from "./support/history";

/**
 * A bulk change's true audit trail (issue 20, item 1): a space that needs no
 * change is said to be "already on" (or off), no bind or unbind is sent for
 * it, and nothing is written to the history. The dialog previews each space
 * before Confirm, from one request.
 */

const { orgs: o, spaces: s, securityGroups: g, users: u } = ids;
const BIND_PATH = `/v3/security_groups/${g.trustedLocal}/relationships/running_spaces`;

test("olivia applies Trusted local egress to all spaces: prod and staging already have it, and only dev and sandbox are bound and recorded", async ({
  signedInAs,
  requestAs,
  sim,
}) => {
  const admin = await requestAs("admin");
  const before = await historyRows(admin);
  const page = await signedInAs("olivia");
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  await sim.clearRequests();
  const dialog = await matrix.bulk("all", "Trusted local egress", "on");

  // The preview, per space, before Confirm: one request for all of them.
  const preview = dialog.getByRole("list", { name: "Preview per space" });
  await expect(preview).toBeVisible();
  await expect(dialog).toContainText("2 spaces would change; 2 already have it on.");
  await expect(preview.getByRole("listitem").filter({ hasText: "prod:" })).toHaveText("prod: already on");
  await expect(preview.getByRole("listitem").filter({ hasText: "staging:" })).toHaveText(
    "staging: already on",
  );
  await expect(preview.getByRole("listitem").filter({ hasText: "dev:" })).toContainText(/^dev: opens .*RDS/);
  await expect(dialog).toContainText(
    "cf bind-security-group trusted_local_networks_egress agency-alpha --space dev",
  );
  await expect(dialog).not.toContainText("--space prod");
  await expect(dialog.getByRole("button", { name: "Copy the commands" })).toBeVisible();
  expect(await new AxeBuilder({ page }).include('[role="dialog"]').analyze()).toMatchObject({
    violations: [],
  });
  // The preview reads lists (the org's spaces, the groups with their bindings), never a space at a time.
  const reads = (await sim.requests()).filter((r) => r.method === "GET");
  expect(reads.length).toBeGreaterThan(0);
  expect(reads.filter((r) => Object.values(s).some((guid) => r.path.includes(guid)))).toEqual([]);

  await sim.clearRequests();
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog.getByRole("status").filter({ hasText: "Done" })).toHaveText(
    "Done: 2 changed, 2 already on.",
  );
  const results = dialog.getByRole("list", { name: "Result per space" });
  await expect(results).toContainText("dev: changed");
  await expect(results).toContainText("sandbox: changed");
  await expect(results).toContainText("prod: already on; nothing was sent");
  await expect(results).toContainText("staging: already on; nothing was sent");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("button", { name: "Apply to all spaces" })).toBeFocused();

  // CF: one bind, by olivia; every alpha space bound now.
  const writes = await sim.writes();
  expect(writes.map((r) => [r.method, r.path, r.user_guid])).toEqual([["POST", BIND_PATH, u.olivia]]);
  expect(await sim.boundSpaces(g.trustedLocal)).toEqual(
    [s.alphaDev, s.alphaStaging, s.alphaProd, s.alphaSandbox, s.betaProd].sort(),
  );

  // The history: dev and sandbox, nothing for prod and staging.
  const entries = added(before, await historyRows(admin));
  expect(entries.map((e) => [e.key.split(" | ")[2], e.what]).sort()).toEqual([
    ["dev", "Bound trusted_local_networks_egress."],
    ["sandbox", "Bound trusted_local_networks_egress."],
  ]);
  const activity = await new ActivityPage(page).goto(o.alpha);
  const rows = (await activity.rows()).map((r) => r.join(" | "));
  expect(
    rows.filter((r) => r.includes("trusted_local_networks_egress") && /\bprod\b|\bstaging\b/.test(r)),
  ).toEqual([]);
});

test("applying it again sends nothing, records nothing, and says every space was already on", async ({
  signedInAs,
  requestAs,
  sim,
}) => {
  const admin = await requestAs("admin");
  for (const space of [s.alphaDev, s.alphaSandbox])
    await sim.cfAs("admin", "POST", `/v3/security_groups/${g.trustedLocal}/relationships/running_spaces`, {
      data: [{ guid: space }],
    });
  const before = await historyRows(admin);
  const page = await signedInAs("olivia");
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  await sim.clearRequests();
  const dialog = await matrix.bulk("all", "Trusted local egress", "on");
  await expect(dialog).toContainText(
    "Trusted local egress is already on for every one of these spaces: confirming changes nothing.",
  );
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog.getByRole("status").filter({ hasText: "Done" })).toHaveText(
    "Done: 0 changed, 4 already on.",
  );
  expect(await sim.writes()).toEqual([]);
  expect(added(before, await historyRows(admin))).toEqual([]);
});

test("turning a profile off for selected spaces skips the one already off, and a forged call for it writes nothing", async ({
  signedInAs,
  requestAs,
  sim,
}) => {
  const admin = await requestAs("admin");
  const before = await historyRows(admin);
  const page = await signedInAs("olivia");
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  await matrix.select("dev");
  await matrix.select("prod");
  await sim.clearRequests();
  const dialog = await matrix.bulk("selected", "Trusted local egress", "off");
  const preview = dialog.getByRole("list", { name: "Preview per space" });
  await expect(preview.getByRole("listitem").filter({ hasText: "dev:" })).toHaveText("dev: already off");
  await expect(preview.getByRole("listitem").filter({ hasText: "prod:" })).toContainText("closes RDS");
  await expect(dialog).toContainText(
    "cf unbind-security-group trusted_local_networks_egress agency-alpha prod",
  );
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog.getByRole("status").filter({ hasText: "Done" })).toHaveText(
    "Done: 1 changed, 1 already off.",
  );
  await dialog.getByRole("button", { name: "Close" }).click();
  expect((await sim.writes()).map((r) => [r.method, r.path])).toEqual([
    ["DELETE", `${BIND_PATH}/${s.alphaProd}`],
  ]);
  expect(added(before, await historyRows(admin)).map((e) => e.what)).toEqual([
    "Unbound trusted_local_networks_egress.",
  ]);

  // A stale or forged call: a switch of dev asks to turn Public egress on for sandbox, where it is on.
  const middle = await historyRows(admin);
  await sim.clearRequests();
  await forgeNextAction(page, (args) => ({ ...args, spaceGuid: s.alphaSandbox, enabled: true }));
  await (await matrix.flip("Public egress", "dev")).confirmAndWaitForAction();
  await expect(matrix.success("Public egress is already on for sandbox; nothing was changed.")).toBeVisible();
  expect(await sim.writes()).toEqual([]);
  expect(added(middle, await historyRows(admin))).toEqual([]);
});

test("the bulk preview answers only for what CF shows the caller, and never writes", async ({
  requestAs,
  sim,
}) => {
  const [olivia, bruno] = [await requestAs("olivia"), await requestAs("bruno")];
  await sim.clearRequests();
  const url = `/api/orgs/${o.alpha}/bulk-preview`;
  const ask = (who: typeof olivia, data: unknown) => who.post(url, { data: JSON.stringify(data) });

  const ok = await ask(olivia, { profile: "public", enabled: true, spaces: [s.alphaDev, s.alphaSandbox] });
  expect(ok.status()).toBe(200);
  const { preview } = (await ok.json()) as { preview: { spaces: { name: string; already: boolean }[] } };
  expect(preview.spaces.map((x) => [x.name, x.already])).toEqual([
    ["dev", false],
    ["sandbox", true],
  ]);

  // agency-alpha does not exist for bruno; a space of another org is not this org's; a profile must be one.
  expect((await ask(bruno, { profile: "public", enabled: true })).status()).toBe(404);
  const foreign = await ask(olivia, { profile: "public", enabled: true, spaces: [s.betaDev] });
  expect(foreign.status()).toBe(404);
  for (const body of [{ profile: "dns", enabled: true }, { profile: "public" }, "not json", { extra: 1 }])
    expect((await ask(olivia, body)).status(), JSON.stringify(body)).toBe(400);
  expect(await sim.writes()).toEqual([]);
});
