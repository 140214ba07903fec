import { type Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { tableRows } from "./support/tables";
import { cutOff, innerScrolls } from "./support/narrow";
import { BAD_DESTINATION_WORDS } from "./support/group-form";
import { ids, seed } from "../sim/seed";

/**
 * Issue 23, the per-rule form of a group edit (docs/design.md §13): an admin
 * adds, changes and removes rules as rows, previews and saves, and the JSON
 * view holds the same array; an incomplete row is refused before anything is
 * sent, CF's refusal shows under its row, and the rows stack as cards at
 * 390 px. The stand-in's world is reset before each test (support/fixtures).
 */

const GUID = ids.securityGroups.trustedLocal;
const PAGE = `/security-groups/${GUID}`;
const PATCH_PATH = `/v3/security_groups/${GUID}`;
const FORM = 'section[aria-labelledby="edit-rules"]';
const trustedLocal = seed.securityGroups.find((g) => g.guid === GUID);
if (!trustedLocal) throw new Error("the seed has no trusted-local group");
const [rds, , elasticsearch, s3] = trustedLocal.rules;
if (!rds || !elasticsearch || !s3) throw new Error("trusted-local's seed rules changed");

const rule = (page: Page, n: number) => page.getByRole("group", { name: `Rule ${n}`, exact: true });
const jsonBox = (page: Page) => page.getByLabel("Rules (JSON, as cf update-security-group takes them)");

test("an admin adds, changes and removes rules as rows, previews what closes, saves, and the page shows the new rules", async ({
  signedInAs,
  sim,
}) => {
  const page = await signedInAs("admin");
  await page.goto(PAGE);
  for (const n of [1, 2, 3, 4]) await expect(rule(page, n)).toBeVisible();
  await expect(rule(page, 5)).toHaveCount(0);
  await expect(page.getByLabel("Rule 2 Destination")).toHaveValue("10.10.4.0/24");
  await expect(page.getByLabel("Rule 2 Ports")).toHaveValue("6379");
  await expectNoAxeViolations(page);

  // Add: focus lands on the new rule's first control; a udp rule to StatsD.
  await page.getByRole("button", { name: "Add a rule" }).click();
  await expect(page.getByLabel("Rule 5 Protocol")).toBeFocused();
  await page.getByLabel("Rule 5 Protocol").selectOption("udp");
  await page.getByLabel("Rule 5 Destination").fill("10.10.9.0/24");
  await page.getByLabel("Rule 5 Ports").fill("8125");
  await page.getByLabel("Rule 5 Description").fill("StatsD");
  await page.getByLabel("Rule 5 Log").check();
  // Change: Elasticsearch keeps only 443.
  await page.getByLabel("Rule 3 Ports").fill("443");
  // Remove Redis: focus moves to the rule that took its place.
  await page.getByRole("button", { name: "Remove rule 2" }).click();
  await expect(page.getByLabel("Rule 2 Protocol")).toBeFocused();
  await expect(page.getByLabel("Rule 2 Destination")).toHaveValue("10.10.5.0/24");
  await expect(rule(page, 5)).toHaveCount(0);

  const expected = [
    rds,
    { ...elasticsearch, ports: "443" },
    s3,
    { protocol: "udp", destination: "10.10.9.0/24", ports: "8125", description: "StatsD", log: true },
  ];
  await sim.clearRequests();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: /Preview: what this edit changes/ })).toBeVisible();
  // Redis is gone, and Elasticsearch without 9200 is partial: both close where the group is bound.
  expect(await tableRows(page, "Spaces whose reach changes")).toEqual([
    "agency-alpha / prod / running / — / Redis, Elasticsearch",
    "agency-alpha / staging / running / — / Redis, Elasticsearch",
    "agency-beta / prod / running / — / Redis, Elasticsearch",
  ]);
  expect(await sim.writes()).toEqual([]);
  await expect(page.locator("details").filter({ hasText: "rules.json" }).locator("pre")).toHaveText(
    JSON.stringify(expected, null, 2),
    { useInnerText: false },
  );

  // The JSON view holds the same array; switching views keeps the preview.
  await page.getByRole("button", { name: "Edit as JSON" }).click();
  await expect(jsonBox(page)).toHaveValue(JSON.stringify(expected, null, 2));
  await page.getByRole("button", { name: "Edit as rows" }).click();
  await expect(page.getByLabel("Rule 4 Description")).toHaveValue("StatsD");
  await expect(page.getByRole("button", { name: "Save trusted_local_networks_egress" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Save trusted_local_networks_egress" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toContainText(
    "Saved trusted_local_networks_egress.",
  );
  expect(await sim.writeLines()).toEqual([["PATCH", PATCH_PATH, 200]]);
  const inCf = await sim.cfAs("admin", "GET", PATCH_PATH);
  expect((inCf.body as { rules: unknown[] }).rules).toEqual(expected);

  await page.reload();
  const table = page.getByRole("table", { name: "Rules of trusted_local_networks_egress" });
  await expect(table).toContainText("StatsD");
  await expect(table).not.toContainText("Redis");
  await expect(rule(page, 4)).toBeVisible();
  await expect(page.getByLabel("Rule 4 Log")).toBeChecked();
});

test("a rule CF refuses: its 422 words under that row, the engine's doubt there after the preview, nothing changed", async ({
  signedInAs,
  sim,
}) => {
  const page = await signedInAs("admin");
  await page.goto(PAGE);
  await page.getByLabel("Rule 2 Destination").fill("10.10.4.0/33");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(rule(page, 2)).toContainText("The dashboard cannot read its destination: ");
  await expect(rule(page, 1)).not.toContainText("cannot read");
  await sim.clearRequests();
  await page.getByRole("button", { name: "Save trusted_local_networks_egress" }).click();

  const cfWords = BAD_DESTINATION_WORDS;
  await expect(page.getByRole("alert").filter({ hasText: "Rules[1]:" })).toContainText(cfWords);
  await expect(rule(page, 2)).toContainText(cfWords);
  for (const n of [1, 3, 4]) await expect(rule(page, n)).not.toContainText(cfWords);
  expect(await sim.writeLines()).toEqual([["PATCH", PATCH_PATH, 422]]);
  const inCf = await sim.cfAs("admin", "GET", PATCH_PATH);
  expect((inCf.body as { rules: unknown[] }).rules).toEqual(trustedLocal.rules);
  await expectNoAxeViolations(page);

  // The JSON view holds the same rule, and CF's refusal stays beside it there too.
  await page.getByRole("button", { name: "Edit as JSON" }).click();
  const sent = JSON.parse(await jsonBox(page).inputValue()) as { destination: string }[];
  expect(sent.map((r) => r.destination)).toEqual([
    "10.10.0.0/22",
    "10.10.4.0/33",
    "10.10.5.0/24",
    "10.10.8.0/24",
  ]);
  await expect(
    page.getByRole("list", { name: "Rules Cloud Foundry refused" }).getByRole("listitem").first(),
  ).toContainText(cfWords);
  // An edit discards the refusal with the preview.
  await page.getByRole("button", { name: "Edit as rows" }).click();
  await page.getByLabel("Rule 2 Destination").fill("10.10.4.0/24");
  await expect(rule(page, 2)).not.toContainText(cfWords);
});

test("an incomplete row is refused under it before anything is sent; the fields follow the protocol; bad JSON stays JSON", async ({
  signedInAs,
  sim,
}) => {
  const page = await signedInAs("admin");
  await page.goto(PAGE);
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Rule 5 Destination").fill("10.10.9.0/24");
  await sim.clearRequests();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(
    page.getByRole("status").or(page.getByRole("alert")).filter({ hasText: "Nothing was sent" }),
  ).toHaveText("Nothing was sent: complete rule 5 first (see under it).");
  await expect(rule(page, 5)).toContainText(
    "Ports are required for tcp: a port such as 443, a list such as 80,443, or a range such as 8000-9000.",
  );
  expect(await sim.requests()).toEqual([]);

  // icmp: no ports, a type and a code; all: none of them.
  await page.getByLabel("Rule 5 Protocol").selectOption("icmp");
  await expect(page.getByLabel("Rule 5 Ports")).toHaveCount(0);
  await page.getByLabel("Rule 5 ICMP type").fill("0");
  await page.getByLabel("Rule 5 ICMP code").fill("-1");
  await page.getByLabel("Rule 5 Protocol").selectOption("all");
  await expect(page.getByLabel("Rule 5 ICMP type")).toHaveCount(0);
  await page.getByLabel("Rule 5 Protocol").selectOption("icmp");
  await page.getByRole("button", { name: "Edit as JSON" }).click();
  const rules = JSON.parse(await jsonBox(page).inputValue()) as unknown[];
  expect(rules.at(-1)).toEqual({ protocol: "icmp", destination: "10.10.9.0/24", type: 0, code: -1 });

  // JSON that does not parse: the switch is refused with the parser's line and column.
  await jsonBox(page).fill('[\n  {"protocol": "tcp",,}\n]');
  await page.getByRole("button", { name: "Edit as rows" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not valid JSON" })).toContainText(
    "(line 2 column 22)",
  );
  await expect(jsonBox(page)).toBeVisible();
  // JSON with a field its protocol does not take would lose it as rows: refused too, naming it.
  await jsonBox(page).fill(JSON.stringify([{ protocol: "all", destination: "10.0.0.1", ports: "80" }]));
  await page.getByRole("button", { name: "Edit as rows" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Rule 1 is all" })).toHaveText(
    'Rule 1 is all, which takes no ports (Cloud Foundry refuses them); remove "ports" in the JSON.',
  );
  await expectNoAxeViolations(page);
  expect(await sim.requests()).toEqual([]);
});

test("with the keyboard at 390 px: the rows stack as cards, nothing is cut off, nothing scrolls inside a box", async ({
  signedInAs,
}) => {
  const page = await signedInAs("admin");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(PAGE);
  await page.getByRole("button", { name: "Add a rule" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Rule 5 Protocol")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Rule 5 Destination")).toBeFocused();
  await page.keyboard.type("10.10.9.0/24");

  expect(await cutOff(page, 390, FORM)).toEqual([]);
  expect(await innerScrolls(page, FORM)).toEqual([]);
  // A card: the destination under the protocol, not beside it.
  const protocol = await page.getByLabel("Rule 5 Protocol").boundingBox();
  const destination = await page.getByLabel("Rule 5 Destination").boundingBox();
  expect(protocol && destination && destination.y >= protocol.y + protocol.height).toBe(true);
  await expectNoAxeViolations(page);

  // Removing the last rule moves focus to the rule before it.
  await page.getByRole("button", { name: "Remove rule 5" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Rule 4 Protocol")).toBeFocused();
});
