import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { fillUaaLogin } from "./auth";
import { Sim } from "./sim";

/**
 * The fixtures of every spec, in the manner of vercel/ai-chatbot's tests:
 * - `sim`: the stand-in's test routes (reset before each test, faults,
 *   the request log, CF calls as a user);
 * - `signedInAs(user)`: a page already signed in as a seeded user. Each user
 *   signs in through the real UAA form once per run; later tests reuse the
 *   stored session (its cookies), so most tests skip the form. Specs that
 *   test sign-in itself drive the form directly.
 */

export type SeededUser = "admin" | "olivia" | "sam" | "devon" | "audrey" | "bruno" | "sasha";

type StoredSession = Awaited<ReturnType<BrowserContext["storageState"]>>;

async function signInThroughForm(
  browser: Browser,
  baseURL: string,
  user: SeededUser,
): Promise<StoredSession> {
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("button", { name: "Sign in" }).click();
    await fillUaaLogin(page, user);
    await expect(page.getByTestId("signed-in-user")).toHaveText(user);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

type TestFixtures = {
  sim: Sim;
  signedInAs: (user: SeededUser) => Promise<Page>;
};
type WorkerFixtures = { sessions: Map<SeededUser, StoredSession> };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  sessions: [
    async ({}, use) => {
      await use(new Map());
    },
    { scope: "worker" },
  ],

  // Automatic: every test starts from the seeded world, whether or not it uses the fixture.
  sim: [
    async ({ request }, use) => {
      const sim = new Sim(request);
      await sim.reset();
      await use(sim);
    },
    { auto: true },
  ],

  signedInAs: async ({ browser, page, sessions, baseURL }, use) => {
    const origin = baseURL ?? "http://localhost:3100";
    await use(async (user) => {
      let stored = sessions.get(user);
      if (!stored) {
        stored = await signInThroughForm(browser, origin, user);
        sessions.set(user, stored);
      }
      // The dashboard's session and the UAA's own, as after a real sign-in.
      await page.context().addCookies(stored.cookies);
      return page;
    });
  },
});

export { expect };
