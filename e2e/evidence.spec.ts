import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import AxeBuilder from "@axe-core/playwright";
import { ids } from "../sim/seed";
import { ActivityPage } from "./pages/activity-page";
import { OrgMatrixPage } from "./pages/org-matrix-page";
import { expect, test } from "./support/fixtures";
import { csvRows } from "./support/history";

/**
 * Evidence (docs/design.md §12): a change made in the UI is in the compliance report of the period,
 * in both formats, with its actor, outcome and record in the hash chain; /api/health says the chain
 * is intact up to it; `npm run history:verify` agrees; and the report is the org's activity's to give.
 */

const { orgs: o } = ids;
const today = new Date().toISOString().slice(0, 10);

type Report = {
  schema: string;
  org: { guid: string; name: string };
  period: { from: string; to: string };
  chain: { head: { record: number; hash: string }; last_cited: { record: number } | null };
  changes: {
    entry_id: number;
    space: { name: string };
    actor: { name: string };
    what: string;
    outcome: string;
    chain: { record: number; hash: string; outcome_record?: number } | null;
  }[];
  spaces: { name: string; compliance: { at_start: string; at_end: string } }[];
};

test("a change made in the UI is in the period's report, as CSV and as JSON, tied to an intact chain", async ({
  signedInAs,
}) => {
  const page = await signedInAs("sam");
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  const turnedOn =
    (await matrix.switch("Trusted local egress", "dev").getAttribute("aria-checked")) !== "true";
  await (await matrix.flip("Trusted local egress", "dev")).confirm();
  await expect(matrix.success(/Trusted local egress is now (on|off) for dev\./)).toBeVisible();
  const what = `${turnedOn ? "bound" : "unbound"} trusted_local_networks_egress (running)`;

  await new ActivityPage(page).goto(o.alpha);
  const form = page.getByRole("form", { name: "Download a compliance report" });
  await form.getByLabel("Report from (UTC)").fill(today);
  await form.getByLabel("Report to (UTC)").fill(today);

  const [csvDownload] = await Promise.all([
    page.waitForEvent("download"),
    form.getByRole("button", { name: "Report as CSV" }).click(),
  ]);
  const csv = csvRows(await readFile((await csvDownload.path()) ?? "", "utf8"));
  expect(csv[0]).toEqual([
    "record",
    "time",
    "space",
    "actor",
    "what",
    "outcome",
    "window_from",
    "window_to",
    "id",
    "chain_record",
    "chain_hash",
  ]);
  expect(csv[1]?.[4]).toContain(`from ${today} to ${today} (egress-dashboard/compliance-report@1)`);
  const csvChange = csv.filter((r) => r[0] === "change" && r[2] === "dev" && r[4] === what).at(-1);
  expect(csvChange?.slice(3, 6)).toEqual(["sam", what, "succeeded"]);
  expect(csvChange?.[10]).toMatch(/^[0-9a-f]{64}$/);

  // The JSON button by keyboard: the same form, sent to the JSON address.
  const jsonButton = form.getByRole("button", { name: "Report as JSON" });
  await jsonButton.focus();
  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  const report = JSON.parse(await readFile((await jsonDownload.path()) ?? "", "utf8")) as Report;
  expect(report).toMatchObject({
    schema: "egress-dashboard/compliance-report@1",
    org: { guid: o.alpha },
    period: { from: today, to: today },
  });
  const change = report.changes.find((c) => c.entry_id === Number(csvChange?.[8]));
  expect(change).toMatchObject({
    space: { name: "dev" },
    actor: { name: "sam" },
    what,
    outcome: "succeeded",
  });
  expect(change?.chain?.hash).toBe(csvChange?.[10]);
  expect(change?.chain?.outcome_record).toBeGreaterThan(change?.chain?.record ?? Infinity);
  expect(report.spaces.map((s) => s.name)).toContain("dev");
  expect(report.chain.head.record).toBeGreaterThanOrEqual(report.chain.last_cited?.record ?? Infinity);

  // /api/health verifies a bounded step per answer; it reaches the change's outcome and finds it intact.
  await expect
    .poll(
      async () => {
        const health = (await (await page.request.get("/api/health")).json()) as {
          history_chain: { state: string; verified_through?: number };
        };
        return health.history_chain.state === "intact" &&
          (health.history_chain.verified_through ?? 0) >= (change?.chain?.outcome_record ?? Infinity)
          ? "reached"
          : JSON.stringify(health.history_chain);
      },
      { timeout: 20_000, intervals: [500, 1_000, 2_500] },
    )
    .toBe("reached");

  // The operator's full check agrees, on the same database the server writes.
  const verify = await promisify(execFile)(
    "node_modules/.bin/tsx",
    ["--conditions=react-server", "scripts/history-verify.mts"],
    { timeout: 60_000, env: { ...process.env, DATA_DIR: process.env.E2E_DATA_DIR, DATABASE_URL: "" } },
  );
  expect(verify.stdout).toMatch(/^history chain: intact, \d+ records/);
});

test("the report form is labelled and axe-clean; a bad period is refused with a reason", async ({
  signedInAs,
}) => {
  const page = await signedInAs("olivia");
  await new ActivityPage(page).goto(o.alpha);
  await expect(page.getByRole("heading", { level: 2, name: "Compliance report" })).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
    [],
  );

  const bad = await page.request.get(`/orgs/${o.alpha}/compliance-report.json?from=2026-12-02&to=2026-12-01`);
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
    "from (2026-12-02) is after to (2026-12-01): the period is empty.",
  );
});

test("bruno, who cannot see agency-alpha, gets 404 for its report in both formats", async ({
  signedInAs,
}) => {
  const page = await signedInAs("bruno");
  for (const format of ["csv", "json"]) {
    const response = await page.request.get(`/orgs/${o.alpha}/compliance-report.${format}`);
    expect(response.status()).toBe(404);
    expect(((await response.json()) as { error: { kind: string } }).error.kind).toBe("not-found");
  }
  // A browser sent there sees the org's not-found page.
  const navigation = await page.goto(`/orgs/${o.alpha}/compliance-report.csv`);
  expect(navigation?.status()).toBe(404);
});
