import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ids } from "../sim/seed";
import { ActivityPage } from "./pages/activity-page";
import { OrgMatrixPage } from "./pages/org-matrix-page";
import { PolicyPage } from "./pages/policy-page";
import { expect, test } from "./support/fixtures";
import { EMPTY_POLICY, ISSUE_14_POLICY, setPolicy } from "./support/policies";
import { tokenFor } from "./support/sim";

/**
 * The org's desired posture (docs/design.md §10, issue 14): olivia writes a
 * policy, the matrix shows the violations with reasons, she brings the
 * spaces into policy with a preview, CF and the history follow; who may
 * read and who may change the policy; the policy as code; the exports.
 */

const { orgs: o, spaces: s, securityGroups: g } = ids;
const SHOTS = ".screenshots";
mkdirSync(SHOTS, { recursive: true });

const SANDBOX_REASON = "Public egress is on; policy rule 1 'sandbox* must be closed' (sandboxes stay inside)";
const PROD_REASON = "Public egress is on; policy rule 2 'prod must not have public egress'";

const api = (org: string = o.alpha) => `/api/orgs/${org}/policy`;

async function axeViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  return (await builder.analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

// The history database outlives a test (one per run); each test sets the policy it needs, and the
// org is left without one for the specs that follow.
test.beforeEach(async ({ request }) => setPolicy(request, EMPTY_POLICY));
test.afterAll(async ({ request }) => setPolicy(request, EMPTY_POLICY));

test("olivia sets the policy, sees the violations with reasons, and brings both spaces into policy", async ({
  signedInAs,
  sim,
}) => {
  const page = await signedInAs("olivia");
  const policy = await new PolicyPage(page).goto(o.alpha);
  // No rules yet (none ever, or the empty policy the previous test left): nothing is judged.
  await expect(page.getByText(/, so no space is judged\.$/)).toBeVisible();

  await policy.save(ISSUE_14_POLICY);
  await expect(policy.saved()).toBeVisible();
  expect(await policy.ruleTexts()).toEqual([
    "sandbox* must be closed (sandboxes stay inside)",
    "prod must not have public egress",
  ]);
  await expect(page.getByText("Spaces that no rule matches are not judged.")).toBeVisible();
  await expect(policy.violations.getByRole("listitem").filter({ hasText: "sandbox" }).first()).toContainText(
    SANDBOX_REASON,
  );
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/policy-page.png`, fullPage: true });

  // The matrix: a Policy column with the reasons, the count in the summary, a "Violations only" filter.
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  await expect(matrix.policyCell("sandbox")).toContainText(`Violates${SANDBOX_REASON}`);
  await expect(matrix.policyCell("prod")).toContainText(`Violates${PROD_REASON}`);
  await expect(matrix.policyCell("dev")).toHaveText("No rule");
  await expect(page.getByText(/2 violate the org’s egress policy/)).toBeVisible();
  await matrix.violationsOnly();
  await expect(page).toHaveURL(/violations=1/);
  expect(await matrix.spaces()).toEqual(["prod", "sandbox"]);
  await page.screenshot({ path: `${SHOTS}/policy-matrix-violations.png`, fullPage: true });

  // The preview: per space the change, what closes, the cf commands; nothing for compliant spaces.
  await page.getByRole("button", { name: "Bring into policy (2 spaces)" }).click();
  const dialog = new PolicyPage(page).dialog;
  expect(await dialog.plannedSpaces()).toEqual(["prod", "sandbox"]);
  const sandbox = dialog.planFor("sandbox");
  await expect(sandbox).toContainText("Changes: unbind public_networks_egress (running)");
  await expect(sandbox).toContainText("cf unbind-security-group public_networks_egress agency-alpha sandbox");
  await expect(sandbox.getByRole("listitem").filter({ hasText: "Public web:" })).toContainText(
    /Allowed\W*becomes\W*Blocked/,
  );
  await expect(dialog.root).toContainText("2 spaces already comply and will not be touched.");
  expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/policy-bring-dialog.png` });

  await sim.clearRequests();
  await dialog.confirm();
  await expect(dialog.root.getByRole("status")).toHaveText("Done: 2 of 2 spaces brought into policy.");
  await expect(dialog.results()).toContainText(
    "prod: brought into policy. Now complies: unbind public_networks_egress.",
  );
  await expect(dialog.results()).toContainText("sandbox: brought into policy.");
  await page.screenshot({ path: `${SHOTS}/policy-bring-results.png` });
  await dialog.close();

  // Both comply; the stand-in's state and the history follow.
  await matrix.violationsOnly(false);
  await expect(matrix.policyCell("sandbox")).toHaveText("Complies");
  await expect(matrix.policyCell("prod")).toHaveText("Complies");
  expect(await sim.boundSpaces(g.public)).toEqual([]);
  // prod keeps trusted-local: only what the rule forbids was removed.
  expect(await sim.boundSpaces(g.trustedLocal)).toEqual(
    expect.arrayContaining([s.alphaProd, s.alphaStaging]),
  );
  // Two unbinds, and nothing else written; dev and staging untouched.
  expect((await sim.writes()).map((w) => `${w.method} ${w.path}`).sort()).toEqual(
    [
      `DELETE /v3/security_groups/${g.public}/relationships/running_spaces/${s.alphaProd}`,
      `DELETE /v3/security_groups/${g.public}/relationships/running_spaces/${s.alphaSandbox}`,
    ].sort(),
  );

  const activity = await new ActivityPage(page).goto(o.alpha);
  const rows = await activity.rows();
  const recent = rows.slice(0, 3).map((r) => r.slice(1, 5).join(" | "));
  expect(recent).toEqual(
    expect.arrayContaining([
      "prod | olivia | Change | Unbound public_networks_egress.",
      "sandbox | olivia | Change | Unbound public_networks_egress.",
      "(whole org) | olivia | Policy | Changed the org's egress policy (revision 2: 2 rules, no default).".replace(
        "revision 2",
        recent.find((r) => r.includes("Policy"))?.match(/revision (\d+)/)?.[0] ?? "revision ?",
      ),
    ]),
  );
});

test("one space from its row; sasha is told why sandbox cannot become trusted-local for her", async ({
  signedInAs,
  request,
}) => {
  await setPolicy(request, ISSUE_14_POLICY);
  const olivia = await signedInAs("olivia");
  const matrix = await new OrgMatrixPage(olivia).goto(o.alpha);
  // The reasons and the row's "Bring into policy" fold under "Violates", so the column stays narrow.
  const cell = await matrix.openViolation("sandbox");
  await expect(cell.getByText(SANDBOX_REASON)).toBeVisible();
  await cell.getByRole("button", { name: "Bring into policy for sandbox" }).click();
  const dialog = new PolicyPage(olivia).dialog;
  await expect(dialog.root.getByRole("heading", { name: "Bring sandbox into policy" })).toBeVisible();
  expect(await dialog.plannedSpaces()).toEqual(["sandbox"]);
  await dialog.confirm();
  await expect(dialog.root.getByRole("status")).toHaveText("Done: 1 of 1 spaces brought into policy.");
  await dialog.close();
  await expect(matrix.policyCell("sandbox")).toHaveText("Complies");
  await expect(matrix.policyCell("prod")).toContainText("Violates");

  await setPolicy(request, {
    version: 1,
    rules: [{ spaces: "sandbox", require: { posture: "trusted-local" } }],
    default: null,
  });
  await olivia.context().clearCookies();
  const sasha = await signedInAs("sasha");
  const page = await new PolicyPage(sasha).goto(o.alpha);
  await page.openBringIntoPolicy();
  await expect(page.dialog.unattainable()).toContainText(
    "sandbox: Trusted local egress is not visible to you: an administrator must make trusted_local_networks_egress available to your org first.",
  );
  await expect(page.dialog.root.getByRole("button", { name: "Confirm" })).toHaveCount(0);
});

test("olivia adds rules without writing JSON, and a second editor's stale save is refused", async ({
  signedInAs,
  request,
}) => {
  const page = await signedInAs("olivia");
  const policy = await new PolicyPage(page).goto(o.alpha);
  await policy.addRule("sandbox*", "must be closed");
  await policy.addRule("prod", "must not have public egress");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(policy.saved()).toBeVisible();
  expect(await policy.ruleTexts()).toEqual(["sandbox* must be closed", "prod must not have public egress"]);

  // Meanwhile a pipeline writes; her next save, based on the revision she read, is refused and kept.
  await setPolicy(request, EMPTY_POLICY);
  await policy.addRule("dev", "must not reach RDS");
  const typed = await policy.editor.inputValue();
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(policy.refused()).toContainText("Someone changed this org's policy since you loaded it");
  await expect(policy.editor).toHaveValue(typed);
});

test("devon reads the policy and cannot edit it", async ({ signedInAs, request }) => {
  await setPolicy(request, ISSUE_14_POLICY);
  const page = await signedInAs("devon");
  const policy = await new PolicyPage(page).goto(o.alpha);
  expect(await policy.ruleTexts()).toEqual([
    "sandbox* must be closed (sandboxes stay inside)",
    "prod must not have public egress",
  ]);
  await expect(policy.editor).toHaveCount(0);
  await expect(
    page.getByText(/Only an OrgManager of this org or a platform admin can change its egress policy/),
  ).toBeVisible();
  // He sees prod violate; he may not change it, so nothing offers to.
  await expect(policy.violations).toContainText(PROD_REASON);
  await expect(page.getByRole("button", { name: /^Bring into policy/ })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);

  const read = await page.request.get(api());
  expect(read.status()).toBe(200);
  expect(await read.json()).toMatchObject({ can_edit: false, policy: { rules: ISSUE_14_POLICY.rules } });
  const write = await page.request.put(api(), { data: EMPTY_POLICY });
  expect(write.status()).toBe(403);
  expect(await write.json()).toMatchObject({ error: { kind: "forbidden" } });
});

test("bruno gets a 404 for agency-alpha's policy page, and his forged PUT is refused", async ({
  signedInAs,
  request,
}) => {
  const page = await signedInAs("bruno");
  const response = await page.goto(`/orgs/${o.alpha}/policy`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Organization not found" })).toBeVisible();

  const asBruno: Record<string, string>[] = [
    {},
    { Authorization: `bearer ${await tokenFor(request, "bruno")}` },
  ];
  for (const headers of asBruno) {
    const forged = await page.request.put(api(), { headers, data: EMPTY_POLICY });
    expect(forged.status()).toBe(404);
    expect(await forged.json()).toMatchObject({ error: { kind: "not-found" } });
  }
  // His own org is his to write.
  const own = await page.request.put(api(o.beta), { data: ISSUE_14_POLICY });
  expect(own.status()).toBe(200);
});

test("policy as code: a pipeline reads and writes with a user's token, If-Match and field errors", async ({
  request,
}) => {
  const olivia = { Authorization: `bearer ${await tokenFor(request, "olivia")}` };
  const read = await request.get(api(), { headers: olivia });
  expect(read.status()).toBe(200);
  const etag = read.headers().etag ?? "";
  expect(etag).toMatch(/^"\d+"$/);

  const invalid = await request.put(api(), {
    headers: { ...olivia, "If-Match": etag },
    data: {
      version: 1,
      rules: [{ spaces: "prod", require: { destination: "mainframe", reachable: false } }],
    },
  });
  expect(invalid.status()).toBe(422);
  expect(await invalid.json()).toMatchObject({
    error: {
      kind: "invalid",
      fieldErrors: {
        "rules.0.require.destination": [expect.stringMatching(/must be a destination of the catalog/)],
      },
    },
  });

  const written = await request.put(api(), {
    headers: { ...olivia, "If-Match": etag },
    data: ISSUE_14_POLICY,
  });
  expect(written.status()).toBe(200);
  expect(written.headers().etag).toBe(`"${Number(etag.replaceAll('"', "")) + 1}"`);
  const stale = await request.put(api(), { headers: { ...olivia, "If-Match": etag }, data: EMPTY_POLICY });
  expect(stale.status()).toBe(412);
  expect(await stale.json()).toMatchObject({ error: { kind: "conflict" } });

  const anonymous = await request.get(api());
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ error: { kind: "sign-in" } });
});

test("the CSV and the JSON export carry the policy fields", async ({ signedInAs, request }) => {
  await setPolicy(request, ISSUE_14_POLICY);
  const page = await signedInAs("olivia");
  const json = (await (await page.request.get(`/api/orgs/${o.alpha}/posture`)).json()) as {
    spaces: { name: string; policy: unknown }[];
  };
  expect(Object.fromEntries(json.spaces.map((sp) => [sp.name, sp.policy]))).toEqual({
    dev: { compliant: true, rule: null, reasons: [] },
    prod: { compliant: false, rule: 2, reasons: [PROD_REASON] },
    sandbox: { compliant: false, rule: 1, reasons: [SANDBOX_REASON] },
    staging: { compliant: true, rule: null, reasons: [] },
  });
  const csv = (await (await page.request.get(`/orgs/${o.alpha}/posture.csv`)).text()).trimEnd().split("\r\n");
  expect(csv[0]?.endsWith(",isolation segment,policy")).toBe(true);
  expect(csv.find((line) => line.startsWith("dev,"))?.endsWith(",compliant")).toBe(true);
  expect(csv.find((line) => line.startsWith("prod,"))?.endsWith(`,${PROD_REASON}`)).toBe(true);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("olivia's mistake comes back with the field errors and her text kept; the fix saves", async ({
    signedInAs,
  }) => {
    const page = await signedInAs("olivia");
    const policy = await new PolicyPage(page).goto(o.alpha);
    const mistaken = JSON.stringify({
      version: 1,
      rules: [
        { spaces: "sandbox[", require: { posture: "closed" } },
        { spaces: "qa-*", require: { posture: "closed" } },
      ],
    });
    await policy.save(mistaken);
    await expect(policy.refused()).toContainText(
      "The policy is not valid, so it was not saved. The fields in error say why.",
    );
    await expect(page.getByText(/^Rule 1, spaces /)).toBeVisible();
    await expect(policy.editor).toHaveValue(mistaken);
    await expect(policy.editor).toHaveAttribute("aria-invalid", "true");

    await policy.save(mistaken.replace("sandbox[", "sandbox*"));
    await expect(policy.saved()).toBeVisible();
    // A rule that matches no space yet is a warning, not a refusal.
    await expect(page.getByText("rule 2, spaces: matches none of the org's current spaces")).toBeVisible();
    expect(await policy.ruleTexts()).toEqual(["sandbox* must be closed", "qa-* must be closed"]);
  });
});
