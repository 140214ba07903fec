import { expect, type Page } from "@playwright/test";

export const PASSWORD = "demo-password";

/** Fills the UAA's login form, which the dashboard's sign-in leads to. */
export async function fillUaaLogin(page: Page, username: string, password = PASSWORD): Promise<void> {
  await expect(page.getByLabel("Username")).toBeVisible();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in from the landing page through the UAA form, as a person would. */
export async function signIn(page: Page, username: string, origin = ""): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await fillUaaLogin(page, username);
  await expect(page.getByTestId("signed-in-user")).toHaveText(username);
}
