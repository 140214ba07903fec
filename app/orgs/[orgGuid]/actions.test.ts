import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AppDatabase } from "@/lib/db";
import type * as ActionsModule from "./actions";
import { openDatabase } from "@/lib/db/store";
import { testBackends, type TestDatabase } from "@/lib/db/test-support/backends";
import { generateWorld } from "@/sim/generate";
import { ids, seed } from "@/sim/seed";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import { stableGuid } from "@/sim/world";

/**
 * The egress actions as the browser calls them, against the stand-in's CF
 * API and a real history database (SQLite, and PostgreSQL when DATABASE_URL
 * is set): 50 changes at once leave 50 entries, none lost or duplicated, and
 * every outcome matches what CF did.
 */

const state = vi.hoisted((): { store: unknown; token: string; user: { id: string; name: string } } => ({
  store: undefined,
  token: "",
  user: { id: "", name: "" },
}));

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/session", () => ({
  getServerSession: () =>
    Promise.resolve({
      user: { ...state.user, email: "", isAdmin: true, readsGlobally: true },
      accessToken: state.token,
    }),
}));
vi.mock("@/lib/db", async (original) => ({
  ...(await original<Record<string, unknown>>()),
  getDatabase: () => Promise.resolve(state.store),
}));

type Actions = typeof ActionsModule;

const ORG = stableGuid("org:0");
const SPACES = Array.from({ length: 50 }, (_, i) => stableGuid(`space:0:${i}`));

let sim: TestSim;
let actions: Actions;

beforeAll(async () => {
  sim = await startTestSim({ seed: generateWorld(seed, { orgSizes: [50], groups: 0 }) });
  process.env.CF_API_URL = sim.sim.cfUrl;
  state.token = await sim.token("admin");
  const me = (await sim.call("GET", "/v3/users?usernames=admin", { user: "admin" })).body as {
    resources: { guid: string }[];
  };
  state.user = { id: me.resources[0]?.guid ?? "admin", name: "admin" };
  actions = await import("./actions");
});

afterAll(async () => {
  await sim.close();
});

describe.each(testBackends())("50 concurrent changes through the actions on $name", (backend) => {
  let database: TestDatabase;
  let store: AppDatabase;

  beforeAll(async () => {
    database = await backend.create();
    store = await openDatabase(database.config);
    state.store = store;
    await sim.reset();
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
    await backend.close();
  });

  /** Each space's public binding as CF has it: the even spaces bound, the odd ones not, or the reverse. */
  async function setPublic(evenBound: boolean): Promise<void> {
    const group = `/v3/security_groups/${ids.securityGroups.public}/relationships/running_spaces`;
    for (const [i, guid] of SPACES.entries()) {
      if ((i % 2 === 0) === evenBound)
        await sim.call("POST", group, { user: "admin", body: { data: [{ guid }] } });
      else await sim.call("DELETE", `${group}/${guid}`, { user: "admin" });
    }
  }

  it("records one entry per change, with CF's outcome", async () => {
    // Every call below is a change: the even spaces are turned on from off, the odd ones off from on.
    await setPublic(false);
    const results = await Promise.all(
      SPACES.map((spaceGuid, i) =>
        actions.changeProfile({
          orgGuid: ORG,
          spaceGuid,
          profileId: "public",
          lifecycle: "running",
          // Half on, half off: both kinds of write at once.
          enabled: i % 2 === 0,
        }),
      ),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);

    const page = await store.list({ orgGuid: ORG, spaceGuids: SPACES, limit: 500 });
    if (!page.ok) throw new Error(page.message);
    const changes = page.entries.filter((e) => e.kind === "change");
    expect(changes).toHaveLength(50);
    expect(new Set(changes.map((e) => e.kind === "change" && e.spaceGuid)).size).toBe(50);
    for (const entry of changes) {
      if (entry.kind !== "change") continue;
      expect(entry.outcome).toBe("succeeded");
      expect(entry.user.name).toBe("admin");
      expect(entry.group.name).toBe("public_networks_egress");
      const index = SPACES.indexOf(entry.spaceGuid);
      expect(entry.action).toBe(index % 2 === 0 ? "bind" : "unbind");
    }

    // CF agrees: the even spaces are bound, the odd ones are not.
    const group = (
      await sim.call("GET", `/v3/security_groups/${ids.securityGroups.public}`, { user: "admin" })
    ).body as {
      relationships: { running_spaces: { data: { guid: string }[] } };
    };
    const bound = new Set(group.relationships.running_spaces.data.map((d) => d.guid));
    SPACES.forEach((guid, i) => expect(bound.has(guid)).toBe(i % 2 === 0));
  });

  it("sends and records nothing for a space already in the asked state, and says so", async () => {
    // The state the previous test left: the same 50 calls again change nothing.
    const before = await store.list({ orgGuid: ORG, spaceGuids: SPACES, limit: 500 });
    const results = await Promise.all(
      SPACES.map((spaceGuid, i) =>
        actions.changeProfile({
          orgGuid: ORG,
          spaceGuid,
          profileId: "public",
          lifecycle: "running",
          enabled: i % 2 === 0,
        }),
      ),
    );
    for (const [i, result] of results.entries()) {
      expect(result).toMatchObject({ ok: true, already: [SPACES[i]] });
      expect(result.message).toMatch(/^Public egress is already (on|off) for .*; nothing was changed\.$/);
    }
    // Bound already to the even ones: a bind of all 50 sends the odd 25 only, in one request.
    const bind = await actions.bindProfileToSpaces({
      orgGuid: ORG,
      spaceGuids: SPACES,
      profileId: "public",
      lifecycle: "running",
    });
    expect(bind).toMatchObject({
      ok: true,
      message: "Public egress is now on for 25 spaces, and was already on for 25 spaces.",
    });
    const after = await store.list({ orgGuid: ORG, spaceGuids: SPACES, limit: 500 });
    if (!before.ok || !after.ok) throw new Error("history unreadable");
    const added = after.entries.filter((e) => !before.entries.some((b) => b.id === e.id));
    expect(added.map((e) => e.kind === "change" && e.spaceGuid).sort()).toEqual(
      SPACES.filter((_, i) => i % 2 === 1).sort(),
    );
  });
});
