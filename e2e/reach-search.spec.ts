import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ids } from "../sim/seed";
import { tokenFor } from "./support/sim";
import { expect, test } from "./support/fixtures";

/**
 * "Who can reach this?" (docs/design.md §13) on the seeded world (§3): dns
 * (tcp and udp 53 everywhere) is enabled platform-wide for running and
 * staging, public_networks_egress for staging and bound for running to
 * agency-alpha's prod and sandbox; trusted_local_networks_egress (RDS on
 * 10.10.0.0/22, tcp 5432, 3306, 1433, 1521, …) is bound for running to
 * agency-alpha's staging and prod and agency-beta's prod. The page and
 * GET /api/reach answer from those, as the engine does; a malformed
 * question is refused with what is wrong.
 */

const axeViolations = (page: Page) =>
  new AxeBuilder({ page }).analyze().then((r) => r.violations.map((v) => v.id));

async function ask(page: Page, destination: string, ports: string, protocol = "tcp"): Promise<void> {
  await page.getByLabel("Destination").fill(destination);
  await page.getByLabel("Ports").fill(ports);
  await page.getByLabel("Protocol").selectOption(protocol);
  await page.getByRole("button", { name: "Search" }).click();
}

/** The answer's rows: "org/space running staging". */
async function rows(page: Page): Promise<string[]> {
  const table = page.getByRole("table", { name: /Which spaces can reach/ });
  return table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll("th, td")].map((c) => c.textContent ?? "");
      const status = (text: string) => /Allowed|Partial|Blocked/.exec(text)?.[0] ?? "?";
      return `${tr.getAttribute("data-space")} ${status(cells.at(-2) ?? "")} ${status(cells.at(-1) ?? "")}`;
    }),
  );
}

test("the admin asks who reaches RDS on 5432 across the foundation, and filters by status", async ({
  signedInAs,
}) => {
  const page = await signedInAs("admin");
  await page.goto("/foundation");
  await page.getByRole("link", { name: "Who can reach this?" }).click();
  await ask(page, "10.10.0.12", "5432");
  await expect(page).toHaveURL(/\/foundation\/reach\?destination=10\.10\.0\.12&ports=5432&protocol=tcp/);
  await expect(page.getByTestId("reach-summary")).toHaveText(
    "Of 7 spaces you can see, running apps of 3 are allowed, 0 partly, 4 blocked.",
  );
  expect(await rows(page)).toEqual([
    "agency-alpha/dev Blocked Blocked",
    "agency-alpha/prod Allowed Blocked",
    "agency-alpha/sandbox Blocked Blocked",
    "agency-alpha/staging Allowed Blocked",
    "agency-beta/dev Blocked Blocked",
    "agency-beta/prod Allowed Blocked",
    "agency-gamma/legacy Blocked Blocked",
  ]);
  // The group and the rule that allow it.
  await expect(page.locator('tr[data-space="agency-beta/prod"]')).toContainText(
    "trusted_local_networks_egress: tcp 10.10.0.0/22 5432,3306,1433,1521",
  );
  expect(await axeViolations(page)).toEqual([]);

  await page.getByLabel("Running status").selectOption("allowed");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/running=allowed/);
  expect(await rows(page)).toEqual([
    "agency-alpha/prod Allowed Blocked",
    "agency-alpha/staging Allowed Blocked",
    "agency-beta/prod Allowed Blocked",
  ]);

  // More ports than the rule opens: partly.
  await page.getByLabel("Running status").selectOption("any");
  await ask(page, "10.10.0.0/24", "5432-5433");
  await expect(page.getByTestId("reach-summary")).toHaveText(
    "Of 7 spaces you can see, running apps of 0 are allowed, 3 partly, 4 blocked.",
  );
});

test("a global auditor asks about the public web: prod and sandbox run with it, every space stages with it", async ({
  signedInAs,
}) => {
  const page = await signedInAs("gale");
  await page.goto("/foundation/reach?destination=93.184.216.34&ports=443&protocol=tcp");
  expect(await rows(page)).toEqual([
    "agency-alpha/dev Blocked Allowed",
    "agency-alpha/prod Allowed Allowed",
    "agency-alpha/sandbox Allowed Allowed",
    "agency-alpha/staging Blocked Allowed",
    "agency-beta/dev Blocked Allowed",
    "agency-beta/prod Blocked Allowed",
    "agency-gamma/legacy Blocked Allowed",
  ]);
  expect(await axeViolations(page)).toEqual([]);
});

test("olivia asks from her org's page, scoped to agency-alpha; a malformed destination is refused with why", async ({
  signedInAs,
}) => {
  const page = await signedInAs("olivia");
  await page.goto(`/orgs/${ids.orgs.alpha}`);
  await page.getByRole("link", { name: "Who can reach this?" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${ids.orgs.alpha}/reach$`));
  await ask(page, "8.8.8.8", "53", "udp");
  expect(await rows(page)).toEqual([
    "agency-alpha/dev Allowed Allowed",
    "agency-alpha/prod Allowed Allowed",
    "agency-alpha/sandbox Allowed Allowed",
    "agency-alpha/staging Allowed Allowed",
  ]);
  await expect(page.locator('tr[data-space="agency-alpha/dev"]')).toContainText("dns: udp 0.0.0.0/0 53");
  expect(await axeViolations(page)).toEqual([]);

  await ask(page, "10.0.0.300", "443");
  const destination = page.getByLabel("Destination");
  await expect(destination).toHaveAttribute("aria-invalid", "true");
  await expect(destination).toHaveAccessibleDescription(
    /destination must be a valid CIDR, IP address, or IP address range/,
  );
  await expect(page.getByRole("alert").filter({ hasText: "The search cannot be answered" })).toContainText(
    "Destination must be a valid CIDR, IP address, or IP address range (e.g. 10.0.0.5, 10.0.0.0/16 or 10.0.0.1-10.0.0.9).",
  );
  await expect(page.getByRole("table")).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
});

test("GET /api/reach answers a pipeline's bearer token and a session alike, and refuses a malformed query with a 400", async ({
  request,
  requestAs,
}) => {
  const headers = { Authorization: `bearer ${await tokenFor(request, "olivia")}` };
  const scoped = await request.get(
    `/api/reach?destination=10.10.0.12&ports=5432&protocol=tcp&org=${ids.orgs.alpha}`,
    { headers },
  );
  expect(scoped.status()).toBe(200);
  const body = (await scoped.json()) as {
    spaces: {
      guid: string;
      name: string;
      org: { guid: string; name: string };
      running: unknown;
      staging: unknown;
    }[];
  };
  expect(body.spaces.map((s) => s.name)).toEqual(["dev", "prod", "sandbox", "staging"]);
  expect(body.spaces.find((s) => s.name === "prod")).toEqual({
    guid: ids.spaces.alphaProd,
    name: "prod",
    org: { guid: ids.orgs.alpha, name: "agency-alpha" },
    running: {
      status: "allowed",
      by: [
        {
          group: { guid: ids.securityGroups.trustedLocal, name: "trusted_local_networks_egress" },
          rule: {
            protocol: "tcp",
            destination: "10.10.0.0/22",
            ports: "5432,3306,1433,1521",
            description: "RDS",
          },
        },
      ],
    },
    staging: { status: "blocked", by: [] },
  });

  // An org CF does not show her: 404; every space she can see without org=.
  const beta = await request.get(`/api/reach?destination=10.10.0.12&ports=5432&org=${ids.orgs.beta}`, {
    headers,
  });
  expect(beta.status()).toBe(404);

  const session = await requestAs("bruno");
  const all = await session.get("/api/reach?destination=10.10.0.0%2F22&ports=5432&protocol=tcp");
  expect(all.status()).toBe(200);
  expect(
    ((await all.json()) as typeof body).spaces.map(
      (s) => `${s.name} ${(s.running as { status: string }).status}`,
    ),
  ).toEqual(["dev blocked", "prod allowed"]);

  for (const [query, message] of [
    ["destination=10.0.0.300&ports=443", "Destination must be a valid CIDR, IP address, or IP address range"],
    ["destination=10.0.0.1&protocol=udp", "Ports are required for udp"],
    ["destination=10.0.0.1&ports=443&protocol=sctp", "Protocol must be one of tcp, udp, icmp, all"],
    ["destination=10.0.0.1&ports=443&org=alpha", "Org must be an organization's guid."],
  ]) {
    const refused = await request.get(`/api/reach?${query}`, { headers });
    expect(refused.status(), query).toBe(400);
    const error = ((await refused.json()) as { error: { kind: string; message: string } }).error;
    expect(error.kind).toBe("invalid");
    expect(error.message).toContain(message);
  }
  expect((await request.get("/api/reach?destination=10.0.0.1&ports=443")).status()).toBe(401);
});
