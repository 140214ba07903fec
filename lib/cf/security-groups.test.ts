import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import { CfClient } from "./client";
import { chunks, listSecurityGroupsFor } from "./security-groups";

/** What a page about some spaces keeps of the group list, and how it splits a long list of spaces. */

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.reset();
});

const group = (guid: string, more: Record<string, unknown> = {}) => ({
  guid,
  created_at: "2026-01-05T10:00:00Z",
  updated_at: "2026-01-05T10:00:00Z",
  name: guid,
  globally_enabled: { running: false, staging: false },
  rules: [],
  relationships: { running_spaces: { data: [] }, staging_spaces: { data: [] } },
  links: { self: { href: `https://api.example/v3/security_groups/${guid}` } },
  ...more,
});

async function answer(resources: unknown[]): Promise<CfClient> {
  await t.call("POST", "/__sim/faults", {
    body: {
      routes: [
        {
          method: "GET",
          path: "/v3/security_groups",
          status: 200,
          body: {
            pagination: {
              total_results: resources.length,
              total_pages: 1,
              first: { href: `${t.sim.cfUrl}/v3/security_groups?page=1&per_page=5000` },
              last: { href: `${t.sim.cfUrl}/v3/security_groups?page=1&per_page=5000` },
              next: null,
              previous: null,
            },
            resources,
          },
        },
      ],
    },
  });
  return new CfClient({ apiUrl: t.sim.cfUrl, token: await t.token("admin") });
}

const bound = (guid: string) => ({ data: [{ guid }] });

describe("listSecurityGroupsFor", () => {
  it("keeps the groups bound to the spaces, platform-wide or named, and drops the others unread", async () => {
    const client = await answer([
      group("mine", { relationships: { running_spaces: bound("s1"), staging_spaces: { data: [] } } }),
      group("staged", { relationships: { running_spaces: { data: [] }, staging_spaces: bound("s2") } }),
      group("global", { globally_enabled: { running: false, staging: true } }),
      group("public_networks_egress"),
      // Another org's: never checked, so its odd rules cost nothing and break nothing.
      group("theirs", {
        rules: "not a list",
        relationships: { running_spaces: bound("x"), staging_spaces: { data: [] } },
      }),
    ]);
    const groups = await listSecurityGroupsFor(
      client,
      Promise.resolve([{ guid: "s1" }, { guid: "s2" }]),
      ["public_networks_egress"],
      { seesEveryGroup: true },
    );
    expect(groups.map((g) => g.name)).toEqual(["mine", "staged", "global", "public_networks_egress"]);
  });

  it("keeps of each group only its bindings to the spaces, and still refuses a binding not shaped like one", async () => {
    const shared = {
      running_spaces: { data: [{ guid: "x1" }, { guid: "s1" }, { guid: "x2" }] },
      staging_spaces: { data: [{ guid: "x3" }] },
    };
    const client = await answer([
      group("shared", { relationships: shared }),
      group("global", { globally_enabled: { running: true, staging: false }, relationships: shared }),
    ]);
    const groups = await listSecurityGroupsFor(client, Promise.resolve([{ guid: "s1" }]), [], {
      seesEveryGroup: true,
    });
    expect(groups.map((g) => [g.name, g.relationships])).toEqual([
      ["shared", { running_spaces: { data: [{ guid: "s1" }] }, staging_spaces: { data: [] } }],
      ["global", { running_spaces: { data: [{ guid: "s1" }] }, staging_spaces: { data: [] } }],
    ]);
    const odd = await answer([
      group("shared", {
        relationships: {
          running_spaces: { data: [{ guid: "s1" }, { id: 1 }] },
          staging_spaces: { data: [] },
        },
      }),
    ]);
    await expect(
      listSecurityGroupsFor(odd, Promise.resolve([{ guid: "s1" }]), [], { seesEveryGroup: true }),
    ).rejects.toThrow(/unexpected shape/);
  });

  it("finds a binding to the spaces however CF spaces its JSON", async () => {
    const page = (resources: unknown[]) => ({
      pagination: {
        total_results: resources.length,
        total_pages: 1,
        first: { href: `${t.sim.cfUrl}/v3/security_groups?page=1&per_page=5000` },
        last: { href: `${t.sim.cfUrl}/v3/security_groups?page=1&per_page=5000` },
        next: null,
        previous: null,
      },
      resources,
    });
    // Pretty-printed (a space after every colon), as some proxies re-serialise CF's answers.
    const text = JSON.stringify(
      page([
        group("mine", { relationships: { running_spaces: { data: [] }, staging_spaces: bound("s1") } }),
        group("theirs", { relationships: { running_spaces: bound("s9"), staging_spaces: { data: [] } } }),
      ]),
      null,
      2,
    );
    await t.call("POST", "/__sim/faults", {
      body: { routes: [{ method: "GET", path: "/v3/security_groups", status: 200, body: text }] },
    });
    const client = new CfClient({ apiUrl: t.sim.cfUrl, token: await t.token("admin") });
    const groups = await listSecurityGroupsFor(client, Promise.resolve([{ guid: "s1" }]), [], {
      seesEveryGroup: true,
    });
    expect(groups.map((g) => g.name)).toEqual(["mine"]);
  });

  it("still refuses an answer it cannot tell a group in", async () => {
    const client = await answer([group("mine"), { guid: "odd", name: "odd" }]);
    await expect(
      listSecurityGroupsFor(client, Promise.resolve([{ guid: "s1" }]), [], { seesEveryGroup: false }),
    ).rejects.toThrow(/unexpected shape/);
  });
});

describe("chunks", () => {
  it("splits space guids so that a filter's URL stays well under 8 kB", () => {
    const guids = Array.from(
      { length: 1000 },
      (_, i) => `${String(i).padStart(8, "0")}-0000-4000-8000-000000000000`,
    );
    const parts = chunks(guids);
    expect(parts).toHaveLength(7);
    expect(parts.flat()).toEqual(guids);
    const url = `https://api.example.org/v3/security_groups?per_page=5000&running_space_guids=${parts[0]?.join(",")}`;
    expect(url.length).toBeLessThan(6000);
  });
});
