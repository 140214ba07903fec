import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { exited, startProcess, stopProcess, waitFor } from "../../scripts/lib/processes";
import { fillUaaLogin } from "../support/auth";
import { expect, test } from "../support/fixtures";
import { DATABASE_URL } from "./support/deploy";
import { tlsFront } from "./support/tls-front";

/**
 * The session cookies of a production start (DEPLOY_ENV=production and all it
 * requires: an https CF API, PostgreSQL, the shared keys). The CF API is the
 * stand-in behind an https front on loopback, trusted through
 * NODE_EXTRA_CA_CERTS as a platform's own CA would be. Signed in on
 * http://localhost, which browsers treat as a secure context: cookies marked
 * Secure are kept there.
 */

const PORT = 3612;
const SIM_URL = process.env.E2E_SIM_URL ?? "";

test("in production the session cookie is Secure and __Secure- prefixed, also when renewed", async ({
  browser,
  sim,
}) => {
  test.setTimeout(120_000);
  const origin = `http://localhost:${PORT}`;
  const dir = test.info().outputDir;
  mkdirSync(dir, { recursive: true });
  const front = await tlsFront(SIM_URL, dir);
  const server = startProcess("node", [path.resolve("dist", "start.cjs")], {
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DEPLOY_ENV: "production",
      CF_API_URL: front.url,
      NODE_EXTRA_CA_CERTS: front.caFile,
      UAA_CLIENT_ID: "egress-dashboard",
      UAA_CLIENT_SECRET: process.env.E2E_CLIENT_SECRET,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      DATABASE_URL,
      SUPPORT_EMAIL: "support@example.gov",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const context = await browser.newContext();
  try {
    // A configuration production refuses stops the server at once: say so, rather than wait a minute.
    await Promise.race([
      waitFor(`http://127.0.0.1:${PORT}/api/health`, 60_000),
      exited(server).then((code) => {
        throw new Error(`the production server exited (code ${code}); its error is above`);
      }),
    ]);
    // Access tokens of 8 s, so the proxy renews the session (and sets the cookie again) 4 s in.
    await sim.faults({ access_token_lifetime_seconds: 8 });

    const page = await context.newPage();
    await page.goto(`${origin}/signin?callbackUrl=/orgs`);
    await fillUaaLogin(page, "olivia");
    await page.waitForURL(`${origin}/orgs`);

    const ours = (await context.cookies()).filter((c) => c.domain === "localhost");
    const session = ours.find((c) => c.name === "__Secure-authjs.session-token");
    expect(session, `cookies: ${ours.map((c) => c.name).join(", ")}`).toBeTruthy();
    expect(ours.some((c) => c.name === "authjs.session-token")).toBe(false);
    for (const cookie of ours) {
      expect(cookie.secure, cookie.name).toBe(true);
      expect(cookie.httpOnly, cookie.name).toBe(true);
      expect(["Lax", "Strict"], cookie.name).toContain(cookie.sameSite);
    }

    await page.waitForTimeout(4_500);
    const renewed = await page.goto(`${origin}/orgs`);
    expect(renewed?.status()).toBe(200);
    const headers = (await renewed?.headersArray()) ?? [];
    const setSession = headers
      .filter((h) => h.name.toLowerCase() === "set-cookie")
      .map((h) => h.value)
      .filter((v) => v.startsWith("__Secure-authjs.session-token"));
    expect(setSession.length, "the proxy renewed the session").toBeGreaterThan(0);
    for (const value of setSession) {
      const attributes = value.split(";").map((a) => a.trim().toLowerCase());
      expect(attributes).toContain("secure");
      expect(attributes).toContain("httponly");
      expect(attributes).toContain("samesite=lax");
    }
    expect(await renewed?.text()).toContain("agency-alpha");
    expect(renewed?.headers()["strict-transport-security"]).toContain("max-age=");
  } finally {
    await context.close();
    await stopProcess(server);
    await front.close();
    await sim.reset();
  }
});
