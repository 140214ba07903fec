import { ids } from "../../sim/seed";
import { expect, test } from "../support/fixtures";
import { INSTANCE, signIn } from "./support/deploy";

/**
 * A platform with cf-deployment's default groups (public_networks enabled for
 * running on every space, as GOV.UK PaaS ran), on instance c with
 * platforms/cf-deployment.json, and, as a new user would first try it, on
 * the instances with the built-in (cloud.gov) profiles: no space reads
 * "closed" beside a public web its apps can reach.
 */

const { orgs: o } = ids;
const SIM_URL = process.env.E2E_SIM_URL ?? "";

test.beforeEach(async ({ request }) => {
  expect((await request.post(`${SIM_URL}/__sim/world`, { data: { seed: "cf-deployment" } })).status()).toBe(
    204,
  );
});

for (const [what, origin] of [
  ["the built-in profiles", INSTANCE.a],
  ["platforms/cf-deployment.json", INSTANCE.c],
] as const) {
  test(`with ${what}, every space of agency-alpha is public, platform-wide, and the page says why`, async ({
    page,
  }) => {
    await signIn(page, "olivia", origin);
    await page.goto(`${origin}/orgs/${o.alpha}`);
    await expect(page.getByTestId("platform-note")).toContainText(
      "The platform itself opens public egress for every space: the security group public_networks is enabled for running apps platform-wide.",
    );
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows).toHaveCount(5);
    for (const name of ["dev", "prod", "sandbox", "staging"]) {
      const row = rows.filter({ has: page.getByRole("rowheader", { name }) });
      await expect(row).toContainText("Public (platform-wide)");
      await expect(row).not.toContainText("Closed");
    }
    const json = (await (await page.request.get(`${origin}/api/orgs/${o.alpha}/posture`)).json()) as {
      spaces: { posture: string; running: { destinations: Record<string, string> } }[];
    };
    expect(json.spaces.map((s) => s.posture)).toEqual(["public", "public", "public", "public"]);
    expect(json.spaces.every((s) => s.running.destinations["public-web"] === "allowed")).toBe(true);

    await page.goto(`${origin}/orgs`);
    await expect(page.getByTestId("platform-note")).toContainText("opens public egress for every space");
  });
}
