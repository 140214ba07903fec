import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppDatabase } from "@/lib/db";
import { openDatabase } from "@/lib/db/store";
import { testBackends, type TestDatabase } from "@/lib/db/test-support/backends";
import { MESSAGES, POLICY_MESSAGES } from "@/lib/failures/messages";
import { ids } from "@/sim/seed";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import type * as RouteModule from "./route";

/**
 * `GET`/`PUT /api/orgs/:orgGuid/policy` as a pipeline and a browser call it,
 * against the stand-in's CF API (real tokens, CF deciding) and a real history
 * database: the check order (401, 404, 403, 400/422), the one error body with
 * field errors, the revision as ETag and If-Match, and the history entry.
 */

const state = vi.hoisted((): { store: unknown; session: unknown } => ({ store: undefined, session: null }));

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/session", () => ({ getServerSession: () => Promise.resolve(state.session) }));
vi.mock("@/lib/db", async (original) => ({
  ...(await original<Record<string, unknown>>()),
  getDatabase: () => Promise.resolve(state.store),
}));

const ALPHA = ids.orgs.alpha;
const BASE = "http://localhost:3000";
const url = (org: string = ALPHA) => `${BASE}/api/orgs/${org}/policy`;
const params = (orgGuid: string = ALPHA) => ({ params: Promise.resolve({ orgGuid }) });

const POLICY = {
  version: 1,
  rules: [
    { spaces: "sandbox*", require: { posture: "closed" }, note: "sandboxes stay inside" },
    { spaces: "prod", require: { profile: "public", present: false } },
    { spaces: "qa-*", require: { posture: "trusted-local" } },
  ],
};

type ErrorJson = { error: { kind: string; message: string; fieldErrors?: Record<string, string[]> } };

let sim: TestSim;
let route: typeof RouteModule;

beforeAll(async () => {
  sim = await startTestSim();
  process.env.CF_API_URL = sim.sim.cfUrl;
  route = await import("./route");
});
afterAll(async () => {
  await sim.close();
});

async function as(user: string, headers: Record<string, string> = {}) {
  return { Authorization: `bearer ${await sim.token(user)}`, ...headers };
}

const get = async (headers: Record<string, string>, org: string = ALPHA) =>
  route.GET(new Request(url(org), { headers }), params(org));
const put = async (headers: Record<string, string>, body: string, org: string = ALPHA) =>
  route.PUT(new Request(url(org), { method: "PUT", headers, body }), params(org));

describe.each(testBackends())("the policy API on $name", (backend) => {
  let database: TestDatabase;
  let store: AppDatabase;

  beforeAll(async () => {
    database = await backend.create();
    store = await openDatabase(database.config);
    state.store = store;
  });
  beforeEach(() => {
    state.session = null;
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
    await backend.close();
  });

  it("answers 401 in the one error body without a session or a token", async () => {
    const response = await get({});
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { kind: "sign-in", message: MESSAGES.signIn } });
  });

  it("answers 401 for a token that is not a user's, or that CF refuses", async () => {
    expect((await get({ Authorization: "bearer not-a-jwt" })).status).toBe(401);
    expect((await get({ Authorization: "Basic b2xpdmlhOg==" })).status).toBe(401);
    // devon's token with his user id swapped for olivia's: the signature no longer holds, CF refuses it.
    const [header, payload, signature] = (await sim.token("devon")).split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, user_id: ids.users.olivia, user_name: "olivia" }));
    const response = await put(
      { Authorization: `bearer ${header}.${forged.toString("base64url")}.${signature}` },
      JSON.stringify(POLICY),
    );
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorJson).error.kind).toBe("sign-in");
  });

  it("lets devon read the (empty) policy with his token, and not change it", async () => {
    const read = await get(await as("devon"));
    expect(read.status).toBe(200);
    expect(read.headers.get("ETag")).toBe('"0"');
    expect(await read.json()).toEqual({
      org: { guid: ALPHA, name: "agency-alpha" },
      policy: { version: 1, rules: [], default: null },
      revision: 0,
      updated_at: null,
      updated_by: null,
      can_edit: false,
      problem: null,
    });
    const write = await put(await as("devon"), JSON.stringify(POLICY));
    expect(write.status).toBe(403);
    expect(await write.json()).toEqual({
      error: { kind: "forbidden", message: MESSAGES.notAuthorizedPolicy },
    });
  });

  it("answers bruno 404 for agency-alpha, whatever he sends, before looking at the document", async () => {
    expect((await get(await as("bruno"))).status).toBe(404);
    for (const body of [JSON.stringify(POLICY), "not json", JSON.stringify({ rules: 1 })]) {
      const response = await put(await as("bruno"), body);
      expect(response.status).toBe(404);
      expect(((await response.json()) as ErrorJson).error).toEqual({
        kind: "not-found",
        message: MESSAGES.orgGone,
      });
    }
    expect((await get(await as("bruno"), "not-a-guid")).status).toBe(404);
  });

  it("refuses a document that is not JSON with 400, and an invalid one with 422 and field errors", async () => {
    const notJson = await put(await as("olivia"), "{ rules: [");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({
      error: {
        kind: "invalid",
        message: POLICY_MESSAGES.notJsonAt(1, 3, 'expected a property name in double quotes, found "r"'),
      },
    });

    const invalid = await put(
      await as("olivia"),
      JSON.stringify({
        version: 1,
        rules: [
          { spaces: "sandbox[", require: { posture: "closed" } },
          { spaces: "prod", require: { profile: "vpn", present: false }, colour: "red" },
        ],
      }),
    );
    expect(invalid.status).toBe(422);
    const body = (await invalid.json()) as ErrorJson;
    expect(body.error.kind).toBe("invalid");
    expect(body.error.message).toBe(MESSAGES.policyInvalid);
    expect(Object.keys(body.error.fieldErrors ?? {}).sort()).toEqual([
      "rules.0.spaces",
      "rules.1.colour",
      "rules.1.require.profile",
    ]);
    expect((await get(await as("olivia"))).headers.get("ETag")).toBe('"0"');
  });

  it("olivia's pipeline writes the policy with If-Match, gets warnings, and a second writer of the same revision gets 412", async () => {
    const written = await put(await as("olivia", { "If-Match": '"0"' }), JSON.stringify(POLICY));
    expect(written.status).toBe(200);
    expect(written.headers.get("ETag")).toBe('"1"');
    const body = (await written.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      revision: 1,
      can_edit: true,
      updated_by: { guid: ids.users.olivia, name: "olivia" },
      policy: { ...POLICY, default: null },
      warnings: [{ path: "rules.2.spaces", message: "matches none of the org's current spaces" }],
    });

    const stale = await put(
      await as("admin", { "If-Match": '"0"' }),
      JSON.stringify({ version: 1, rules: [] }),
    );
    expect(stale.status).toBe(412);
    expect(stale.headers.get("ETag")).toBe('"1"');
    expect(await stale.json()).toEqual({ error: { kind: "conflict", message: MESSAGES.policyConflict } });

    const malformed = await put(await as("olivia", { "If-Match": "yesterday" }), JSON.stringify(POLICY));
    expect(malformed.status).toBe(400);

    // Everyone who can see the org reads it; the history has who, when, before and after.
    const read = await get(await as("audrey"));
    expect(await read.json()).toMatchObject({
      revision: 1,
      can_edit: false,
      policy: { rules: POLICY.rules },
    });
    const history = await store.list({ orgGuid: ALPHA, spaceGuids: [], kinds: ["policy"], limit: 5 });
    expect(history.ok && history.entries[0]).toMatchObject({
      kind: "policy",
      user: { guid: ids.users.olivia, name: "olivia" },
      before: null,
      after: { ...POLICY, default: null },
      message: "Changed the org's egress policy through the API (revision 1: 3 rules, no default).",
    });
  });

  it("an admin's write without If-Match replaces whatever is stored", async () => {
    const response = await put(await as("admin"), JSON.stringify({ version: 1, rules: [] }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { revision: number }).revision).toBeGreaterThan(1);
  });

  it("takes the browser session when no token is sent, and refuses it from another site", async () => {
    state.session = {
      user: { id: ids.users.olivia, name: "olivia", email: "", isAdmin: false, readsGlobally: false },
      accessToken: await sim.token("olivia"),
    };
    const read = await get({});
    expect(read.status).toBe(200);
    expect(((await read.json()) as { can_edit: boolean }).can_edit).toBe(true);

    const forged = await put(
      { Origin: "https://evil.example", "Content-Type": "application/json" },
      JSON.stringify(POLICY),
    );
    expect(forged.status).toBe(403);
    const crossSite = await put({ "Sec-Fetch-Site": "cross-site" }, JSON.stringify(POLICY));
    expect(crossSite.status).toBe(403);
    const sameSite = await put({ Origin: BASE, Host: "localhost:3000" }, JSON.stringify(POLICY));
    expect(sameSite.status).toBe(200);
  });
});
