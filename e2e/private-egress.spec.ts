import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { type Page } from "@playwright/test";
import { ids } from "../sim/seed";
import { expect, test } from "./support/fixtures";
import { hydrated } from "./support/hydration";
import { SIM_URL } from "./support/sim";

/** The private-egress page (docs/design.md §7): the offering, its requirements, and the request form. */

const SHOTS = ".screenshots";
mkdirSync(SHOTS, { recursive: true });

async function axeViolations(page: Page): Promise<string[]> {
  return (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.length}`);
}

function requestForm(page: Page) {
  return page.getByRole("form", { name: "Request private egress" });
}

async function fillRequest(
  page: Page,
  fields: { ip: string; cidrs: string; type: string; other?: string; apps: string },
): Promise<void> {
  const form = requestForm(page);
  await form.getByLabel("Public IP address of your IPsec endpoint").fill(fields.ip);
  await form.getByLabel("Private network CIDRs").fill(fields.cidrs);
  await form.getByLabel("Type of IPsec endpoint").selectOption({ label: fields.type });
  if (fields.other !== undefined)
    await form.getByLabel("Name of your endpoint, if you chose Other").fill(fields.other);
  await form.getByLabel("Approximate number of apps").fill(fields.apps);
}

const PALO_ALTO = "Palo Alto Networks PANOS 4.1.2 (or later) software";

test("olivia fixes a mistake she made and gets the support request to send", async ({ signedInAs }) => {
  const page = await signedInAs("olivia");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/orgs");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Private egress" }).click();
  await expect(page).toHaveURL(/\/private-egress$/);
  await expect(page).toHaveTitle("Private egress · Egress dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Private egress");

  // The diagram is an image with a name, and its facts are also in words; the checklist has the seed's terms.
  await expect(
    page.getByRole("img", { name: "How private egress connects your apps to your private network" }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "The same, in words" })).toBeVisible();
  const checklist = page.getByRole("list", { name: "IPsec requirements" });
  for (const term of [
    "IKEv1",
    "AES128",
    "AES256",
    "SHA256",
    "group 14",
    "UDP port 500",
    "ESP",
    "UDP port 4500",
  ]) {
    await expect(checklist).toContainText(term);
  }
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/private-egress-page.png`, fullPage: true });

  // Her one org is chosen already; she types a host address where a network belongs.
  const form = requestForm(page);
  await expect(form.getByLabel("Org")).toHaveValue(ids.orgs.alpha);
  await fillRequest(page, {
    ip: "52.20.30.40",
    cidrs: "10.20.0.0/16\n10.0.0.1/8",
    type: PALO_ALTO,
    apps: "12",
  });
  await form.getByRole("button", { name: "Prepare the support request" }).click();

  const summary = page.getByRole("alert").filter({ hasText: "There is a problem with the request" });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  const hostBits = "line 2: 10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?";
  await expect(summary.getByRole("link", { name: `Private network CIDRs: ${hostBits}` })).toBeVisible();
  const cidrs = form.getByLabel("Private network CIDRs");
  await expect(cidrs).toHaveAttribute("aria-invalid", "true");
  await expect(cidrs).toHaveAccessibleDescription(new RegExp(`${hostBits.replace(/[.?/]/g, "\\$&")}$`));
  // Nothing she typed is lost.
  await expect(cidrs).toHaveValue("10.20.0.0/16\n10.0.0.1/8");
  await expect(form.getByLabel("Public IP address of your IPsec endpoint")).toHaveValue("52.20.30.40");
  await expect(form.getByLabel("Type of IPsec endpoint")).toHaveValue("palo-alto");
  await expect(form.getByLabel("Approximate number of apps")).toHaveValue("12");
  await expect(form.getByLabel("Org")).toHaveValue(ids.orgs.alpha);
  expect(await axeViolations(page)).toEqual([]);
  await page
    .getByRole("region", { name: "Request private egress" })
    .screenshot({ path: `${SHOTS}/private-egress-errors.png` });

  // The summary's link leads to the field.
  await summary.getByRole("link", { name: /Private network CIDRs/ }).click();
  await expect(page).toHaveURL(/#pe-privateCidrs$/);

  await cidrs.fill("10.20.0.0/16\n10.0.0.0/12");
  await form.getByRole("button", { name: "Prepare the support request" }).click();
  // 10.0.0.0/12 holds the platform's own subnets: a second mistake, named by the catalog.
  await expect(
    form.getByText("line 2: 10.0.0.0/12 overlaps the platform's subnets for S3 (brokered)"),
  ).toBeVisible();
  await cidrs.fill("10.20.0.0/16\n192.168.40.0/24");
  await form.getByRole("button", { name: "Prepare the support request" }).click();

  const result = page.getByRole("region", { name: "Your support request is ready" });
  await expect(result).toBeVisible();
  await expect(result).toBeFocused();
  await expect(page.getByRole("alert").filter({ hasText: "problem" })).toHaveCount(0);
  const subject = result.getByLabel("Subject");
  await expect(subject).toHaveValue("Private egress request for org agency-alpha");
  const body = result.getByLabel("Message");
  const bodyText = await body.inputValue();
  for (const text of [
    `Org: agency-alpha (guid ${ids.orgs.alpha})`,
    "Requested by: olivia <olivia@example.gov>",
    "Public IP address of our IPsec endpoint: 52.20.30.40",
    "  - 10.20.0.0/16\n  - 192.168.40.0/24",
    `Type of our IPsec endpoint: ${PALO_ALTO}`,
    "Approximate number of apps that will use the connection: 12",
    "The egress IPs for traffic originating in our dedicated pool",
    "pre-shared key (PSK)",
  ]) {
    expect(bodyText).toContain(text);
  }
  const mailto = await result.getByRole("link", { name: "Open it in your email app" }).getAttribute("href");
  expect(mailto).toMatch(/^mailto:support@example\.org\?subject=/);
  const url = new URL(mailto ?? "");
  expect(url.searchParams.get("subject")).toBe("Private egress request for org agency-alpha");
  expect(url.searchParams.get("body")).toBe(bodyText.replace(/\n/g, "\r\n"));

  await result.getByRole("button", { name: "Copy the message" }).click();
  await expect(result.getByRole("status").filter({ hasText: "Copied." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(bodyText);
  expect(await axeViolations(page)).toEqual([]);
  await result.screenshot({ path: `${SHOTS}/private-egress-result.png` });
});

for (const user of ["devon", "audrey"] as const) {
  test(`${user} sees the form read-only, with the reason`, async ({ signedInAs }) => {
    const page = await signedInAs(user);
    await page.goto("/private-egress");
    const form = requestForm(page);
    await expect(page.getByText("You can read this form, but not send it")).toBeVisible();
    await expect(page.getByText("you are not an OrgManager of agency-alpha")).toBeVisible();
    await expect(form.getByRole("button", { name: "Prepare the support request" })).toBeDisabled();
    for (const label of ["Org", "Public IP address of your IPsec endpoint", "Private network CIDRs"]) {
      await expect(form.getByLabel(label)).toBeDisabled();
    }
    expect(await axeViolations(page)).toEqual([]);
  });
}

test("devon's forged submission is refused by the server", async ({ signedInAs }) => {
  const page = await signedInAs("devon");
  await page.goto("/private-egress");
  await hydrated(page.locator("form fieldset"));
  // Re-enable what the page disabled, as a hand-made POST would.
  await page.evaluate(() => document.querySelector("form fieldset")?.removeAttribute("disabled"));
  await fillRequest(page, { ip: "52.20.30.40", cidrs: "10.20.0.0/16", type: PALO_ALTO, apps: "3" });
  await requestForm(page).getByRole("button", { name: "Prepare the support request" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "problem" })).toContainText(
    "Only an OrgManager of agency-alpha (or a platform admin) can request private egress for it.",
  );
  await expect(page.getByRole("region", { name: "Your support request is ready" })).toHaveCount(0);
});

test("olivia's forged submission for an org she cannot see is refused by the server", async ({
  signedInAs,
}) => {
  const page = await signedInAs("olivia");
  await page.goto("/private-egress");
  await hydrated(page.locator("select[name=orgGuid]"));
  await page.evaluate((beta) => {
    const select = document.querySelector<HTMLSelectElement>("select[name=orgGuid]");
    select?.add(new Option("agency-beta", beta, true, true));
  }, ids.orgs.beta);
  await expect(page.locator("select[name=orgGuid]")).toHaveValue(ids.orgs.beta);
  await fillRequest(page, { ip: "52.20.30.40", cidrs: "10.20.0.0/16", type: PALO_ALTO, apps: "3" });
  await requestForm(page).getByRole("button", { name: "Prepare the support request" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "problem" })).toContainText(
    "This organization does not exist, or Cloud Foundry does not show it to you.",
  );
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form answers with the errors and the input kept, then with the request", async ({
    signedInAs,
  }) => {
    const page = await signedInAs("olivia");
    await page.goto("/private-egress");
    const form = requestForm(page);
    await fillRequest(page, {
      ip: "192.168.1.1",
      cidrs: "172.16.0.0/12",
      type: "Other (name it below)",
      other: "",
      apps: "about 20",
    });
    await form.getByRole("button", { name: "Prepare the support request" }).click();

    await expect(page.getByRole("alert").filter({ hasText: "problem" })).toContainText(
      "There are 3 problems with the request",
    );
    await expect(
      form.getByText("192.168.1.1 is in private-use space (192.168.0.0/16, RFC 1918)"),
    ).toBeVisible();
    await expect(form.getByText("You chose “Other”: name your IPsec endpoint")).toBeVisible();
    await expect(form.getByText("“about 20” is not a whole number")).toBeVisible();
    await expect(form.getByLabel("Public IP address of your IPsec endpoint")).toHaveValue("192.168.1.1");
    await expect(form.getByLabel("Private network CIDRs")).toHaveValue("172.16.0.0/12");
    await expect(form.getByLabel("Type of IPsec endpoint")).toHaveValue("other");
    await expect(form.getByLabel("Approximate number of apps")).toHaveValue("about 20");

    await form.getByLabel("Public IP address of your IPsec endpoint").fill("52.20.30.40");
    await form.getByLabel("Name of your endpoint, if you chose Other").fill("Libreswan 4.12");
    await form.getByLabel("Approximate number of apps").fill("20");
    await form.getByRole("button", { name: "Prepare the support request" }).click();

    const result = page.getByRole("region", { name: "Your support request is ready" });
    await expect(result).toBeVisible();
    expect(await result.getByLabel("Message").inputValue()).toContain(
      "Type of our IPsec endpoint: Other: Libreswan 4.12",
    );
    await expect(result.getByRole("link", { name: "Open it in your email app" })).toHaveAttribute(
      "href",
      /^mailto:support@example\.org\?subject=Private%20egress%20request%20for%20org%20agency-alpha&body=/,
    );
    // The copy buttons need JavaScript, so they are not drawn; the text is there to select.
    await expect(result.getByRole("button", { name: /Copy/ })).toHaveCount(0);
  });
});

test.describe("with PRIVATE_EGRESS_ENABLED=false", () => {
  // A second server on the same build, configured off. The session cookie is per host, not per port,
  // so signing in on the test server signs in on this one too.
  const port = Number(process.env.E2E_APP_PORT ?? 3100) + 50;
  let server: ChildProcess | undefined;

  test.beforeAll(async () => {
    server = spawn(
      process.execPath,
      ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)],
      {
        env: {
          ...process.env,
          CF_API_URL: SIM_URL,
          PRIVATE_EGRESS_ENABLED: "false",
          NEXT_TELEMETRY_DISABLED: "1",
        },
        stdio: "ignore",
      },
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the second server did not start on port ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  test.afterAll(() => {
    server?.kill();
  });

  test("the page says the offering is not available and how to reach support, without the form", async ({
    signedInAs,
  }) => {
    const page = await signedInAs("olivia");
    await page.goto(`http://localhost:${port}/private-egress`);
    await expect(page.getByTestId("signed-in-user")).toHaveText("olivia");
    await expect(page.getByText("Private egress is not available on this platform").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "support@example.org" }).first()).toHaveAttribute(
      "href",
      "mailto:support@example.org",
    );
    await expect(requestForm(page)).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});

test("the request's endpoint and networks are shown to OrgManagers, auditors and admins; devon sees only the fact", async ({
  signedInAs,
  requestAs,
}) => {
  const page = await signedInAs("olivia");
  await page.goto("/private-egress");
  await fillRequest(page, { ip: "52.20.30.41", cidrs: "172.20.0.0/16", type: PALO_ALTO, apps: "3" });
  await requestForm(page).getByRole("button", { name: "Prepare the support request" }).click();
  await expect(page.getByRole("region", { name: "Your support request is ready" })).toBeVisible();

  const activity = `/orgs/${ids.orgs.alpha}/activity?kind=request`;
  const detailed =
    /Prepared a private-egress request: endpoint 52\.20\.30\.41, 1 private network \(172\.20\.0\.0\/16\)/;
  for (const user of ["olivia", "audrey", "admin", "devon"] as const) {
    const reader = await signedInAs(user);
    await reader.goto(activity);
    const row = reader.getByRole("row").filter({ hasText: "Private egress request" }).first();
    if (user === "devon") {
      await expect(row).toContainText(
        "Prepared a private-egress request; its endpoint and private networks are shown only to the org's managers and auditors and to platform admins.",
      );
      await expect(reader.getByText("52.20.30.41")).toHaveCount(0);
      await expect(reader.getByText("172.20.0.0/16")).toHaveCount(0);
    } else {
      await expect(row, user).toContainText(detailed);
    }
    // The CSV follows the page.
    const csv = await (
      await (await requestAs(user)).get(`/orgs/${ids.orgs.alpha}/activity.csv?kind=request`)
    ).text();
    if (user === "devon") {
      expect(csv).toContain(
        "Prepared a private-egress request; its endpoint and private networks are shown only",
      );
      expect(csv).not.toContain("52.20.30.41");
      expect(csv).not.toContain("172.20.0.0/16");
    } else {
      expect(csv, user).toMatch(detailed);
    }
  }
});
