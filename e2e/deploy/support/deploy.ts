import { expect, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { fillUaaLogin } from "../../support/auth";

/** What the deployment suite's specs share: the addresses of playwright.deploy.config.ts, and helpers. */

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite with npm run test:deploy`);
  return value;
};

export const ROUTE = need("E2E_ROUTE_URL");
export const INSTANCE = { a: need("E2E_INSTANCE_A"), b: need("E2E_INSTANCE_B"), c: need("E2E_INSTANCE_C") };
export const DATABASE_URL = need("DATABASE_URL");

export type Mode = "a" | "b" | "round-robin";

/** Steers the router: every request to one instance, or round robin. */
export async function route(request: APIRequestContext, mode: Mode): Promise<void> {
  expect((await request.post(`${ROUTE}/__balancer`, { data: { mode } })).status()).toBe(204);
}

/** Signs in through the UAA form at `origin` (the route, or one instance). */
export async function signIn(page: Page, username: string, origin = ROUTE): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await fillUaaLogin(page, username);
  await expect(page.getByTestId("signed-in-user")).toHaveText(username);
}

/** A query against the instances' shared database, behind their backs. */
export async function query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}
