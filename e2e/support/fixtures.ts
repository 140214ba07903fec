import {
  test as base,
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import { fillUaaLogin } from "./auth";
import { captureServerActions, type ServerActions } from "./server-actions";
import { Sim } from "./sim";

/**
 * The fixtures of every spec, in the manner of vercel/ai-chatbot's tests:
 * - `sim`: the stand-in's test routes (reset before each test, faults,
 *   the request log, CF calls as a user);
 * - `signedInAs(user)`: a page already signed in as a seeded user. Each user
 *   signs in through the real UAA form once per run; later tests reuse the
 *   stored session (its cookies), so most tests skip the form. Specs that
 *   test sign-in itself drive the form directly.
 * - `requestAs(user)`: an API request context with the same stored session,
 *   for request-level tests that need several users at once.
 * - `serverActions`: every server action's id and page, captured once per
 *   run from the real UI (support/server-actions.ts).
 */

export type SeededUser = "admin" | "olivia" | "sam" | "devon" | "audrey" | "bruno" | "sasha";
/** The seeded global auditor: signs in like the others, but holds no org or space role (kept out of SeededUser's tables). */
export type AnySeededUser = SeededUser | "gale";

type StoredSession = Awaited<ReturnType<BrowserContext["storageState"]>>;

async function signInThroughForm(
  browser: Browser,
  baseURL: string,
  user: AnySeededUser,
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
  signedInAs: (user: AnySeededUser) => Promise<Page>;
  requestAs: (user: AnySeededUser) => Promise<APIRequestContext>;
  serverActions: ServerActions;
};
type WorkerFixtures = {
  sessions: Map<AnySeededUser, StoredSession>;
  capturedActions: { current?: ServerActions };
};

async function storedSession(
  browser: Browser,
  origin: string,
  sessions: Map<AnySeededUser, StoredSession>,
  user: AnySeededUser,
): Promise<StoredSession> {
  let stored = sessions.get(user);
  if (!stored) {
    stored = await signInThroughForm(browser, origin, user);
    sessions.set(user, stored);
  }
  return stored;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  sessions: [
    async ({}, use) => {
      await use(new Map());
    },
    { scope: "worker" },
  ],
  capturedActions: [
    async ({}, use) => {
      await use({});
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
      const stored = await storedSession(browser, origin, sessions, user);
      // The dashboard's session and the UAA's own, as after a real sign-in.
      await page.context().addCookies(stored.cookies);
      return page;
    });
  },

  requestAs: async ({ browser, playwright, sessions, baseURL }, use) => {
    const origin = baseURL ?? "http://localhost:3100";
    const contexts: APIRequestContext[] = [];
    await use(async (user) => {
      const storageState = await storedSession(browser, origin, sessions, user);
      const context = await playwright.request.newContext({ baseURL: origin, storageState });
      contexts.push(context);
      return context;
    });
    for (const context of contexts) await context.dispose();
  },

  serverActions: async ({ browser, sessions, capturedActions, baseURL }, use) => {
    const origin = baseURL ?? "http://localhost:3100";
    capturedActions.current ??= await captureServerActions(
      browser,
      origin,
      await storedSession(browser, origin, sessions, "olivia"),
    );
    await use(capturedActions.current);
  },
});

export { expect };
