import type { Locator, Page } from "@playwright/test";
import { MESSAGES } from "../lib/failures/messages";
import { ids } from "../sim/seed";
import { OrgMatrixPage } from "./pages/org-matrix-page";
import { SpacePage } from "./pages/space-page";
import { dropServerActions } from "./support/actions";
import { expect, test, type SeededUser } from "./support/fixtures";
import type { Faults, Sim } from "./support/sim";

/**
 * Cloud Foundry failing in the middle of a change (docs/design.md §11): a read
 * the change depends on, the write itself, a dropped connection, CF slower
 * than the dashboard's timeout, and the browser losing the dashboard. For
 * each of the three ways to change egress, the control comes back to its
 * last confirmed state, the words say what happened, and the stand-in holds
 * no change the page reported as done.
 */

const { orgs: o, spaces: s, securityGroups: g } = ids;
/** The e2e app's CF_REQUEST_TIMEOUT_MS (playwright.config.ts). */
const CF_TIMEOUT_MS = Number(process.env.E2E_CF_TIMEOUT_MS ?? 4000);

const BIND = "/v3/security_groups/*/relationships/running_spaces";
const READ_FAILED = `${MESSAGES.cfServerError} Nothing was changed.`;

type Fault = {
  name: string;
  /** The fault, given the path the flow reads before writing. */
  faults: (readPath: string) => Faults;
  message: string;
  /** CF makes the change after all (it was only slow): the test waits for it before checking the page. */
  landsLate?: boolean;
};

const FAULTS: Fault[] = [
  {
    name: "a read the change needs fails",
    // Three attempts: the first read and the client's two bounded retries; the refresh after works.
    faults: (readPath) => ({ routes: [{ method: "GET", path: readPath, status: 503, times: 3 }] }),
    message: READ_FAILED,
  },
  {
    name: "the write fails",
    faults: () => ({ routes: [{ method: "POST", path: BIND, status: 500 }] }),
    message: MESSAGES.unconfirmed,
  },
  {
    name: "CF drops the write's connection",
    faults: () => ({ routes: [{ method: "POST", path: BIND, drop: true }] }),
    message: MESSAGES.unconfirmed,
  },
  {
    name: "CF is slower than the dashboard waits",
    faults: () => ({
      routes: [{ method: "POST", path: BIND, delay_ms: CF_TIMEOUT_MS + 1500, passthrough: true }],
    }),
    message: MESSAGES.unconfirmed,
    landsLate: true,
  },
];

type Flow = {
  name: string;
  user: SeededUser;
  /** The group bound by the change, and the spaces it binds. */
  group: string;
  spaces: string[];
  readPath: string;
  /** Opens the change and waits until it can be confirmed. */
  open: (page: Page) => Promise<void>;
  confirm: (page: Page) => Promise<void>;
  /** After the failure: the words shown, and the control back at rest. */
  expectFailed: (page: Page, message: string) => Promise<void>;
};

async function expectNotBound(sim: Sim, flow: Flow): Promise<void> {
  const bound = await sim.boundSpaces(flow.group);
  for (const space of flow.spaces) expect(bound).not.toContain(space);
}

const FLOWS: Flow[] = [
  {
    name: "a matrix switch",
    user: "sam",
    group: g.public,
    spaces: [s.alphaDev],
    readPath: "/v3/security_groups",
    open: async (page) => {
      const matrix = await new OrgMatrixPage(page).goto(o.alpha);
      await (await matrix.flip("Public egress", "dev")).expectPreviewReady();
    },
    confirm: (page) => new OrgMatrixPage(page).dialog.confirm(),
    expectFailed: async (page, message) => {
      const matrix = new OrgMatrixPage(page);
      await expect(matrix.failure(message)).toBeVisible();
      const control = matrix.switch("Public egress", "dev");
      await expect(control).toBeEnabled();
      await expect(control).not.toBeChecked();
      await expect(matrix.row("dev")).not.toContainText("Saving");
      await expect(matrix.success("now on")).toHaveCount(0);
    },
  },
  {
    name: "apply to all spaces",
    user: "olivia",
    group: g.trustedLocal,
    spaces: [s.alphaDev, s.alphaSandbox],
    readPath: "/v3/security_groups",
    open: async (page) => {
      const matrix = await new OrgMatrixPage(page).goto(o.alpha);
      const dialog = await matrix.bulk("all", "Trusted local egress", "on");
      await expect(dialog.getByRole("list", { name: "Preview per space" })).toBeVisible();
    },
    confirm: (page) => page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click(),
    expectFailed: async (page, message) => {
      const dialog = page.getByRole("dialog");
      await expect(dialog.getByRole("status")).toHaveText("Done: 0 changed, 0 already on, 4 not changed.");
      await expect(dialog.getByRole("list", { name: "Result per space" })).toContainText(message);
      await dialog.getByRole("button", { name: "Close" }).click();
      await expect(dialog).toHaveCount(0);
      const matrix = new OrgMatrixPage(page);
      await expect(matrix.switch("Trusted local egress", "dev")).not.toBeChecked();
      await expect(matrix.switch("Trusted local egress", "dev")).toBeEnabled();
    },
  },
  {
    name: "an advanced bind",
    user: "sam",
    group: g.public,
    spaces: [s.alphaDev],
    readPath: `/v3/security_groups/${g.public}`,
    open: async (page) => {
      const space = await new SpacePage(page).goto(o.alpha, s.alphaDev);
      await (await space.bindGroup("public_networks_egress")).expectPreviewReady();
    },
    confirm: (page) => new SpacePage(page).dialog.confirm(),
    expectFailed: async (page, message) => {
      const space = new SpacePage(page);
      await expect(space.failure(message)).toBeVisible();
      await expect(page.getByRole("button", { name: "Bind…" })).toBeEnabled();
      await expect(space.switch("Public egress")).not.toBeChecked();
      await expect(space.success("now bound")).toHaveCount(0);
    },
  },
];

for (const flow of FLOWS) {
  for (const fault of FAULTS) {
    test(`${flow.name}: ${fault.name}`, async ({ signedInAs, sim }) => {
      test.slow(fault.landsLate === true);
      const page = await signedInAs(flow.user);
      await flow.open(page);
      await sim.faults(fault.faults(flow.readPath));
      await flow.confirm(page);
      await flow.expectFailed(page, fault.message);
      if (fault.landsLate) {
        // CF went on after the dashboard stopped waiting: the page said "may not have been made",
        // never "done"; CF's own state is the truth, and the next load shows it.
        await expect.poll(() => sim.boundSpaces(flow.group), { timeout: 10_000 }).toContain(flow.spaces[0]);
      } else {
        await expectNotBound(sim, flow);
      }
    });
  }

  test(`${flow.name}: the browser loses the dashboard`, async ({ signedInAs, sim }) => {
    const page = await signedInAs(flow.user);
    await flow.open(page);
    await sim.clearRequests();
    await dropServerActions(page);
    await flow.confirm(page);
    await flow.expectFailed(page, MESSAGES.offline);
    expect(await sim.writes()).toEqual([]);
    await expectNotBound(sim, flow);
  });
}

test("a change whose preview cannot load cannot be confirmed, and the dialog still closes", async ({
  signedInAs,
  sim,
}) => {
  const page = await signedInAs("sam");
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  await sim.faults({
    routes: [{ method: "GET", path: "/v3/spaces/*/running_security_groups", status: 503 }],
  });
  const dialog = await matrix.flip("Public egress", "dev");
  await expect(dialog.root.getByRole("alert")).toContainText(MESSAGES.cfServerError);
  const confirm: Locator = dialog.root.getByRole("button", { name: "Confirm" });
  await expect(confirm).toBeDisabled();
  await dialog.cancel();
  await expect(matrix.switch("Public egress", "dev")).toBeEnabled();
  expect(await sim.writes()).toEqual([]);
});
