import { expect, test } from "./support/fixtures";
import { ids } from "../sim/seed";
import { fillUaaLogin, PASSWORD, signIn } from "./support/auth";
import { clearRequests, loggedRequests, setFaults } from "./support/sim";

/** Sign-in with UAA, sessions, token refresh and sign-out, in a real browser against the stand-in. */

const USERS = ["admin", "olivia", "sam", "devon", "audrey", "bruno", "sasha"];
/** The suite's ports (playwright.config.ts), movable so that two checkouts can run it at once. */
const APP_PORT = process.env.E2E_APP_PORT ?? "3100";
const UAA_PORT = process.env.E2E_UAA_PORT ?? "9123";

for (const username of USERS) {
  test(`${username} signs in through the UAA form and lands on /orgs`, async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "Sign in" }).click();
    // The dashboard goes straight to the UAA's own form: no provider-choice page.
    await expect(page).toHaveURL(new RegExp(`:${UAA_PORT}/login`));
    await fillUaaLogin(page, username);
    await expect(page).toHaveURL(/\/orgs$/);
    await expect(page.getByTestId("signed-in-user")).toHaveText(username);
    await expect(page.getByRole("heading", { level: 1, name: "Organizations" })).toBeVisible();
  });
}

test("sign-in works when the browser uses localhost", async ({ page }) => {
  await signIn(page, "sam", `http://localhost:${APP_PORT}`);
  expect(new URL(page.url()).host).toBe(`localhost:${APP_PORT}`);
});

test("sign-in works when the browser uses 127.0.0.1", async ({ page }) => {
  await signIn(page, "sam", `http://127.0.0.1:${APP_PORT}`);
  expect(new URL(page.url()).host).toBe(`127.0.0.1:${APP_PORT}`);
  await expect(page.getByRole("heading", { level: 1, name: "Organizations" })).toBeVisible();
});

test("a signed-out visit to an org page returns there after sign-in", async ({ page }) => {
  await page.goto(`/orgs/${ids.orgs.alpha}`);
  await fillUaaLogin(page, "olivia");
  await expect(page).toHaveURL(new RegExp(`/orgs/${ids.orgs.alpha}$`));
  await expect(page.getByTestId("signed-in-user")).toHaveText("olivia");
});

test("data routes answer 401 rather than redirecting when signed out", async ({ request }) => {
  const response = await request.get(`/api/orgs/${ids.orgs.alpha}/posture`, { maxRedirects: 0 });
  expect(response.status()).toBe(401);
});

test("a wrong password shows the UAA's error and signs nobody in", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in" }).click();
  await fillUaaLogin(page, "sam", "not-the-password");
  await expect(page.getByRole("alert")).toContainText("Provided credentials are invalid. Please try again.");
  await page.goto("/orgs");
  await expect(page.getByLabel("Username")).toBeVisible();
});

test("sign-out ends the session at the dashboard and at the UAA", async ({ page }) => {
  await signIn(page, "sam");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/");
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain("authjs.session-token");

  // The UAA session is gone too: signing in again asks for the password.
  await page.goto("/orgs");
  await expect(page.getByLabel("Password")).toBeVisible();
});

test("an expired access token is refreshed without the user noticing", async ({ page, request }) => {
  await setFaults(request, { access_token_lifetime_seconds: 5 });
  await signIn(page, "sam");
  await page.waitForTimeout(6_000);
  await clearRequests(request);

  await page.reload();
  await expect(page.getByRole("link", { name: "agency-alpha" })).toBeVisible();
  await expect(page.getByTestId("signed-in-user")).toHaveText("sam");

  // The page's CF requests carried a fresh token of sam's, and CF accepted them.
  const requests = await loggedRequests(request);
  expect(requests.length).toBeGreaterThan(0);
  for (const r of requests) {
    expect(r.user_guid).toBe(ids.users.sam);
    expect(r.status).toBe(200);
  }

  // And again, so the rotated refresh token was stored and works too.
  await page.waitForTimeout(6_000);
  await page.reload();
  await expect(page.getByRole("link", { name: "agency-alpha" })).toBeVisible();
});

test("concurrent requests during a refresh keep the user signed in", async ({ page, request }) => {
  await setFaults(request, { access_token_lifetime_seconds: 5 });
  await signIn(page, "sam");
  await page.waitForTimeout(6_000);
  // Several requests with the same expiring cookie at once: refresh tokens are single-use.
  const responses = await Promise.all(
    Array.from({ length: 5 }, () => page.request.get("/orgs", { maxRedirects: 0 })),
  );
  for (const response of responses) expect(response.status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("signed-in-user")).toHaveText("sam");
});

test("a revoked refresh token leads to sign-in with a clear message, not an error page", async ({
  page,
  request,
}) => {
  await setFaults(request, { access_token_lifetime_seconds: 5 });
  await signIn(page, "sam");
  await setFaults(request, { access_token_lifetime_seconds: 5, revoke_refresh_tokens: ["sam"] });
  await page.waitForTimeout(6_000);

  const response = await page.goto(`/orgs`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("status")).toHaveText("Your session has ended. Sign in again to continue.");
  await page.getByRole("button", { name: "Sign in" }).click();
  // The UAA session still exists, so the UAA signs sam straight back in.
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText("sam");
});

test("the password field is a real password field", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByLabel("Password")).toHaveAttribute("type", "password");
  await fillUaaLogin(page, "devon", PASSWORD);
  await expect(page.getByTestId("signed-in-user")).toHaveText("devon");
});
