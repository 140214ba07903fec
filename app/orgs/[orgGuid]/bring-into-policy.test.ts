import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { BringIntoPolicyInput } from "@/lib/changes/inputs";
import type { AppDatabase } from "@/lib/db";
import { openDatabase } from "@/lib/db/store";
import { testBackends, type TestDatabase } from "@/lib/db/test-support/backends";
import { MESSAGES } from "@/lib/failures/messages";
import { opKey, type BringResult, type PlanView } from "@/lib/view-models/policy-plan";
import { ids } from "@/sim/seed";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import type * as PlanRoute from "@/app/api/orgs/[orgGuid]/policy/plan/route";
import type * as ActionsModule from "./actions";

/**
 * "Bring into policy" end to end below the browser: the preview route and
 * the action, against the stand-in's CF API with each seeded user's own
 * token and a real history database. The action plans again from CF, applies
 * only what was previewed, leaves compliant spaces alone, records every
 * operation, and says per space what happened.
 */

const state = vi.hoisted((): { store: unknown; session: unknown } => ({ store: undefined, session: null }));

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/session", () => ({ getServerSession: () => Promise.resolve(state.session) }));
vi.mock("@/lib/db", async (original) => ({
  ...(await original<Record<string, unknown>>()),
  getDatabase: () => Promise.resolve(state.store),
}));

const { orgs: o, spaces: s, securityGroups: g, users: u } = ids;

let sim: TestSim;
let planRoute: typeof PlanRoute;
let actions: typeof ActionsModule;

beforeAll(async () => {
  sim = await startTestSim();
  process.env.CF_API_URL = sim.sim.cfUrl;
  planRoute = await import("@/app/api/orgs/[orgGuid]/policy/plan/route");
  actions = await import("./actions");
});
afterAll(async () => {
  await sim.close();
});

async function signIn(user: keyof typeof u) {
  state.session = {
    user: { id: u[user], name: user, email: "", isAdmin: user === "admin", readsGlobally: user === "admin" },
    accessToken: await sim.token(user),
  };
}

async function preview(space?: string, org: string = o.alpha): Promise<{ status: number; body: PlanView }> {
  const query = space === undefined ? "" : `?space=${space}`;
  const response = await planRoute.GET(
    new Request(`http://localhost:3000/api/orgs/${org}/policy/plan${query}`),
    { params: Promise.resolve({ orgGuid: org }) },
  );
  return { status: response.status, body: (await response.json()) as PlanView };
}

const confirmed = (plan: PlanView) => ({
  orgGuid: o.alpha,
  revision: plan.revision,
  spaces: plan.changes.map((c) => ({ guid: c.guid, ops: c.ops.map(opKey) })),
});

async function results(input: BringIntoPolicyInput): Promise<BringResult[]> {
  const result = await actions.bringIntoPolicy(input);
  if (!result.ok) throw new Error(result.message);
  return result.results;
}

describe.each(testBackends())("bringing agency-alpha into policy on $name", (backend) => {
  let database: TestDatabase;
  let store: AppDatabase;

  beforeAll(async () => {
    database = await backend.create();
    store = await openDatabase(database.config);
    state.store = store;
  });
  beforeEach(async () => {
    await sim.reset();
    const current = await store.readPolicy(o.alpha);
    await store.writePolicy({
      user: { guid: u.olivia, name: "olivia" },
      orgGuid: o.alpha,
      document: {
        version: 1,
        rules: [
          { spaces: "sandbox*", require: { posture: "closed" } },
          { spaces: "prod", require: { profile: "public", present: false } },
        ],
        default: null,
      },
      expectedVersion: current?.version ?? 0,
    });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
    await backend.close();
  });

  it("previews for olivia the two violating spaces: what changes, what closes, the cf commands", async () => {
    await signIn("olivia");
    const { status, body } = await preview();
    expect(status).toBe(200);
    expect(body.compliant).toBe(2);
    expect(body.unattainable).toEqual([]);
    expect(body.changes.map((c) => [c.name, c.ops.map((op) => `${op.action} ${op.group.name}`)])).toEqual([
      ["prod", ["unbind public_networks_egress"]],
      ["sandbox", ["unbind public_networks_egress"]],
    ]);
    const sandbox = body.changes.find((c) => c.name === "sandbox");
    expect(sandbox?.reasons).toEqual(["Public egress is on; policy rule 1 'sandbox* must be closed'"]);
    expect(sandbox?.closes.map((d) => d.id)).toEqual(["public-web", "s3-user-provided", "s3-brokered"]);
    expect(sandbox?.commands).toEqual([
      "cf unbind-security-group public_networks_egress agency-alpha sandbox",
    ]);
    // prod keeps brokered S3 through trusted-local: only what public alone opened closes.
    expect(body.changes.find((c) => c.name === "prod")?.closes.map((d) => d.id)).toEqual([
      "public-web",
      "s3-user-provided",
    ]);
  });

  it("applies what was previewed, through the recorded change path, and then every space complies", async () => {
    await signIn("olivia");
    const plan = (await preview()).body;
    const answered = await results(confirmed(plan));
    expect(answered.map((r) => [r.name, r.status])).toEqual([
      ["prod", "done"],
      ["sandbox", "done"],
    ]);
    expect(answered[0]?.message).toBe("Now complies: unbind public_networks_egress.");
    // CF agrees, and the history has one succeeded change per operation.
    const { body } = await sim.call("GET", `/v3/security_groups/${g.public}`, { user: "admin" });
    const bound = (body as { relationships: { running_spaces: { data: { guid: string }[] } } }).relationships
      .running_spaces.data;
    expect(bound.map((d) => d.guid)).toEqual([]);
    const history = await store.list({
      orgGuid: o.alpha,
      spaceGuids: [s.alphaProd, s.alphaSandbox],
      kinds: ["change"],
      limit: 10,
    });
    expect(
      history.ok &&
        history.entries.map((e) => e.kind === "change" && [e.spaceName, e.action, e.group.name, e.outcome]),
    ).toEqual(
      expect.arrayContaining([
        ["prod", "unbind", "public_networks_egress", "succeeded"],
        ["sandbox", "unbind", "public_networks_egress", "succeeded"],
      ]),
    );
    const after = (await preview()).body;
    expect(after.changes).toEqual([]);
    expect(after.compliant).toBe(4);
  });

  it("never touches a compliant space, and leaves one whose plan changed since the preview", async () => {
    await signIn("olivia");
    const plan = (await preview()).body;
    await sim.call("DELETE", "/__sim/requests");
    const answered = await results({
      ...confirmed(plan),
      spaces: [
        { guid: s.alphaDev, ops: [] },
        { guid: s.alphaSandbox, ops: [`bind:${g.trustedLocal}`] },
      ],
    });
    expect(answered).toEqual([
      {
        guid: s.alphaDev,
        name: "dev",
        status: "compliant",
        message: "It already complies; nothing was changed.",
      },
      { guid: s.alphaSandbox, name: "sandbox", status: "skipped", message: MESSAGES.planChanged },
    ]);
    // Not one write reached CF.
    const log = (await sim.call("GET", "/__sim/requests")).body as { requests: { method: string }[] };
    expect(log.requests.filter((r) => r.method !== "GET")).toEqual([]);
    const { body } = await sim.call("GET", `/v3/security_groups/${g.public}`, { user: "admin" });
    expect(
      (body as { relationships: { running_spaces: { data: { guid: string }[] } } }).relationships
        .running_spaces.data,
    ).toHaveLength(2);
  });

  it("refuses a plan made against another revision of the policy", async () => {
    await signIn("olivia");
    const plan = (await preview()).body;
    const result = await actions.bringIntoPolicy({ ...confirmed(plan), revision: plan.revision - 1 });
    expect(result).toEqual({ ok: false, kind: "conflict", message: MESSAGES.policyChanged });
  });

  it("tells devon why he cannot bring prod into policy, and changes nothing if he tries", async () => {
    await signIn("devon");
    const { body } = await preview();
    expect(body.changes).toEqual([]);
    expect(body.unattainable.map((x) => [x.name, x.why])).toEqual([["prod", MESSAGES.notAuthorized]]);
    const answered = await results({
      orgGuid: o.alpha,
      revision: body.revision,
      spaces: [{ guid: s.alphaProd, ops: [`unbind:${g.public}`] }],
    });
    expect(answered.map((r) => r.status)).toEqual(["skipped"]);
  });

  it("tells sasha that sandbox cannot become trusted-local for her: she cannot see that group", async () => {
    const current = await store.readPolicy(o.alpha);
    await store.writePolicy({
      user: { guid: u.olivia, name: "olivia" },
      orgGuid: o.alpha,
      document: {
        version: 1,
        rules: [{ spaces: "sandbox", require: { posture: "trusted-local" } }],
        default: null,
      },
      expectedVersion: current?.version ?? 0,
    });
    await signIn("sasha");
    const { body } = await preview(s.alphaSandbox);
    expect(body.unattainable).toEqual([
      {
        guid: s.alphaSandbox,
        name: "sandbox",
        reasons: expect.any(Array) as string[],
        why: "Trusted local egress is not visible to you: an administrator must make trusted_local_networks_egress available to your org first",
      },
    ]);
  });

  it("tells sasha that no change of hers can reach a suspended org's space, and why", async () => {
    const current = await store.readPolicy(o.gamma);
    await store.writePolicy({
      user: { guid: u.admin, name: "admin" },
      orgGuid: o.gamma,
      document: { version: 1, rules: [], default: { profile: "public", present: true } },
      expectedVersion: current?.version ?? 0,
    });
    await signIn("sasha");
    const { body } = await preview(undefined, o.gamma);
    expect(body.changes).toEqual([]);
    expect(body.unattainable.map((x) => [x.name, x.why])).toEqual([["legacy", MESSAGES.orgSuspended]]);
  });

  it("answers 404 for a space or an org the user cannot see", async () => {
    await signIn("sam");
    expect((await preview(s.alphaSandbox)).status).toBe(404);
    await signIn("bruno");
    expect((await preview()).status).toBe(404);
    const refused = await actions.bringIntoPolicy({
      orgGuid: o.alpha,
      revision: 1,
      spaces: [{ guid: s.alphaProd, ops: [] }],
    });
    expect(refused).toMatchObject({ ok: false, kind: "not-found" });
  });
});
