import type { APIRequestContext, Browser, Page, Request } from "@playwright/test";
import { MESSAGES, SIGN_IN_NOTICES } from "../lib/failures/messages";
import { ids } from "../sim/seed";
import { OrgMatrixPage } from "./pages/org-matrix-page";
import { fillUaaLogin } from "./support/auth";
import { expect, test, type SeededUser } from "./support/fixtures";
import { added, historyKeys, historyRows } from "./support/history";
import { expectErrorBody, expectPageSays } from "./support/responses";
import {
  callAction,
  callFormAction,
  type ActionCall,
  type ActionName,
  type ServerActions,
} from "./support/server-actions";
import type { Faults, RouteFault, Sim } from "./support/sim";

/**
 * Cloud Foundry failing (docs/design.md §11), beyond the change faults of
 * change-faults.spec.ts: slow, 500, 503 with Retry-After, 429, refused
 * connections, malformed JSON, on every request; then only on the writes.
 * Every page, route handler and server action answers with a clear state in
 * the one failure model's words, nothing unhandled reaches the user, and no
 * change is reported as done unless CF confirmed it. Read at request level
 * with olivia's session (OrgManager of agency-alpha: every page and action is
 * hers to use). Then the UAA: down at sign-in, down when a token must be
 * renewed, and a token that expires in the middle of a change, in a browser.
 */

const { orgs: o, spaces: s, securityGroups: g, isolationSegments: iso } = ids;

/** CF's own 429 (docs/cf-behaviour.md §1.6): a JSON body sent as text/plain, with Retry-After. */
const RATE_LIMITED: RouteFault = {
  path: "/**",
  status: 429,
  headers: { "Retry-After": "1", "X-RateLimit-Remaining": "0" },
  body: JSON.stringify({
    errors: [{ detail: "Rate Limit Exceeded", title: "CF-RateLimitExceeded", code: 10013 }],
  }),
};

const every = (fault: Omit<RouteFault, "path">): Faults => ({ routes: [{ path: "/**", ...fault }] });

type CfFault = {
  name: string;
  faults: Faults;
  /** What pages say (and actions, followed by "Nothing was changed."). */
  message: string;
  /** What route handlers answer. */
  status: number;
  kind: string;
  slow?: boolean;
};

/** CF failing on every request. */
const CF_FAULTS: CfFault[] = [
  {
    name: "CF is slow (5 s, beyond the dashboard's 4 s timeout)",
    faults: { latency_ms: 5_000 },
    message: MESSAGES.cfUnreachable,
    status: 502,
    kind: "unavailable",
    slow: true,
  },
  {
    name: "CF answers 500",
    faults: every({ status: 500 }),
    message: MESSAGES.cfServerError,
    status: 502,
    kind: "unavailable",
  },
  {
    name: "CF answers 503 with Retry-After",
    faults: every({
      status: 503,
      headers: { "Retry-After": "30" },
      body: { errors: [{ detail: "Service Unavailable", title: "CF-ServiceUnavailable", code: 10015 }] },
    }),
    message: MESSAGES.cfServerError,
    status: 502,
    kind: "unavailable",
  },
  {
    name: "CF answers 429 with Retry-After, again after the wait",
    faults: { routes: [RATE_LIMITED] },
    message: MESSAGES.rateLimited,
    status: 429,
    kind: "rate-limited",
  },
  {
    // Nothing is stopped (the stand-in serves the whole suite): every connection is reset instead.
    name: "CF refuses connections (every connection reset)",
    faults: every({ drop: true }),
    message: MESSAGES.cfUnreachable,
    status: 502,
    kind: "unavailable",
  },
  {
    name: "CF answers malformed JSON",
    faults: every({ status: 200, body: '{"pagination": {"total_results": 1}, "resources": [' }),
    message: MESSAGES.cfMalformed,
    status: 502,
    kind: "unavailable",
  },
  {
    name: "CF answers JSON of another shape",
    faults: every({ status: 200, body: { resources: "none", guid: 7 } }),
    message: MESSAGES.cfMalformed,
    status: 502,
    kind: "unavailable",
  },
];

/** Every page, and what its failure says it could not load. `/` leads a signed-in user to /orgs. */
const PAGES: { path: string; what: string }[] = [
  { path: "/", what: "your organizations" },
  { path: "/orgs", what: "your organizations" },
  { path: `/orgs/${o.alpha}`, what: "this organization's egress" },
  { path: `/orgs/${o.alpha}/spaces/${s.alphaDev}`, what: "this space's egress" },
  { path: `/orgs/${o.alpha}/activity`, what: "this organization's activity" },
  { path: "/security-groups", what: "the security groups" },
  { path: `/security-groups/${g.public}`, what: "this security group" },
  { path: "/private-egress", what: "your orgs" },
  { path: `/orgs/${o.alpha}/policy`, what: "this organization's policy" },
];

const ROUTES: string[] = [
  `/api/orgs/${o.alpha}/posture`,
  `/api/orgs/${o.alpha}/matrix`,
  `/api/orgs/${o.alpha}/spaces/${s.alphaDev}/preview?lifecycle=running&action=bind&profile=public`,
  `/orgs/${o.alpha}/posture.csv`,
  `/orgs/${o.alpha}/activity.csv`,
  `/api/orgs/${o.alpha}/policy`,
  `/api/orgs/${o.alpha}/policy/plan`,
];

/** A policy that sandbox (public egress) violates. */
const SANDBOX_CLOSED = {
  version: 1,
  rules: [{ spaces: "sandbox", require: { posture: "closed" } }],
  default: null,
};

/** One call of each action that olivia may make, each of which would change CF or the history. */
const ACTIONS: { name: ActionName; args: Record<string, unknown> }[] = [
  {
    name: "changeProfile",
    args: {
      orgGuid: o.alpha,
      spaceGuid: s.alphaDev,
      profileId: "public",
      lifecycle: "running",
      enabled: true,
    },
  },
  {
    name: "bindProfileToSpaces",
    args: {
      orgGuid: o.alpha,
      spaceGuids: [s.alphaDev, s.alphaSandbox],
      profileId: "trusted-local",
      lifecycle: "running",
    },
  },
  {
    name: "changeGroup",
    args: {
      orgGuid: o.alpha,
      spaceGuid: s.alphaDev,
      groupGuid: g.public,
      lifecycle: "running",
      action: "bind",
    },
  },
  {
    name: "assignSegment",
    args: { orgGuid: o.alpha, spaceGuid: s.alphaStaging, segmentGuid: iso.alphaDedicated },
  },
  {
    name: "requestPrivateEgress",
    args: {
      orgGuid: o.alpha,
      endpointIp: "52.20.30.40",
      privateCidrs: "10.20.0.0/16",
      endpointType: "checkpoint",
      endpointOther: "",
      appCount: "3",
    },
  },
  {
    name: "bringIntoPolicy",
    args: { orgGuid: o.alpha, revision: 0, spaces: [{ guid: s.alphaSandbox, ops: [`unbind:${g.public}`] }] },
  },
  {
    name: "savePolicy",
    args: { orgGuid: o.alpha, revision: "0", policy: JSON.stringify(SANDBOX_CLOSED) },
  },
];

function call(
  request: APIRequestContext,
  actions: ServerActions,
  name: ActionName,
  args: Record<string, unknown>,
): Promise<ActionCall> {
  return name === "requestPrivateEgress" || name === "savePolicy"
    ? callFormAction(request, actions[name], args as Record<string, string>)
    : callAction(request, actions[name], args);
}

for (const fault of CF_FAULTS) {
  test(`${fault.name}: every page, route and action says so, and nothing changes`, async ({
    requestAs,
    serverActions,
    sim,
  }) => {
    test.slow(fault.slow === true);
    const [olivia, admin] = [await requestAs("olivia"), await requestAs("admin")];
    const before = { cf: await sim.state(), history: await historyKeys(admin) };

    await sim.faults(fault.faults);
    const [pages, routes, actions] = await Promise.all([
      Promise.all(PAGES.map((p) => olivia.get(p.path))),
      Promise.all([
        ...ROUTES.map((path) => olivia.get(path)),
        olivia.put(`/api/orgs/${o.alpha}/policy`, { data: SANDBOX_CLOSED }),
      ]),
      Promise.all(ACTIONS.map((a) => call(olivia, serverActions, a.name, a.args))),
    ]);

    for (const [i, page] of PAGES.entries()) {
      const response = pages[i];
      if (!response) throw new Error(`no response for ${page.path}`);
      await expectPageSays(response, `Could not load ${page.what}`, fault.message);
    }
    for (const response of routes)
      await expectErrorBody(response, {
        status: fault.status,
        kind: fault.kind,
        message: new RegExp(`^${escape(fault.message)}`),
      });
    for (const [i, action] of ACTIONS.entries()) {
      const answer = actions[i];
      expect(answer?.status, action.name).toBe(200);
      expect(answer?.result, `${action.name}: ${answer?.text.slice(0, 300) ?? ""}`).toMatchObject({
        ok: false,
        kind: fault.kind,
        message: `${fault.message} Nothing was changed.`,
      });
    }

    await sim.faults({});
    expect(await sim.state()).toEqual(before.cf);
    expect(await historyKeys(admin)).toEqual(before.history);
  });
}

/** The writes fail; the reads before them work. */
const writesFail = (fault: Omit<RouteFault, "path" | "method">): Faults => ({
  routes: ["POST", "DELETE", "PATCH"].map((method) => ({ method, path: "/v3/**", ...fault })),
});

type WriteFault = {
  name: string;
  faults: Faults;
  kind: string;
  message: string;
  /** CF makes the change after the dashboard stopped waiting. */
  landsLate?: boolean;
};

/** CF failing on the writes only (change-faults.spec.ts has 500, drop and slow binds in the UI). */
const WRITE_FAULTS: WriteFault[] = [
  {
    name: "CF answers a write 503 with Retry-After",
    faults: writesFail({ status: 503, headers: { "Retry-After": "30" } }),
    kind: "unconfirmed",
    message: MESSAGES.unconfirmed,
  },
  {
    // CF refuses a rate-limited request before doing anything, so the outcome is known: refused.
    name: "CF answers a write 429 with Retry-After, again after the wait",
    faults: writesFail({ status: 429, headers: RATE_LIMITED.headers, body: RATE_LIMITED.body }),
    kind: "rate-limited",
    message: MESSAGES.rateLimited,
  },
  {
    name: "CF resets a write's connection",
    faults: writesFail({ drop: true }),
    kind: "unconfirmed",
    message: MESSAGES.unconfirmed,
  },
  {
    name: "CF answers a write with malformed JSON",
    faults: writesFail({ status: 200, body: '{"data": [{"guid": ' }),
    kind: "unconfirmed",
    message: MESSAGES.unconfirmed,
  },
  {
    name: "CF takes 5 s over a write, beyond the dashboard's wait, then makes it",
    faults: writesFail({ delay_ms: 5_000, passthrough: true }),
    kind: "unconfirmed",
    message: MESSAGES.unconfirmed,
    landsLate: true,
  },
];

/** Every kind of write, each on its own space and group; `entries`: history entries it leaves. */
const WRITES: { name: ActionName; what: string; args: Record<string, unknown>; entries: number }[] = [
  {
    name: "changeProfile",
    what: "a bind",
    args: {
      orgGuid: o.alpha,
      spaceGuid: s.alphaDev,
      profileId: "public",
      lifecycle: "running",
      enabled: true,
    },
    entries: 1,
  },
  {
    name: "changeProfile",
    what: "an unbind",
    args: {
      orgGuid: o.alpha,
      spaceGuid: s.alphaStaging,
      profileId: "trusted-local",
      lifecycle: "running",
      enabled: false,
    },
    entries: 1,
  },
  {
    name: "bindProfileToSpaces",
    what: "a bind of many spaces",
    args: {
      orgGuid: o.alpha,
      spaceGuids: [s.alphaDev, s.alphaSandbox],
      profileId: "trusted-local",
      lifecycle: "running",
    },
    entries: 2,
  },
  {
    name: "changeGroup",
    what: "an unbind of a group",
    args: {
      orgGuid: o.alpha,
      spaceGuid: s.alphaProd,
      groupGuid: g.public,
      lifecycle: "running",
      action: "unbind",
    },
    entries: 1,
  },
  {
    name: "assignSegment",
    what: "a move back to shared hosts",
    args: { orgGuid: o.alpha, spaceGuid: s.alphaProd, segmentGuid: null },
    entries: 1,
  },
];

for (const fault of WRITE_FAULTS) {
  test(`${fault.name}: no write is reported as done, and the history says what is known`, async ({
    requestAs,
    serverActions,
    sim,
  }) => {
    test.slow(fault.landsLate === true);
    const [olivia, admin] = [await requestAs("olivia"), await requestAs("admin")];
    const before = { cf: await sim.state(), history: await historyRows(admin) };

    await sim.faults(fault.faults);
    const answers = await Promise.all(WRITES.map((w) => call(olivia, serverActions, w.name, w.args)));
    for (const [i, write] of WRITES.entries()) {
      expect(answers[i]?.result, `${write.what}: ${answers[i]?.text.slice(0, 300) ?? ""}`).toEqual({
        ok: false,
        kind: fault.kind,
        message: fault.message,
      });
    }

    // Every write was recorded with what is known of it: refused, or outcome unknown; never done.
    const entries = added(before.history, await historyRows(admin));
    expect(entries).toHaveLength(WRITES.reduce((n, w) => n + w.entries, 0));
    for (const entry of entries) {
      expect(entry.what).toMatch(fault.kind === "unconfirmed" ? /: outcome unknown$/ : /: failed: /);
      expect(entry.kind).toBe(fault.kind === "unconfirmed" ? "change" : "failure");
    }

    await sim.faults({});
    if (!fault.landsLate) {
      expect(await sim.state()).toEqual(before.cf);
      return;
    }
    // CF went on after the dashboard stopped waiting: its own state is the truth.
    await expect.poll(async () => (await sim.state()).segments[s.alphaProd], { timeout: 10_000 }).toBeNull();
    const after = await sim.state();
    expect(after.groups["public_networks_egress running"]).toEqual([s.alphaDev, s.alphaSandbox].sort());
    expect(after.groups["trusted_local_networks_egress running"]).toEqual(
      [s.alphaDev, s.alphaProd, s.alphaSandbox, s.betaProd].sort(),
    );
  });
}

test("a 429 whose Retry-After is short is waited out, and the page loads", async ({ requestAs, sim }) => {
  const olivia = await requestAs("olivia");
  await sim.faults({
    routes: [{ ...RATE_LIMITED, method: "GET", path: "/v3/security_groups", times: 1 }],
  });
  await sim.clearRequests();
  await expectPageSays(await olivia.get(`/orgs/${o.alpha}`), "Egress of the spaces in agency-alpha");
  const lists = (await sim.requests()).filter((r) => r.path.startsWith("/v3/security_groups?"));
  expect(lists.map((r) => r.status)).toEqual([429, 200]);
  const [refused, retried] = lists;
  expect((retried?.started_at ?? 0) - (refused?.ended_at ?? 0)).toBeGreaterThanOrEqual(950);
});

/* ---- The UAA ---- */

const UAA_UNAVAILABLE = SIGN_IN_NOTICES.Configuration ?? "";

/** A new browser context signed in through the form, so its tokens have the lifetime the test set. */
async function freshSignIn(browser: Browser, baseURL: string | undefined, user: SeededUser): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in" }).click();
  await fillUaaLogin(page, user);
  await expect(page.getByTestId("signed-in-user")).toHaveText(user);
  return page;
}

/** Waits until the user's newest token is this many seconds old (by its `iat`). */
async function untilTokenAge(sim: Sim, user: string, seconds: number): Promise<{ iat: number; exp: number }> {
  const token = await sim.newestToken(user);
  const wait = (token.iat + seconds) * 1000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return token;
}

/** The landing page says sign-in is unavailable, and stays there: no loop back to the page. */
async function expectSignInUnavailable(page: Page): Promise<void> {
  await expect(page.getByRole("status")).toHaveText(UAA_UNAVAILABLE);
  const url = page.url();
  const loads: string[] = [];
  const onRequest = (request: Request) => {
    if (request.isNavigationRequest() || request.headers()["rsc"]) loads.push(request.url());
  };
  page.on("request", onRequest);
  await page.waitForTimeout(1_500);
  page.off("request", onRequest);
  expect(loads).toEqual([]);
  expect(page.url()).toBe(url);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}

test.describe("the UAA", () => {
  for (const [how, down] of [
    ["answers 503", true],
    ["resets connections", { drop: true }],
  ] as const) {
    test(`is down at sign-in (${how}): the landing page says sign-in is unavailable`, async ({
      page,
      sim,
    }) => {
      await sim.faults({ uaa_down: down });
      await page.goto("/");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expectSignInUnavailable(page);
      // A signed-out visit to a page goes to sign-in, and ends with the same words.
      const response = await page.goto(`/orgs/${o.alpha}`);
      expect(response?.status()).toBe(200);
      await expectSignInUnavailable(page);
      expect(await page.context().cookies()).not.toContainEqual(
        expect.objectContaining({ name: "authjs.session-token" }),
      );
    });
  }

  test("fails while sign-in finishes (the code for a token): the same words, and no session", async ({
    page,
    sim,
  }) => {
    await page.goto("/orgs");
    await expect(page.getByLabel("Username")).toBeVisible();
    await sim.faults({ uaa_down: { paths: ["/oauth/token"] } });
    await fillUaaLogin(page, "sam");
    await expectSignInUnavailable(page);
    expect(await page.context().cookies()).not.toContainEqual(
      expect.objectContaining({ name: "authjs.session-token" }),
    );
    // Back: the UAA's own session signs sam in without the form.
    await sim.faults({});
    await page.goto("/orgs");
    await expect(page.getByTestId("signed-in-user")).toHaveText("sam");
  });

  test("is down when a token must be renewed: the old token serves while it lasts, then a clear message", async ({
    browser,
    baseURL,
    serverActions,
    sim,
  }) => {
    test.slow();
    const LIFETIME = 20; // renewed in its last 10 s (lib/auth/refresh.ts: half of a short life)
    await sim.faults({ access_token_lifetime_seconds: LIFETIME });
    const page = await freshSignIn(browser, baseURL, "sam");
    const before = await sim.state();
    await sim.faults({ access_token_lifetime_seconds: LIFETIME, uaa_down: true });

    // Renewal is due, and the UAA is away: pages, routes and changes go on with the current token.
    const token = await untilTokenAge(sim, ids.users.sam, LIFETIME / 2 + 1);
    const matrix = await new OrgMatrixPage(page).goto(o.alpha);
    await (await matrix.flip("Public egress", "dev")).confirm();
    await expect(matrix.success("Public egress is now on for dev.")).toBeVisible();
    expect((await page.request.get(`/api/orgs/${o.alpha}/posture`)).status()).toBe(200);
    expect(Date.now() / 1000).toBeLessThan(token.exp);

    // Expired, and still no UAA: sign-in is unavailable, said once; data routes and actions say sign in.
    await untilTokenAge(sim, ids.users.sam, LIFETIME + 1);
    await sim.clearRequests();
    await page.goto(`/orgs/${o.alpha}`);
    await expectSignInUnavailable(page);
    await expectErrorBody(await page.request.get(`/api/orgs/${o.alpha}/posture`), {
      status: 401,
      kind: "sign-in",
      message: MESSAGES.signIn,
    });
    const change = await callAction(page.request, serverActions.changeProfile, {
      orgGuid: o.alpha,
      spaceGuid: s.alphaDev,
      profileId: "public",
      lifecycle: "running",
      enabled: false,
    });
    expect(change.result).toMatchObject({ ok: false, kind: "sign-in", message: MESSAGES.signIn });
    expect((await sim.requests()).length).toBeLessThan(20);
    expect((await sim.writes()).length).toBe(0);

    // The UAA is back: the session is renewed on the next request, without signing in again.
    await sim.faults({});
    await new OrgMatrixPage(page).goto(o.alpha);
    await expect(page.getByTestId("signed-in-user")).toHaveText("sam");
    expect((await sim.state()).groups).toEqual({
      ...before.groups,
      "public_networks_egress running": [
        ...(before.groups["public_networks_egress running"] ?? []),
        s.alphaDev,
      ].sort(),
    });
    await page.context().close();
  });

  test("a token that expires in the middle of a change: CF refuses the write, and it is not reported as done", async ({
    browser,
    baseURL,
    sim,
  }) => {
    test.slow();
    // The token is renewed in its last 7 s; the change starts before that and takes about 11 s.
    const LIFETIME = 14;
    await sim.faults({ access_token_lifetime_seconds: LIFETIME });
    const page = await freshSignIn(browser, baseURL, "sam");
    const matrix = await new OrgMatrixPage(page).goto(o.alpha);
    await (await matrix.flip("Public egress", "dev")).expectPreviewReady();

    const token = await untilTokenAge(sim, ids.users.sam, 4.6);
    expect(Date.now() / 1000, "the change must start before the token is due for renewal").toBeLessThan(
      token.iat + 6,
    );
    await sim.faults({
      access_token_lifetime_seconds: LIFETIME,
      routes: [
        // The space read fails twice, slowly (the client retries a 503): about 7.6 s with a valid token.
        { method: "GET", path: "/v3/spaces/*", status: 503, delay_ms: 3_500, times: 2 },
        // The write reaches CF 3.5 s later still, after the token has expired.
        {
          method: "POST",
          path: "/v3/security_groups/*/relationships/running_spaces",
          delay_ms: 3_500,
          passthrough: true,
        },
      ],
    });
    await sim.clearRequests();
    await matrix.dialog.confirm();

    await expect(matrix.failure(MESSAGES.signIn)).toBeVisible({ timeout: 20_000 });
    await expect(matrix.switch("Public egress", "dev")).toBeEnabled();
    await expect(matrix.switch("Public egress", "dev")).not.toBeChecked();
    await expect(matrix.success("now on")).toHaveCount(0);
    const writes = await sim.writes();
    expect(writes.map((w) => w.status)).toEqual([401]);
    expect(writes[0]?.ended_at ?? 0).toBeGreaterThan(token.exp * 1000);
    expect(await sim.boundSpaces(g.public)).not.toContain(s.alphaDev);
    await page.context().close();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
