import type { APIRequestContext, APIResponse } from "@playwright/test";
import { MESSAGES, ORG_REFUSALS } from "../lib/failures/messages";
import { ids, seed } from "../sim/seed";
import { expect, test, type SeededUser } from "./support/fixtures";
import { historyKeys } from "./support/history";
import { expectErrorBody, expectPageSays } from "./support/responses";
import {
  callAction,
  callFormAction,
  type ActionCall,
  type ActionName,
  type ServerActions,
} from "./support/server-actions";
import { EMPTY_POLICY, setPolicy } from "./support/policies";
import { tokenFor } from "./support/sim";

/**
 * Who may see and do what (docs/design.md §3, CF's rules): every seeded user, and
 * a visitor with no session, against every route, route handler and server
 * action, with the guids of their own orgs and spaces, of others', of a
 * space under another org, and of nothing at all. The table below is what CF
 * shows and allows each user; the expected outcome of every call follows
 * from it. Actions are called at request level as a forger would (ids
 * captured from the UI, any arguments). After every refused call CF's state,
 * CF's write log and the change history are as before; the allowed calls
 * then succeed, so the table is not vacuous.
 */

const { orgs: o, spaces: s, securityGroups: g, isolationSegments: iso } = ids;

type OrgKey = keyof typeof o;
type SpaceKey = keyof typeof s;
type GroupKey = keyof typeof g;

type Access = {
  /** Orgs CF shows the user. */
  orgs: OrgKey[];
  /** Spaces CF shows the user (a space role, or every space of an org they manage). */
  spaces: SpaceKey[];
  /** Orgs the user manages (OrgManager), or all for the platform admin. */
  manages: OrgKey[];
  /** Spaces whose egress the user's role may change (SpaceManager, OrgManager, admin). */
  changes: SpaceKey[];
  /** Security groups CF does not show the user (bound to no space they can read, not global). */
  hiddenGroups: GroupKey[];
};

const ALL_SPACES = Object.keys(s) as SpaceKey[];
const ALPHA: SpaceKey[] = ["alphaDev", "alphaStaging", "alphaProd", "alphaSandbox"];
const BETA: SpaceKey[] = ["betaDev", "betaProd"];

/** The seeded world as each user sees it. */
const WHO: Record<SeededUser, Access> = {
  admin: {
    orgs: ["alpha", "beta", "gamma"],
    spaces: ALL_SPACES,
    manages: ["alpha", "beta", "gamma"],
    changes: ALL_SPACES,
    hiddenGroups: [],
  },
  olivia: { orgs: ["alpha"], spaces: ALPHA, manages: ["alpha"], changes: ALPHA, hiddenGroups: [] },
  sam: {
    orgs: ["alpha"],
    spaces: ["alphaDev", "alphaProd"],
    manages: [],
    changes: ["alphaDev", "alphaProd"],
    hiddenGroups: [],
  },
  devon: { orgs: ["alpha"], spaces: ["alphaDev", "alphaProd"], manages: [], changes: [], hiddenGroups: [] },
  audrey: { orgs: ["alpha"], spaces: ["alphaProd"], manages: [], changes: [], hiddenGroups: [] },
  bruno: { orgs: ["beta"], spaces: BETA, manages: ["beta"], changes: BETA, hiddenGroups: [] },
  sasha: {
    orgs: ["alpha", "gamma"],
    spaces: ["alphaSandbox", "gammaLegacy"],
    manages: [],
    changes: ["alphaSandbox", "gammaLegacy"],
    hiddenGroups: ["trustedLocal"],
  },
};

const USERS = Object.keys(WHO) as SeededUser[];
/** A well-formed guid that names nothing. */
const NOTHING = "0badc0de-0000-4000-8000-000000000000";
const SUSPENDED: OrgKey[] = seed.orgs.filter((org) => org.suspended).map((org) => keyOf(o, org.guid));
const orgOf = (space: SpaceKey): OrgKey => keyOf(o, seed.spaces.find((x) => x.guid === s[space])?.org ?? "");
const orgName = (org: OrgKey) => seed.orgs.find((x) => x.guid === o[org])?.name ?? org;
const spacesOf = (org: OrgKey) => ALL_SPACES.filter((space) => orgOf(space) === org);

function keyOf<K extends string>(table: Record<K, string>, guid: string): K {
  const key = (Object.keys(table) as K[]).find((k) => table[k] === guid);
  if (!key) throw new Error(`no key for ${guid}`);
  return key;
}

/** An org guid to call with: the three orgs, and one that does not exist. */
type OrgTarget = OrgKey | "nothing";
/** A space under an org: every real pair, a space under another org, a space that does not exist. */
type SpaceTarget = { org: OrgTarget; space: SpaceKey | "nothing" };

const ORG_TARGETS: OrgTarget[] = ["alpha", "beta", "gamma", "nothing"];
const SPACE_TARGETS: SpaceTarget[] = [
  ...ALL_SPACES.map((space) => ({ org: orgOf(space), space })),
  { org: "alpha", space: "betaDev" },
  { org: "beta", space: "alphaDev" },
  { org: "gamma", space: "alphaSandbox" },
  { org: "alpha", space: "nothing" },
];
const guidOf = (target: OrgTarget | SpaceKey | "nothing") =>
  target === "nothing" ? NOTHING : target in o ? o[target as OrgKey] : s[target as SpaceKey];

/* ---- What each user should get ---- */

const sees = (user: SeededUser, org: OrgTarget) => org !== "nothing" && WHO[user].orgs.includes(org);
const seesSpace = (user: SeededUser, { org, space }: SpaceTarget) =>
  space !== "nothing" && org === orgOf(space) && sees(user, org) && WHO[user].spaces.includes(space);

type Route = {
  path: (t: { org: OrgTarget; space: SpaceKey | "nothing"; group: GroupKey }) => string;
  /** For some routes, what the answer holds for this user. */
  holds?: (user: SeededUser, t: SpaceTarget, response: APIResponse) => Promise<void>;
  /** Pages answer a page; the rest the one JSON error body (or CSV, JSON). */
  kind: "page" | "data";
  params: "none" | "org" | "space" | "group";
  /** Whether the user gets it (else 404), given the target. */
  allowed: (user: SeededUser, t: SpaceTarget & { group: GroupKey }) => boolean;
  /** A route that reads with a POST (it changes nothing): the JSON body it is sent. */
  post?: unknown;
};

const always = () => true;
const orgVisible = (user: SeededUser, t: SpaceTarget) => sees(user, t.org);
const spaceVisible = (user: SeededUser, t: SpaceTarget) => seesSpace(user, t);

/** Every route of docs/design.md §1 (and the policy's), and who gets it. */
const ROUTES: Route[] = [
  { path: () => "/", kind: "page", params: "none", allowed: always },
  {
    path: () => "/orgs",
    kind: "page",
    params: "none",
    allowed: always,
    // The orgs CF shows the user, and no other.
    holds: async (user, _t, response) => {
      const text = await expectPageSays(response);
      for (const org of Object.keys(o) as OrgKey[])
        expect(text.includes(orgName(org)), `${user} /orgs lists ${orgName(org)}`).toBe(sees(user, org));
    },
  },
  { path: () => "/security-groups", kind: "page", params: "none", allowed: always },
  { path: () => "/private-egress", kind: "page", params: "none", allowed: always },
  { path: () => "/api/health", kind: "data", params: "none", allowed: always },
  { path: (t) => `/orgs/${guidOf(t.org)}`, kind: "page", params: "org", allowed: orgVisible },
  { path: (t) => `/orgs/${guidOf(t.org)}/activity`, kind: "page", params: "org", allowed: orgVisible },
  { path: (t) => `/orgs/${guidOf(t.org)}/policy`, kind: "page", params: "org", allowed: orgVisible },
  { path: (t) => `/orgs/${guidOf(t.org)}/activity.csv`, kind: "data", params: "org", allowed: orgVisible },
  // The compliance report is the activity's to give (docs/design.md §12).
  {
    path: (t) => `/orgs/${guidOf(t.org)}/compliance-report.csv`,
    kind: "data",
    params: "org",
    allowed: orgVisible,
  },
  {
    path: (t) => `/orgs/${guidOf(t.org)}/compliance-report.json`,
    kind: "data",
    params: "org",
    allowed: orgVisible,
  },
  { path: (t) => `/orgs/${guidOf(t.org)}/posture.csv`, kind: "data", params: "org", allowed: orgVisible },
  {
    path: (t) => `/api/orgs/${guidOf(t.org)}/posture`,
    kind: "data",
    params: "org",
    allowed: orgVisible,
    // Exactly the org's spaces CF shows the user: none hidden, none added (docs/design.md §4).
    holds: async (user, t, response) => {
      const { spaces } = (await response.json()) as { spaces: { guid: string }[] };
      const visible = WHO[user].spaces.filter((x) => orgOf(x) === t.org).map((x) => s[x]);
      expect(spaces.map((x) => x.guid).sort(), `${user} ${t.org} posture`).toEqual(visible.sort());
    },
  },
  {
    path: (t) => `/orgs/${guidOf(t.org)}/reach?destination=10.10.0.12&ports=5432`,
    kind: "page",
    params: "org",
    allowed: orgVisible,
  },
  {
    // "Who can reach this?" scoped to the org: exactly the org's spaces CF shows the user (docs/design.md §13).
    path: (t) => `/api/reach?destination=10.10.0.12&ports=5432&org=${guidOf(t.org)}`,
    kind: "data",
    params: "org",
    allowed: orgVisible,
    holds: async (user, t, response) => {
      const { spaces } = (await response.json()) as { spaces: { guid: string }[] };
      const visible = WHO[user].spaces.filter((x) => orgOf(x) === t.org).map((x) => s[x]);
      expect(spaces.map((x) => x.guid).sort(), `${user} ${t.org} reach`).toEqual(visible.sort());
    },
  },
  { path: (t) => `/api/orgs/${guidOf(t.org)}/matrix`, kind: "data", params: "org", allowed: orgVisible },
  { path: (t) => `/api/orgs/${guidOf(t.org)}/policy`, kind: "data", params: "org", allowed: orgVisible },
  { path: (t) => `/api/orgs/${guidOf(t.org)}/policy/plan`, kind: "data", params: "org", allowed: orgVisible },
  {
    // The bulk dialog's preview: a POST because it may name thousands of spaces; it changes nothing.
    path: (t) => `/api/orgs/${guidOf(t.org)}/bulk-preview`,
    post: { profile: "public", enabled: true },
    kind: "data",
    params: "org",
    allowed: (user, t) => orgVisible(user, t) && !WHO[user].hiddenGroups.includes("public"),
  },
  {
    path: (t) => `/orgs/${guidOf(t.org)}/spaces/${guidOf(t.space)}`,
    kind: "page",
    params: "space",
    allowed: spaceVisible,
  },
  {
    path: (t) =>
      `/api/orgs/${guidOf(t.org)}/spaces/${guidOf(t.space)}/preview?lifecycle=running&action=bind&profile=public`,
    kind: "data",
    params: "space",
    allowed: spaceVisible,
  },
  {
    path: (t) =>
      `/api/orgs/${guidOf(t.org)}/spaces/${guidOf(t.space)}/reach?host=10.10.0.12&port=5432&protocol=tcp`,
    kind: "data",
    params: "space",
    allowed: spaceVisible,
  },
  {
    path: (t) => `/security-groups/${g[t.group]}`,
    kind: "page",
    params: "group",
    allowed: (user, t) => !WHO[user].hiddenGroups.includes(t.group),
  },
];

/** Every call of every route for a user: the route, the path, and whether it is theirs. */
type RouteCall = { path: string; route: Route; allowed: boolean; target: SpaceTarget };

function routeCalls(user: SeededUser): RouteCall[] {
  return ROUTES.flatMap((route) => {
    const targets: (SpaceTarget & { group: GroupKey })[] =
      route.params === "space"
        ? SPACE_TARGETS.map((t) => ({ ...t, group: "dns" as const }))
        : route.params === "org"
          ? ORG_TARGETS.map((org) => ({ org, space: "nothing" as const, group: "dns" as const }))
          : route.params === "group"
            ? (Object.keys(g) as GroupKey[]).map((group) => ({
                org: "nothing" as const,
                space: "nothing" as const,
                group,
              }))
            : [{ org: "nothing" as const, space: "nothing" as const, group: "dns" as const }];
    return targets.map((t) => ({ path: route.path(t), route, allowed: route.allowed(user, t), target: t }));
  });
}

type Refusal = { kind: string; message: string | RegExp };
type Expected = "done" | Refusal | { skipped: string | RegExp };

const notFound = (message: string | RegExp): Refusal => ({ kind: "not-found", message });
const SPACE_GONE = notFound(MESSAGES.spaceGone);
const NOT_IN_ORG = notFound(MESSAGES.spaceNotInOrg);
const ORG_GONE = notFound(MESSAGES.orgGone);
const ROLE: Refusal = { kind: "forbidden", message: MESSAGES.notAuthorized };
const orgRole = (org: OrgKey): Refusal => ({
  kind: "forbidden",
  message: ORG_REFUSALS.segmentMove(orgName(org)),
});
const SUSPENDED_ORG: Refusal = { kind: "suspended", message: MESSAGES.orgSuspended };

/** The space checks every space action makes first: CF shows the space, in the org named. */
function spaceCheck(user: SeededUser, t: SpaceTarget): Refusal | null {
  if (t.space === "nothing" || !WHO[user].spaces.includes(t.space)) return SPACE_GONE;
  if (t.org !== orgOf(t.space) || !sees(user, t.org)) return NOT_IN_ORG;
  return null;
}

/** Role first, then suspension, in CF's order (docs/cf-behaviour.md §2.3). */
function changeCheck(user: SeededUser, space: SpaceKey): Refusal | null {
  if (!WHO[user].changes.includes(space)) return ROLE;
  if (SUSPENDED.includes(orgOf(space)) && user !== "admin") return SUSPENDED_ORG;
  return null;
}

type Args = Record<string, unknown>;
type ActionCase = {
  name: ActionName;
  target: string;
  /** The arguments, or how to read them at call time (a policy revision). */
  args: Args | (() => Promise<Args>);
  expected: Expected;
};

const argsOf = (c: ActionCase): Promise<Args> =>
  typeof c.args === "function" ? c.args() : Promise.resolve(c.args);

/** Public egress is bound to these spaces in the seed: a change flips it. */
const PUBLIC_BOUND = new Set(seed.securityGroups.find((x) => x.guid === g.public)?.runningSpaces ?? []);
const SEGMENT_OF = new Map(seed.spaces.map((x) => [x.guid, x.isolationSegment ?? null]));

/** A policy that sandbox (public egress) violates: Bring into policy unbinds public from it. */
const SANDBOX_CLOSED = {
  version: 1,
  rules: [{ spaces: "sandbox", require: { posture: "closed" } }],
  default: null,
};

function actionCases(user: SeededUser, policyRevision: (org: OrgTarget) => Promise<number>): ActionCase[] {
  const cases: ActionCase[] = [];
  for (const t of SPACE_TARGETS) {
    const at = `${t.org}/${t.space}`;
    const spaceGuid = guidOf(t.space);
    const orgGuid = guidOf(t.org);
    const space = t.space === "nothing" ? undefined : t.space;
    const checked = spaceCheck(user, t) ?? (space ? changeCheck(user, space) : SPACE_GONE);
    cases.push({
      name: "changeProfile",
      target: at,
      args: {
        orgGuid,
        spaceGuid,
        profileId: "public",
        lifecycle: "running",
        enabled: !PUBLIC_BOUND.has(spaceGuid),
      },
      expected: checked ?? "done",
    });
    const groupHidden = WHO[user].hiddenGroups.includes("trustedLocal");
    cases.push({
      name: "changeGroup",
      target: at,
      args: { orgGuid, spaceGuid, groupGuid: g.trustedLocal, lifecycle: "staging", action: "bind" },
      expected:
        spaceCheck(user, t) ?? (groupHidden ? notFound(MESSAGES.groupInvisible) : (checked ?? "done")),
    });
    const moves =
      (space && (WHO[user].manages.includes(orgOf(space)) ? null : orgRole(orgOf(space)))) ?? null;
    const current = SEGMENT_OF.get(spaceGuid) ?? null;
    cases.push({
      name: "assignSegment",
      target: at,
      args: {
        orgGuid,
        spaceGuid,
        segmentGuid: t.org === "alpha" && current === null ? iso.alphaDedicated : null,
      },
      expected:
        spaceCheck(user, t) ??
        moves ??
        (space && SUSPENDED.includes(orgOf(space)) && user !== "admin" ? SUSPENDED_ORG : "done"),
    });
  }

  for (const org of ORG_TARGETS) {
    const orgGuid = guidOf(org);
    const visible = org !== "nothing" && sees(user, org);
    const manages = org !== "nothing" && WHO[user].manages.includes(org);
    // Every space of the org, as a forger would name them: those the user cannot see are refused.
    const spaces = org === "nothing" ? [] : spacesOf(org);
    const unseen = spaces.filter((x) => !WHO[user].spaces.includes(x)).length;
    const denied = spaces.map((x) => changeCheck(user, x)).find((r) => r !== null);
    cases.push({
      name: "bindProfileToSpaces",
      target: `${org}: every space`,
      args: {
        orgGuid,
        spaceGuids: spaces.length ? spaces.map((x) => s[x]) : [NOTHING],
        profileId: "public",
        lifecycle: "staging",
      },
      expected:
        !visible || unseen > 0
          ? notFound(
              /of the spaces are not in this organization, or you cannot see them\. Nothing was changed\.$/,
            )
          : (denied ?? "done"),
    });
    cases.push({
      name: "bindProfileToSpaces",
      target: `${org}: with a space of another org`,
      args: { orgGuid, spaceGuids: [s.alphaDev, s.betaDev], profileId: "public", lifecycle: "staging" },
      expected: notFound(
        /of the spaces are not in this organization, or you cannot see them\. Nothing was changed\.$/,
      ),
    });
    cases.push({
      name: "savePolicy",
      target: org,
      args: async () => ({
        orgGuid,
        revision: String(manages ? await policyRevision(org) : 0),
        policy: JSON.stringify(EMPTY_POLICY),
      }),
      expected: !visible
        ? ORG_GONE
        : manages
          ? "done"
          : { kind: "forbidden", message: MESSAGES.notAuthorizedPolicy },
    });
    cases.push({
      name: "requestPrivateEgress",
      target: org,
      args: {
        orgGuid,
        endpointIp: "52.20.30.40",
        privateCidrs: "10.20.0.0/16",
        endpointType: "checkpoint",
        endpointOther: "",
        appCount: "3",
      },
      expected: !visible
        ? ORG_GONE
        : manages
          ? "done"
          : {
              kind: "forbidden",
              message: ORG_REFUSALS.privateEgress(orgName(org)),
            },
    });
    // Bring into policy names agency-alpha's sandbox, which violates its policy, under each org.
    cases.push({
      name: "bringIntoPolicy",
      target: `${org}: sandbox`,
      args: async () => ({
        orgGuid,
        revision: visible ? await policyRevision(org) : 0,
        spaces: [{ guid: s.alphaSandbox, ops: [`unbind:${g.public}`] }],
      }),
      expected: !visible
        ? ORG_GONE
        : org !== "alpha" || !WHO[user].spaces.includes("alphaSandbox")
          ? { skipped: MESSAGES.spaceGone }
          : WHO[user].changes.includes("alphaSandbox")
            ? "done"
            : { skipped: /./ },
    });
  }
  return cases;
}

/* ---- Calling and checking ---- */

async function run<T, R>(items: readonly T[], limit: number, each: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await each(items[i] as T);
      }
    }),
  );
  return results;
}

async function expectRoute(response: APIResponse, call: RouteCall, user: SeededUser) {
  const at = `${user} ${call.route.post === undefined ? "GET" : "POST"} ${call.path}`;
  if (call.allowed) {
    expect(response.status(), at).toBe(200);
    if (call.route.holds) await call.route.holds(user, call.target, response);
    else if (call.route.kind === "page") await expectPageSays(response);
    return;
  }
  if (call.route.kind === "page") {
    // The not-found page itself comes in the page's payload, which the browser renders.
    expect(response.status(), at).toBe(404);
    expect(await response.text(), at).toMatch(/(Organization|Space|Security group|Page) not found/);
    await expectPageSays(response);
  } else {
    await expectErrorBody(response, { status: 404, kind: "not-found" });
  }
}

function callCase(
  request: APIRequestContext,
  actions: ServerActions,
  c: ActionCase,
  args: Record<string, unknown>,
): Promise<ActionCall> {
  return c.name === "requestPrivateEgress" || c.name === "savePolicy"
    ? callFormAction(request, actions[c.name], args as Record<string, string>)
    : callAction(request, actions[c.name], args);
}

function expectAnswer(call: ActionCall, c: ActionCase, who: string): void {
  const at = `${who} ${c.name} ${c.target}: ${call.text.slice(0, 400)}`;
  expect.soft(call.status, at).toBe(200);
  const result = call.result;
  if (c.expected === "done") {
    expect.soft(result?.ok, at).toBe(true);
    if (c.name === "bringIntoPolicy") expect.soft(result?.results?.[0]?.status, at).toBe("done");
  } else if ("skipped" in c.expected) {
    expect.soft(result?.ok, at).toBe(true);
    expect.soft(result?.results?.[0]?.status, at).toBe("skipped");
    expect.soft(result?.results?.[0]?.message, at).toMatch(c.expected.skipped);
  } else {
    expect.soft(result?.ok, at).toBe(false);
    expect.soft(result?.kind, at).toBe(c.expected.kind);
    if (typeof c.expected.message === "string") expect.soft(result?.message, at).toBe(c.expected.message);
    else expect.soft(result?.message, at).toMatch(c.expected.message);
  }
}

const refused = (c: ActionCase) => c.expected !== "done";

/** An org's stored policy revision, as the platform admin reads it (0 for an org without one). */
async function policyRevision(request: APIRequestContext, org: OrgTarget): Promise<number> {
  if (org === "nothing") return 0;
  const response = await request.get(`/api/orgs/${o[org]}/policy`, {
    headers: { Authorization: `bearer ${await tokenFor(request, "admin")}` },
  });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { revision: number }).revision;
}

test.afterAll(async ({ request }) => setPolicy(request, EMPTY_POLICY));

for (const user of USERS) {
  test(`${user}: every route and action, with every org's and space's guids`, async ({
    requestAs,
    serverActions,
    sim,
    request,
  }) => {
    test.slow();
    const [caller, admin] = [await requestAs(user), await requestAs("admin")];
    await setPolicy(request, SANDBOX_CLOSED);

    // Routes: reads change nothing; each answers what CF shows this user, or 404.
    const calls = routeCalls(user);
    const responses = await run(calls, 6, (c) =>
      c.route.post === undefined ? caller.get(c.path) : caller.post(c.path, { data: c.route.post }),
    );
    for (const [i, c] of calls.entries()) await expectRoute(responses[i] as APIResponse, c, user);

    // The policy as code: only those who manage an org may PUT it; others get 403, or 404.
    for (const org of ORG_TARGETS.filter((x) => !WHO[user].manages.includes(x as OrgKey))) {
      const put = await caller.put(`/api/orgs/${guidOf(org)}/policy`, { data: EMPTY_POLICY });
      await expectErrorBody(
        put,
        sees(user, org) ? { status: 403, kind: "forbidden" } : { status: 404, kind: "not-found" },
      );
    }

    // Actions the user may not make: refused in words, and nothing changes in CF or the history.
    const cases = actionCases(user, (org) => policyRevision(request, org));
    const before = { cf: await sim.state(), history: await historyKeys(admin) };
    await sim.clearRequests();
    const denied = cases.filter(refused);
    const answers = await run(denied, 6, async (c) => callCase(caller, serverActions, c, await argsOf(c)));
    for (const [i, c] of denied.entries()) expectAnswer(answers[i] as ActionCall, c, user);
    expect(await sim.writes(), `${user}: no write reached CF`).toEqual([]);
    expect(await sim.state()).toEqual(before.cf);
    expect(await historyKeys(admin)).toEqual(before.history);

    // And those the user may make are made (Bring into policy first: the others change sandbox too).
    const allowed = cases
      .filter((c) => !refused(c))
      .sort((a, b) => Number(b.name === "bringIntoPolicy") - Number(a.name === "bringIntoPolicy"));
    for (const c of allowed) expectAnswer(await callCase(caller, serverActions, c, await argsOf(c)), c, user);
  });
}

test("a visitor with no session: pages go to sign-in, data routes answer 401, actions refuse", async ({
  request,
  serverActions,
  sim,
}) => {
  for (const c of routeCalls("admin")) {
    const response = await request.get(c.path, { maxRedirects: 0 });
    if (c.path === "/" || c.path === "/api/health") expect(response.status(), c.path).toBe(200);
    else if (c.route.kind === "page") {
      expect(response.status(), c.path).toBe(307);
      expect(response.headers().location, c.path).toMatch(/\/signin\?callbackUrl=/);
    } else await expectErrorBody(response, { status: 401, kind: "sign-in", message: MESSAGES.signIn });
  }
  await expectErrorBody(await request.put(`/api/orgs/${o.alpha}/policy`, { data: EMPTY_POLICY }), {
    status: 401,
    kind: "sign-in",
  });
  await sim.clearRequests();
  const cases = actionCases("admin", () => Promise.resolve(0));
  const answers = await run(cases, 6, async (c) => callCase(request, serverActions, c, await argsOf(c)));
  for (const [i, c] of cases.entries())
    expect(answers[i]?.result, `${c.name} ${c.target}`).toMatchObject({
      ok: false,
      kind: "sign-in",
      message: MESSAGES.signIn,
    });
  expect(await sim.requests()).toEqual([]);
});
