import { expect, test } from "./support/fixtures";
import { ids } from "../sim/seed";
import { signIn } from "./support/auth";
import { resetSim, seenAccessTokens, setFaults } from "./support/sim";

/**
 * The access and refresh tokens stay on the server: not in any cookie the
 * browser holds (as text), not in the HTML, not in the JS, not in the session
 * JSON. The access tokens to look for are the ones the stand-in's CF API
 * received from the dashboard; refresh tokens are found by UAA's format.
 */

const REFRESH_TOKEN = /\b[0-9a-f]{32}-r\b/;
const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

test("no token reaches the browser", async ({ page, request }) => {
  await resetSim(request);
  // Short-lived tokens, so the pages below also exercise refreshed tokens.
  await setFaults(request, { access_token_lifetime_seconds: 5 });

  const bodies: { url: string; text: string }[] = [];
  page.on("response", (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (!/html|javascript|json|text\/x-component|text\/plain/.test(type)) return;
    bodies.push({ url: response.url(), text: "" });
    const entry = bodies[bodies.length - 1];
    void response.text().then(
      (text) => {
        if (entry) entry.text = text;
      },
      () => undefined,
    );
  });

  await signIn(page, "olivia");
  for (const path of ["/orgs", `/orgs/${ids.orgs.alpha}`, "/security-groups", "/orgs"]) {
    await page.goto(path);
    await page.waitForTimeout(300);
  }
  await page.waitForTimeout(6_000);
  await page.reload();
  await page.waitForTimeout(300);
  const session = await page.request.get("/api/auth/session");
  bodies.push({ url: "/api/auth/session", text: await session.text() });

  const tokens = (await seenAccessTokens(request))[ids.users.olivia] ?? [];
  expect(tokens.length, "the dashboard called CF with olivia's tokens").toBeGreaterThan(1);

  const cookies = await page.context().cookies();
  const cookieText = cookies.map((c) => `${c.name}=${c.value}`).join("\n");
  const texts = [
    ...bodies.map((b) => ({ where: b.url, text: b.text })),
    { where: "cookies", text: cookieText },
  ];
  expect(texts.filter((t) => t.text.length > 0).length).toBeGreaterThan(5);

  for (const { where, text } of texts) {
    for (const token of tokens) expect(text.includes(token), `access token in ${where}`).toBe(false);
    expect(REFRESH_TOKEN.test(text), `refresh token in ${where}`).toBe(false);
    expect(JWT.test(text), `a JWT in ${where}`).toBe(false);
    expect(/accessToken|refreshToken|access_token|refresh_token/.test(text), `token field in ${where}`).toBe(
      false,
    );
  }

  // The session cookie holds the tokens only encrypted, and scripts cannot read it.
  const sessionCookie = cookies.find((c) => c.name === "authjs.session-token");
  expect(sessionCookie?.httpOnly).toBe(true);
  expect(sessionCookie?.sameSite).toBe("Lax");
  expect(await page.evaluate(() => document.cookie)).not.toContain("authjs.session-token");
  expect(JSON.parse(bodies.at(-1)?.text ?? "{}")).toEqual({
    expires: expect.any(String) as unknown,
    user: { id: ids.users.olivia, name: "olivia", email: "olivia@example.gov", isAdmin: false },
  });
});
