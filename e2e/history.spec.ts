import AxeBuilder from "@axe-core/playwright";
import { ids } from "../sim/seed";
import { ActivityPage } from "./pages/activity-page";
import { OrgMatrixPage } from "./pages/org-matrix-page";
import { expect, test } from "./support/fixtures";

/** The change history (docs/design.md §6): what the dashboard did, drift from outside, who may see which entry. */

const { orgs: o, spaces: s, securityGroups: g } = ids;

test("sam's change shows on the activity page and in the matrix's Last change, linked to the entry", async ({
  signedInAs,
}) => {
  const page = await signedInAs("sam");
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  // Earlier specs (the fault suite's) may have left an entry of sam's on dev: the link must move past it.
  const last = matrix.row("dev").getByRole("link", { name: /UTC, sam$/ });
  const before = (await last.count()) > 0 ? await last.getAttribute("href") : null;
  await (await matrix.flip("Public egress", "dev")).confirm();
  await expect(matrix.success("Public egress is now on for dev.")).toBeVisible();

  // The matrix re-reads its rows after the change: the dev row's Last change is sam's, and links to it.
  await expect(last).toBeVisible();
  if (before !== null) await expect(last).not.toHaveAttribute("href", before);
  const href = (await last.getAttribute("href")) ?? "";
  expect(href).toMatch(new RegExp(`/orgs/${o.alpha}/activity\\?space=${s.alphaDev}#entry-\\d+$`));

  await last.click();
  const activity = new ActivityPage(page);
  await expect(activity.table).toBeVisible();
  const rows = await activity.rows();
  expect(rows[0]?.slice(1, 5)).toEqual(["dev", "sam", "Change", "Bound public_networks_egress."]);
  expect(rows[0]?.[5]).toMatch(/^[0-9a-f-]{36}$/);
  // The linked entry is the page's target.
  await expect(page.locator(`tr#${href.split("#")[1] ?? ""}`)).toContainText("Bound public_networks_egress.");
});

test("a binding made outside the dashboard shows up as drift once the org page is loaded", async ({
  signedInAs,
  sim,
}) => {
  // agency-beta, whose spaces no other test changes: the first load records the baseline.
  const page = await signedInAs("bruno");
  await new OrgMatrixPage(page).goto(o.beta);

  // As with `cf bind-security-group public_networks_egress agency-beta --space dev --lifecycle staging`.
  const bound = await sim.cfAs(
    "admin",
    "POST",
    `/v3/security_groups/${g.public}/relationships/staging_spaces`,
    {
      data: [{ guid: s.betaDev }],
    },
  );
  expect(bound.status).toBe(200);
  await new OrgMatrixPage(page).goto(o.beta);

  const activity = await new ActivityPage(page).goto(o.beta, `?space=${s.betaDev}&kind=drift`);
  await activity.expectRow(
    /Changed outside the dashboard, between .* UTC and .* UTC, actor unknown: public_networks_egress bound for staging\./,
  );
  const rows = await activity.rows();
  expect(rows[0]?.slice(1, 4)).toEqual(["dev", "actor unknown (outside the dashboard)", "Drift"]);
});

test("devon sees entries of his spaces only; bruno does not see agency-alpha's activity at all", async ({
  signedInAs,
  browser,
}) => {
  const olivia = await signedInAs("olivia");
  const matrix = await new OrgMatrixPage(olivia).goto(o.alpha);
  await (await matrix.flip("Public egress", "staging")).confirm();
  await expect(matrix.success("Public egress is now on for staging.")).toBeVisible();
  await (await matrix.flip("Public egress", "dev")).confirm();
  await expect(matrix.success("Public egress is now on for dev.")).toBeVisible();
  const all = await new ActivityPage(olivia).goto(o.alpha);
  expect((await all.rows()).some((r) => r[1] === "staging")).toBe(true);

  const devonContext = await browser.newContext();
  try {
    const devon = await devonContext.newPage();
    const { fillUaaLogin } = await import("./support/auth");
    await devon.goto(`/orgs/${o.alpha}/activity`);
    await fillUaaLogin(devon, "devon");
    const activity = new ActivityPage(devon);
    await expect(activity.table).toBeVisible();
    const spaces = new Set((await activity.rows()).map((r) => r[1]));
    expect(spaces.has("dev")).toBe(true);
    expect(spaces.has("staging")).toBe(false);
    // Org-wide entries (policy changes, private-egress requests) are everyone's who sees the org.
    expect([...spaces].filter((name) => name !== "(whole org)").sort()).toEqual(
      [...spaces].filter((name) => name === "dev" || name === "prod").sort(),
    );
    // Asking for staging by its guid shows nothing either.
    await activity.goto(o.alpha, `?space=${s.alphaStaging}`);
    expect(await activity.rows()).toEqual([]);
  } finally {
    await devonContext.close();
  }
});

test("bruno gets a 404 for agency-alpha's activity and its CSV", async ({ signedInAs }) => {
  const page = await signedInAs("bruno");
  const response = await page.goto(`/orgs/${o.alpha}/activity`);
  expect(response?.status()).toBe(404);
  const csv = await page.request.get(`/orgs/${o.alpha}/activity.csv`);
  expect(csv.status()).toBe(404);
  expect(((await csv.json()) as { error: { kind: string } }).error.kind).toBe("not-found");
});

test("the CSV says what the page shows, and the page is axe-clean", async ({ signedInAs }) => {
  const page = await signedInAs("sam");
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  await (await matrix.flip("Trusted local egress", "dev")).confirm();
  await expect(matrix.success("Trusted local egress is now on for dev.")).toBeVisible();

  const activity = await new ActivityPage(page).goto(o.alpha, "?kind=change&kind=failure");
  const rows = await activity.rows();
  expect(rows.length).toBeGreaterThan(0);
  const response = await page.request.get(`/orgs/${o.alpha}/activity.csv?kind=change&kind=failure`);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const lines = (await response.text()).trimEnd().split("\r\n");
  expect(lines[0]).toBe("when,space,who,kind,what,request id");
  const kindWords: Record<string, string> = {
    Change: "change",
    "Failed change": "failure",
    Drift: "drift",
    Policy: "policy",
  };
  const fromPage = rows.map(([when, space, who, kind, what, request]) =>
    [when, space, who, kindWords[kind ?? ""] ?? kind, what?.includes(",") ? `"${what}"` : what, request].join(
      ",",
    ),
  );
  expect(lines.slice(1)).toEqual(fromPage);

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
    [],
  );
});
