/**
 * A real sign-in without a browser: the dashboard's `/signin` sends the
 * client to the UAA's login form (authorization code with PKCE, state and
 * nonce), the form is filled and posted, and the redirects lead back through
 * the dashboard's callback, which sets the session cookie. Playwright's
 * request context keeps the cookies of both origins and follows redirects.
 */
import { request } from "@playwright/test";

/** Signs a user in and returns the `Cookie` header a browser would send to the dashboard. */
export async function signIn(app: string, username: string, password: string): Promise<string> {
  const context = await request.newContext({ baseURL: app, timeout: 30_000 });
  try {
    const form = await context.get("/signin?callbackUrl=/orgs");
    const html = await form.text();
    const csrf = /name="X-Uaa-Csrf" value="([^"]*)"/.exec(html)?.[1];
    if (!form.ok() || csrf === undefined)
      throw new Error(`sign-in: no UAA login form at ${form.url()} (${form.status()})`);
    const done = await context.post(new URL("/login.do", form.url()).href, {
      form: { username, password, "X-Uaa-Csrf": csrf },
    });
    if (!done.ok() || new URL(done.url()).origin !== new URL(app).origin)
      throw new Error(`sign-in of ${username} ended at ${done.url()} (${done.status()})`);
    const host = new URL(app).hostname;
    const cookies = (await context.storageState()).cookies.filter((c) => c.domain === host);
    if (!cookies.some((c) => c.name.includes("authjs.session-token")))
      throw new Error(`sign-in of ${username}: no session cookie`);
    return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await context.dispose();
  }
}
