import AxeBuilder from "@axe-core/playwright";
import { type Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { ids } from "../sim/seed";
import { stableGuid } from "../sim/world";
import { clearRequests, loggedRequests, SIM_URL } from "./support/sim";

/** The org matrix, the space page, the exports, per seeded user (docs/design.md §1, §3, §5). */

const ALPHA = `/orgs/${ids.orgs.alpha}`;
const DESTINATIONS = [
  "Public web",
  "S3 (user-provided)",
  "S3 (brokered)",
  "RDS",
  "Redis",
  "Elasticsearch",
  "Internal routes",
];
/** docs/design.md §1, in the catalog's column order. */
const TABLE: Record<string, string[]> = {
  Closed: ["Blocked", "Blocked", "Blocked", "Blocked", "Blocked", "Blocked", "Allowed"],
  "Trusted local": ["Blocked", "Blocked", "Allowed", "Allowed", "Allowed", "Allowed", "Allowed"],
  Public: ["Allowed", "Allowed", "Allowed", "Blocked", "Blocked", "Blocked", "Allowed"],
  Both: ["Allowed", "Allowed", "Allowed", "Allowed", "Allowed", "Allowed", "Allowed"],
};

type Row = { space: string; cells: Record<string, string> };

/** The matrix as text: header names → cell text, per row. */
async function readMatrix(page: Page): Promise<Row[]> {
  const table = page.getByRole("table", { name: /Egress of the spaces/ });
  await expect(table).toBeVisible();
  const headers = (await table.locator("thead th").allInnerTexts()).map((h) => h.trim());
  const rows: Row[] = [];
  for (const row of await table.locator("tbody tr").all()) {
    const cells = (await row.locator("th, td").allInnerTexts()).map((c) => c.trim().replace(/\s+/g, " "));
    rows.push({
      space: cells[0] ?? "",
      cells: Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ""])),
    });
  }
  return rows;
}

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

test("olivia sees every agency-alpha space with docs/design.md's postures and §1's cells", async ({
  signedInAs,
}) => {
  const page = await signedInAs("olivia");
  await page.goto(ALPHA);
  const rows = await readMatrix(page);
  expect(rows.map((r) => [r.space, r.cells.Posture])).toEqual([
    ["dev", "Closed"],
    ["prod", "Both"],
    ["sandbox", "Public"],
    ["staging", "Trusted local"],
  ]);
  for (const row of rows) {
    const posture = row.cells.Posture ?? "";
    expect(
      DESTINATIONS.map((d) => row.cells[d]),
      row.space,
    ).toEqual(TABLE[posture]);
  }
  expect(rows.find((r) => r.space === "prod")?.cells["Isolation segment"]).toBe("alpha-dedicated");
  await expect(page.getByText("Only some spaces are listed")).toHaveCount(0);
  await expectAxeClean(page);
});

test("sam sees his two spaces, and is told the list may not be the whole org", async ({ signedInAs }) => {
  const page = await signedInAs("sam");
  await page.goto(ALPHA);
  expect((await readMatrix(page)).map((r) => [r.space, r.cells.Posture])).toEqual([
    ["dev", "Closed"],
    ["prod", "Both"],
  ]);
  await expect(page.getByText("Only some spaces are listed")).toBeVisible();
});

test("audrey sees only prod, with the note that other spaces are hidden from her role", async ({
  signedInAs,
}) => {
  const page = await signedInAs("audrey");
  await page.goto(ALPHA);
  expect((await readMatrix(page)).map((r) => r.space)).toEqual(["prod"]);
  await expect(page.getByText(/Spaces where you hold no space role are hidden from your role/)).toBeVisible();
  // She may not change anything: the switch is there, disabled, and says why.
  const publicSwitch = page.getByRole("switch", { name: "Public egress for prod" });
  await expect(publicSwitch).toBeDisabled();
  await expect(publicSwitch).toHaveAccessibleDescription(/SpaceManager or OrgManager role/);
});

test("bruno gets a not-found page for agency-alpha, not a crash", async ({ signedInAs }) => {
  const page = await signedInAs("bruno");
  const response = await page.goto(ALPHA);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Organization not found" })).toBeVisible();
  await expectAxeClean(page);
  const space = await page.goto(`${ALPHA}/spaces/${ids.spaces.alphaDev}`);
  expect(space?.status()).toBe(404);
  const malformed = await page.goto("/orgs/not-a-guid");
  expect(malformed?.status()).toBe(404);
});

test("the CSV and the JSON say what the page shows", async ({ signedInAs }) => {
  const page = await signedInAs("olivia");
  await page.goto(ALPHA);
  const rows = await readMatrix(page);

  const json = (await (await page.request.get(`/api/orgs/${ids.orgs.alpha}/posture`)).json()) as {
    org: { guid: string; name: string };
    destinations: { id: string; label: string }[];
    spaces: {
      name: string;
      posture: string;
      running: { destinations: Record<string, string> };
      isolation_segment: string | null;
    }[];
  };
  expect(json.org).toEqual({ guid: ids.orgs.alpha, name: "agency-alpha" });
  expect(json.destinations.map((d) => d.label)).toEqual(DESTINATIONS);
  for (const [i, space] of json.spaces.entries()) {
    const row = rows[i];
    expect(space.name).toBe(row?.space);
    for (const d of json.destinations) {
      expect(space.running.destinations[d.id]).toBe(row?.cells[d.label]?.toLowerCase());
    }
    expect(space.isolation_segment ?? "Shared hosts").toBe(row?.cells["Isolation segment"]);
  }

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const csv = await (await download).createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  });
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    `space,posture,${DESTINATIONS.join(",")},running security groups,staging security groups,isolation segment,policy`,
  );
  expect(
    lines.slice(1).map((l) =>
      l
        .split(",")
        .slice(0, 2 + DESTINATIONS.length)
        .join(","),
    ),
  ).toEqual(
    rows.map((r) =>
      [
        r.space,
        (r.cells.Posture ?? "").toLowerCase().replace(" ", "-"),
        ...DESTINATIONS.map((d) => r.cells[d]?.toLowerCase()),
      ].join(","),
    ),
  );
});

test("filters by posture and name, kept in the URL", async ({ signedInAs }) => {
  const page = await signedInAs("olivia");
  await page.goto(ALPHA);
  await page.getByLabel("Posture").selectOption("public");
  await expect(page).toHaveURL(/posture=public/);
  expect((await readMatrix(page)).map((r) => r.space)).toEqual(["sandbox"]);
  await page.getByLabel("Posture").selectOption("");
  await page.getByLabel("Filter spaces by name").fill("st");
  await expect(page).toHaveURL(/q=st/);
  expect((await readMatrix(page)).map((r) => r.space)).toEqual(["staging"]);
  await page.reload();
  expect((await readMatrix(page)).map((r) => r.space)).toEqual(["staging"]);
});

test("the org list summarises the postures of the spaces each user can see", async ({ signedInAs }) => {
  const page = await signedInAs("olivia");
  await page.goto("/orgs");
  const row = page.getByRole("row", { name: /agency-alpha/ });
  await expect(row.getByRole("cell")).toHaveText(["4", "1", "1", "1", "1", "0"]);
  await expectAxeClean(page);
});

test("the space page says why each destination is open, and how to open the others", async ({
  signedInAs,
}) => {
  const page = await signedInAs("sam");
  await page.goto(`${ALPHA}/spaces/${ids.spaces.alphaProd}`);
  const running = page.getByRole("table", { name: "Destinations of running apps in prod" });
  await expect(running.getByRole("row", { name: /^RDS/ })).toContainText(
    "trusted_local_networks_egress, rule 1",
  );
  await expect(running.getByRole("row", { name: /^Public web/ })).toContainText(
    "public_networks_egress, rule",
  );
  await expect(page.getByText("Apps stage with the staging security groups")).toBeVisible();
  await expect(page.getByText(/runs on the isolation segment alpha-dedicated/)).toBeVisible();
  await expectAxeClean(page);

  await page.goto(`${ALPHA}/spaces/${ids.spaces.alphaDev}`);
  await expect(
    page
      .getByRole("table", { name: "Destinations of running apps in dev" })
      .getByRole("row", { name: /^RDS/ }),
  ).toContainText("RDS is blocked: turn on Trusted local egress.");
  await expect(page.getByRole("img", { name: /Egress map of dev/ })).toBeVisible();

  // Can my app reach…? answered with the rule that decides it.
  await page.goto(`${ALPHA}/spaces/${ids.spaces.alphaProd}`);
  await page.getByLabel("Address or host name").fill("10.10.1.20");
  await page.getByLabel("Port").fill("5432");
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: /Yes: 10\.10\.1\.20 tcp 5432/ })).toContainText(
    "is allowed by trusted_local_networks_egress, rule 1.",
  );
  await page.getByLabel("Address or host name").fill("10.10.1.20");
  await page.getByLabel("Port").fill("22");
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByText(/No: 10\.10\.1\.20 tcp 22/)).toBeVisible();
  await expectAxeClean(page);
});

test("the org page costs the same number of CF requests for 10 spaces as for 1,000", async ({
  signedInAs,
  request,
}) => {
  expect(
    (await request.post(`${SIM_URL}/__sim/world`, { data: { org_sizes: [10, 1000], groups: 50 } })).status(),
  ).toBe(204);
  const page = await signedInAs("admin");
  const counts: number[] = [];
  for (const [index, size] of [10, 1000].entries()) {
    await clearRequests(request);
    await page.goto(`/orgs/${stableGuid(`org:${index}`)}`);
    await expect(page.getByText(`Showing ${size} of ${size} spaces`)).toBeVisible({ timeout: 20_000 });
    const requests = (await loggedRequests(request)).filter((r) => r.path.startsWith("/v3/"));
    expect(requests.every((r) => r.status === 200)).toBe(true);
    counts.push(requests.length);
  }
  expect(counts[0]).toBe(counts[1]);
  expect(counts[0]).toBeLessThanOrEqual(10);
});
