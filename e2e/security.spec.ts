import { ids } from "../sim/seed";
import { OrgMatrixPage } from "./pages/org-matrix-page";
import { SpacePage } from "./pages/space-page";
import { signIn } from "./support/auth";
import { expect, test } from "./support/fixtures";
import { SIM_URL, seenAccessTokens } from "./support/sim";

/**
 * The security budget of docs/design.md §8, from the outside: the CSP of every
 * page, the cookies (in the demo configuration the suite runs; in production
 * in e2e/deploy/production.spec.ts, which has the PostgreSQL production
 * requires), tokens in nothing the browser receives (beyond
 * token-leak.spec.ts: headers, server-action answers, exports, previews),
 * server actions refusing another origin, and no `/__sim` route on the
 * dashboard. landing.spec.ts checks the landing page's CSP and headers.
 */

const { orgs: o, spaces: s, securityGroups: g, users: u } = ids;

const REFRESH_TOKEN = /\b[0-9a-f]{32}-r\b/;
const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

test("signed-in pages carry a strict CSP with a fresh nonce, and run under it", async ({ signedInAs }) => {
  const page = await signedInAs("olivia");
  const paths = ["/orgs", `/orgs/${o.alpha}`, `/orgs/${o.alpha}/spaces/${s.alphaDev}`, "/security-groups"];
  const nonces = new Set<string>();
  for (const path of paths) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const csp = response.headers()["content-security-policy"] ?? "";
    const directives = new Map(
      csp.split(";").map((d) => {
        const [name = "", ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    const scriptSrc = directives.get("script-src") ?? [];
    const nonce = scriptSrc.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce, `${path}: script-src carries a nonce`).toBeTruthy();
    expect(scriptSrc).toContain("'strict-dynamic'");
    // No directive that governs scripts allows inline code or eval.
    for (const [name, values] of directives) {
      if (!name.startsWith("script-src")) continue;
      expect(values, `${path}: ${name}`).not.toContain("'unsafe-inline'");
      expect(values, `${path}: ${name}`).not.toContain("'unsafe-eval'");
    }
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'self'"]);

    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    nonces.add(nonce ?? "");
  }
  expect(nonces.size, "a new nonce for every response").toBe(paths.length);

  // The pages hydrate and work under that policy: nothing is refused.
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  await expect(matrix.switch("Public egress", "dev")).toBeEnabled();
  await new SpacePage(page).goto(o.alpha, s.alphaDev);
  await expect(page.getByRole("switch", { name: "Public egress", exact: true })).toBeEnabled();
  expect(violations).toEqual([]);
});

test("every cookie the dashboard sets is HttpOnly and SameSite, and scripts read none", async ({
  browser,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? "http://localhost:3100").origin;
  const context = await browser.newContext({ baseURL: origin });
  try {
    const page = await context.newPage();
    const setCookies: { url: string; value: string }[] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).origin !== origin) return;
      void response.headersArray().then(
        (headers) => {
          for (const h of headers)
            if (h.name.toLowerCase() === "set-cookie")
              setCookies.push({ url: response.url(), value: h.value });
        },
        () => undefined,
      );
    });
    // Sign-in sets the PKCE, state, nonce, CSRF and callback cookies, then the session.
    await signIn(page, "sam");
    await page.goto(`/orgs/${o.alpha}`);
    await expect(page.getByRole("table", { name: /Egress of the spaces/ })).toBeVisible();

    expect(setCookies.some((c) => c.value.startsWith("authjs.session-token"))).toBe(true);
    for (const { url, value } of setCookies) {
      const attributes = value.split(";").map((a) => a.trim().toLowerCase());
      expect(attributes, `${value.split("=")[0]} from ${url}`).toContain("httponly");
      expect(
        attributes.some((a) => a === "samesite=lax" || a === "samesite=strict"),
        `${value.split("=")[0]} from ${url}: SameSite`,
      ).toBe(true);
    }
    const ours = (await context.cookies()).filter((c) => c.domain === new URL(origin).hostname);
    expect(ours.map((c) => c.name)).toContain("authjs.session-token");
    for (const cookie of ours) {
      expect(cookie.httpOnly, cookie.name).toBe(true);
      expect(["Lax", "Strict"], cookie.name).toContain(cookie.sameSite);
    }
    expect(await page.evaluate(() => document.cookie)).toBe("");
  } finally {
    await context.close();
  }
});

test("no token in any header, server-action answer, export or preview the browser receives", async ({
  signedInAs,
  request,
}) => {
  const page = await signedInAs("sam");
  const received: { where: string; text: string }[] = [];
  const reads: Promise<void>[] = [];
  page.on("response", (response) => {
    const where = `${response.request().method()} ${response.url()}`;
    reads.push(
      (async () => {
        const headers = await response.headersArray();
        received.push({
          where: `${where} (headers)`,
          text: headers.map((h) => `${h.name}: ${h.value}`).join("\n"),
        });
        const type = response.headers()["content-type"] ?? "";
        if (/html|javascript|json|text\//.test(type)) received.push({ where, text: await response.text() });
      })().catch(() => undefined),
    );
  });

  // A change through a server action and back, with its preview.
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);
  let dialog = await matrix.flip("Public egress", "dev");
  await dialog.expectPreviewReady();
  await dialog.confirmAndWaitForAction();
  await expect(matrix.success("Public egress is now on for dev.")).toBeVisible();
  dialog = await matrix.flip("Public egress", "dev");
  await dialog.expectPreviewReady();
  await dialog.confirmAndWaitForAction();
  await expect(matrix.success("Public egress is now off for dev.")).toBeVisible();
  await new SpacePage(page).goto(o.alpha, s.alphaDev);
  for (const path of [`/api/orgs/${o.alpha}/posture`, `/orgs/${o.alpha}/posture.csv`]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    received.push({
      where: `GET ${path} (headers)`,
      text: Object.entries(response.headers())
        .map(([k, v]) => `${k}: ${v}`)
        .join("\n"),
    });
    received.push({ where: `GET ${path}`, text: await response.text() });
  }
  await Promise.all(reads);

  const tokens = (await seenAccessTokens(request))[u.sam] ?? [];
  expect(tokens.length, "the dashboard called CF with sam's tokens").toBeGreaterThan(0);
  expect(
    received.some((r) => r.where.startsWith("POST") && r.text.length > 0),
    "server-action answers",
  ).toBe(true);
  expect(
    received.some((r) => r.where.includes("/preview")),
    "preview answers",
  ).toBe(true);
  for (const { where, text } of received) {
    for (const token of tokens) expect(text.includes(token), `access token in ${where}`).toBe(false);
    expect(REFRESH_TOKEN.test(text), `refresh token in ${where}`).toBe(false);
    expect(JWT.test(text), `a JWT in ${where}`).toBe(false);
  }
});

test("a server action posted from another origin is refused and changes nothing", async ({
  signedInAs,
  sim,
}) => {
  const page = await signedInAs("sam");
  const matrix = await new OrgMatrixPage(page).goto(o.alpha);

  // The request the page would send to turn public egress on for dev, held back.
  let captured: { url: string; headers: Record<string, string>; body: string } | undefined;
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.fallback();
    captured ??= { url: request.url(), headers: await request.allHeaders(), body: request.postData() ?? "" };
    return route.abort();
  });
  const dialog = await matrix.flip("Public egress", "dev");
  await dialog.expectPreviewReady();
  await dialog.confirm();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  const action = captured as NonNullable<typeof captured>;
  const replay = (origin: string) => {
    const headers: Record<string, string> = { origin };
    for (const name of ["next-action", "next-router-state-tree", "content-type", "accept"])
      if (action.headers[name]) headers[name] = action.headers[name];
    return page.request.post(action.url, { headers, data: action.body, maxRedirects: 0 });
  };

  await sim.clearRequests();
  const own = new URL(action.url);
  for (const origin of [
    "https://attacker.example",
    "null", // a sandboxed frame or a data: URL
    `${own.protocol}//${own.hostname}.attacker.example:${own.port}`, // a lookalike host
  ]) {
    const forged = await replay(origin);
    expect(forged.status(), `Origin: ${origin}`).toBe(500);
    expect(await sim.writes(), `Origin: ${origin}`).toEqual([]);
  }
  expect(await sim.boundSpaces(g.public)).not.toContain(s.alphaDev);

  // The same request from the dashboard's own origin goes through: the origin alone made the difference.
  const genuine = await replay(own.origin);
  expect(genuine.status()).toBe(200);
  expect(await sim.boundSpaces(g.public)).toContain(s.alphaDev);
  expect((await sim.writes()).map((w) => w.user_guid)).toEqual([u.sam]);
});

test("the stand-in's /__sim routes do not exist on the dashboard", async ({ signedInAs, request }) => {
  const page = await signedInAs("admin");
  const routes = [
    ["GET", "/__sim/requests"],
    ["DELETE", "/__sim/requests"],
    ["GET", "/__sim/tokens"],
    ["GET", "/__sim/faults"],
    ["POST", "/__sim/faults"],
    ["DELETE", "/__sim/faults"],
    ["POST", "/__sim/reset"],
    ["POST", "/__sim/world"],
  ] as const;
  for (const [method, path] of routes) {
    // Signed in: nothing there. Signed out: sent to sign in, never answered.
    const signedIn = await page.request.fetch(path, {
      method,
      data: method === "POST" ? { latency_ms: 5000, org_sizes: [5000] } : undefined,
      maxRedirects: 0,
    });
    expect(signedIn.status(), `${method} ${path}, signed in`).toBe(404);
    const text = await signedIn.text();
    expect(text, `${method} ${path}`).not.toMatch(/"requests"|"access_tokens"|"latency_ms"/);
    const signedOut = await request.fetch(path, { method, maxRedirects: 0 });
    expect(signedOut.status(), `${method} ${path}, signed out`).not.toBe(200);
    expect(signedOut.status(), `${method} ${path}, signed out`).toBeLessThan(500);
  }
  // None of it reached the stand-in.
  const faults = (await (await request.get(`${SIM_URL}/__sim/faults`)).json()) as { latency_ms: number };
  expect(faults.latency_ms).toBe(0);
});
