import { type APIRequestContext } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { ids } from "../sim/seed";
import { lintGroupIds } from "../sim/seed-lint";
import { SIM_URL } from "./support/sim";

/**
 * Group lint (docs/design.md §13) on the stand-in's `lint` seed, which holds a
 * group for every finding: the list counts them, each group's page says each
 * one with its fix, the space page notes them for the groups that apply there,
 * and "bound to no space" is said only to a user who sees every binding.
 */

async function useLintSeed(request: APIRequestContext): Promise<void> {
  expect((await request.post(`${SIM_URL}/__sim/world`, { data: { seed: "lint" } })).status()).toBe(204);
}

/** Each finding kind: the group that shows it, and the start of its sentence. */
const SENTENCES: [guid: string, name: string, sentence: string][] = [
  [
    lintGroupIds.wideOpen,
    "lint-wide-open",
    "Rule 1 allows every protocol to every IPv4 address (0.0.0.0/0), including the platform's own networks",
  ],
  [lintGroupIds.icmpAny, "lint-icmp-any", "Rule 1 allows every ICMP type (type -1): with dynamic ASGs"],
  [lintGroupIds.spacedPorts, "lint-spaced-ports", 'Rule 1 writes its ports with spaces ("80, 443")'],
  [
    lintGroupIds.shadowed,
    "lint-shadowed",
    "Rule 2 adds nothing: rule 1 of this group already allows all the traffic it allows.",
  ],
  [
    lintGroupIds.shadowed,
    "lint-shadowed",
    "Rule 3 adds nothing: rule 1 of the platform-wide group dns already allows all the traffic it allows",
  ],
  [lintGroupIds.duplicates, "lint-duplicates", "Rule 2 repeats rule 1: it allows exactly the same traffic."],
  [
    lintGroupIds.unbound,
    "lint-unbound",
    "This group is bound to no space and is not platform-wide, so it applies to no app.",
  ],
  [
    lintGroupIds.manyDestinations,
    "lint-many-destinations",
    "This group names 1,050 destinations, more than 1,000: Windows apps it applies to may fail to start.",
  ],
  [
    ids.securityGroups.public,
    "public_networks_egress",
    "Rule 6 opens the platform network of RDS (10.10.0.0/22) to every space with the Public egress profile.",
  ],
];

test("the list counts each group's findings, linked to the group's page", async ({ signedInAs, request }) => {
  await useLintSeed(request);
  const page = await signedInAs("admin");
  await page.goto("/security-groups");
  const table = page.getByRole("table", { name: "Security groups you can see" });
  await expect(table.getByRole("columnheader", { name: "Findings" })).toBeVisible();
  const row = (name: string) => table.getByRole("row", { name: new RegExp(`^${name}\\b`) });
  await expect(row("lint-wide-open")).toContainText("1 error");
  await expect(row("lint-shadowed")).toContainText("2 info");
  await expect(row("lint-spaced-ports")).toContainText("1 warning");
  await expect(row("public_networks_egress")).toContainText("1 error");
  await expect(row("dns")).toContainText("None");
  await expect(row("trusted_local_networks_egress")).toContainText("None");
  // Bound for staging only, where public_networks_egress is platform-wide: its first rule is shadowed too.
  const link = row("lint-duplicates").getByRole("link", { name: "2 info found in lint-duplicates" });
  await expect(link).toHaveAttribute("href", `/security-groups/${lintGroupIds.duplicates}#findings`);
  await expectNoAxeViolations(page);
});

test("each finding is said on its group's page with its fix", async ({ signedInAs, request }) => {
  await useLintSeed(request);
  const page = await signedInAs("admin");
  for (const [guid, name, sentence] of SENTENCES) {
    await page.goto(`/security-groups/${guid}`);
    const findings = page.getByRole("list", { name: `Findings for ${name}` });
    await expect(findings).toContainText(sentence);
  }
  await page.goto(`/security-groups/${lintGroupIds.spacedPorts}`);
  const item = page.getByRole("listitem").filter({ hasText: "writes its ports with spaces" });
  await expect(item).toContainText("Warning:");
  await expect(item).toContainText('Fix: Write the ports without spaces: "80,443".');
  await expectNoAxeViolations(page);

  await page.goto(`/security-groups/${ids.securityGroups.trustedLocal}`);
  await expect(
    page.getByText("No findings: nothing in trusted_local_networks_egress’s rules needs attention."),
  ).toBeVisible();
});

test("a user who sees only some bindings is not told a group is bound nowhere", async ({
  signedInAs,
  request,
}) => {
  await useLintSeed(request);
  // bruno manages agency-beta: he sees the lint groups bound to beta/dev, not lint-unbound.
  const page = await signedInAs("bruno");
  await page.goto("/security-groups");
  const table = page.getByRole("table", { name: "Security groups you can see" });
  await expect(table.getByRole("link", { name: "lint-wide-open", exact: true })).toBeVisible();
  await expect(table.getByRole("link", { name: "lint-unbound", exact: true })).toHaveCount(0);
  await page.goto(`/security-groups/${lintGroupIds.wideOpen}`);
  await expect(page.getByRole("list", { name: "Findings for lint-wide-open" })).toContainText(
    "Rule 1 allows every protocol to every IPv4 address",
  );
  await expect(page.getByText("Whether this group is bound to any space is not judged here")).toBeVisible();
  await expect(page.getByText("bound to no space and is not platform-wide")).toHaveCount(0);
});

test("the space page notes the findings of the groups that apply there", async ({ signedInAs, request }) => {
  await useLintSeed(request);
  const page = await signedInAs("admin");
  await page.goto(`/orgs/${ids.orgs.beta}/spaces/${ids.spaces.betaDev}`);
  await expect(page.getByRole("heading", { name: "Findings for lint-wide-open (1)" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Findings for lint-shadowed" })).toContainText(
    "Rule 3 adds nothing: rule 1 of the platform-wide group dns",
  );
  await expect(page.getByRole("list", { name: "Findings for lint-icmp-any" })).toContainText(
    "Rule 1 allows every ICMP type (type -1)",
  );
  // dns applies here too, and has nothing to say.
  await expect(page.getByRole("heading", { name: /^Findings for dns/ })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.goto(`/orgs/${ids.orgs.alpha}/spaces/${ids.spaces.alphaSandbox}`);
  await expect(page.getByRole("list", { name: "Findings for public_networks_egress" })).toContainText(
    "opens the platform network of RDS (10.10.0.0/22) to every space with the Public egress profile",
  );
});
