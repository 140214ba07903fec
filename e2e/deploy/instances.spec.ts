import { ids } from "../../sim/seed";
import { SpacePage } from "../pages/space-page";
import { expect, test } from "../support/fixtures";
import { seenAccessTokens } from "../support/sim";
import { ActivityPage } from "../pages/activity-page";
import { INSTANCE, query, ROUTE, route, signIn } from "./support/deploy";

/**
 * Two instances of the production build behind one route, without session
 * affinity, over one PostgreSQL (docs/design.md §6, issue 13): a session made on
 * one works on the other, a server action rendered by one is accepted by the
 * other, and one session's token renewal holds when both renew at once.
 */

const { orgs: o, spaces: s, securityGroups: g, users: u } = ids;

test.afterEach(async ({ request }) => {
  await route(request, "round-robin");
});

test("signed in on instance a, olivia changes dev's egress on instance b, on a page instance a rendered", async ({
  page,
  request,
  sim,
}) => {
  await route(request, "a");
  await signIn(page, "olivia");
  const space = await new SpacePage(page).goto(o.alpha, s.alphaDev);
  await expect(space.switch("Public egress")).not.toBeChecked();

  // The page came from a; the server action goes to b.
  await route(request, "b");
  const served: string[] = [];
  page.on("response", (response) => {
    if (response.request().headers()["next-action"]) served.push(response.headers()["x-served-by"] ?? "");
  });
  const dialog = await space.flip("Public egress");
  await dialog.expectPreviewReady();
  await dialog.confirm();
  await expect(page.getByText("Public egress is now on for dev.")).toBeVisible();
  expect(served).toContain("b");
  expect(served).not.toContain("a");
  expect(await sim.boundSpaces(g.public)).toContain(s.alphaDev);

  // Each instance, asked directly, sees the same session, the same CF state and the same history entry.
  const entries: string[] = [];
  for (const origin of [INSTANCE.a, INSTANCE.b]) {
    await page.goto(`${origin}/orgs/${o.alpha}/spaces/${s.alphaDev}`);
    await expect(page.getByTestId("signed-in-user")).toHaveText("olivia");
    await expect(page.getByRole("switch", { name: "Public egress", exact: true })).toBeChecked();

    await page.goto(`${origin}/orgs/${o.alpha}/activity?space=${s.alphaDev}`);
    const activity = new ActivityPage(page);
    await expect(activity.table).toBeVisible();
    const [newest] = await activity.rows();
    expect(newest?.slice(1, 5), origin).toEqual(["dev", "olivia", "Change", "Bound public_networks_egress."]);
    entries.push((await activity.table.locator("tbody tr").first().getAttribute("id")) ?? "");
  }
  expect(entries[0]).toMatch(/^entry-\d+$/);
  expect(entries[1]).toBe(entries[0]);
  // One entry in the shared database, whichever instance is asked.
  const rows = await query<{ n: number }>(
    `select count(*)::int as n from history_entries
      where kind = 'change' and user_name = 'olivia' and space_guid = $1 and group_guid = $2 and action = 'bind'`,
    [s.alphaDev, g.public],
  );
  expect(rows[0]?.n).toBe(1);
});

test("with 5 s access tokens, 20 concurrent requests over both instances across each expiry all succeed, spending each refresh token once", async ({
  page,
  request,
  sim,
}) => {
  test.setTimeout(120_000);
  await sim.faults({ access_token_lifetime_seconds: 5 });
  await route(request, "round-robin");
  await signIn(page, "olivia");
  const tokensSeen = async () => (await seenAccessTokens(request))[u.olivia] ?? [];

  // Due (within the renewal margin), expired, due again.
  for (const waitMs of [3_000, 6_000, 3_000]) {
    await page.waitForTimeout(waitMs);
    const before = await tokensSeen();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => page.request.get(`${ROUTE}/api/orgs/${o.alpha}/posture`)),
    );
    expect(responses.map((r) => r.status())).toEqual(Array.from({ length: 20 }, () => 200));
    expect(new Set(responses.map((r) => r.headers()["x-served-by"]))).toEqual(new Set(["a", "b"]));
    for (const response of responses) {
      expect(((await response.json()) as { spaces: unknown[] }).spaces).toHaveLength(4);
    }
    // One renewal for the twenty, whichever instance made it: CF saw one new token, used by every request.
    const fresh = (await tokensSeen()).filter((token) => !before.includes(token));
    expect(fresh).toHaveLength(1);
  }

  await page.goto(`${ROUTE}/orgs`);
  await expect(page.getByTestId("signed-in-user")).toHaveText("olivia");
  await expect(page.getByRole("link", { name: "agency-alpha" })).toBeVisible();
});

test("the router's request id (X-Vcap-Request-Id) is the dashboard's, so their logs line up; anything else is replaced", async ({
  request,
}) => {
  const id = "5f0c9a52-3d2e-4b8a-9c1f-7e6d5b4a3c21";
  const same = await request.get(`${ROUTE}/`, { headers: { "X-Vcap-Request-Id": id } });
  expect(same.headers()["x-request-id"]).toBe(id);
  const forged = await request.get(`${ROUTE}/`, { headers: { "X-Vcap-Request-Id": 'x" {"level":60}' } });
  expect(forged.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});
