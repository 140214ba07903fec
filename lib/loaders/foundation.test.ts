import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CfClient } from "@/lib/cf/client";
import type { StoredPolicy } from "@/lib/db/types";
import { filterOrgs, foundationCsv, foundationFilterOf } from "@/lib/view-models/foundation";
import { requestDepth } from "@/scripts/lib/measure";
import { ids } from "@/sim/seed";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import { loadFoundation } from "./foundation";

/**
 * The foundation page's reads and what it makes of them, on the seeded
 * world (design §3) as each user's own token shows it: postures per org,
 * the spaces with public egress, the platform-wide groups, compliance with
 * a stored policy; three CF lists at once.
 */

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.reset();
  await t.call("POST", "/__sim/faults", { body: { latency_ms: 20 } });
});

const users = {
  admin: { id: ids.users.admin, isAdmin: true, readsGlobally: true },
  gale: { id: ids.users.gale, isAdmin: false, readsGlobally: true },
  olivia: { id: ids.users.olivia, isAdmin: false, readsGlobally: false },
};

/** Sandboxes closed, prod without public egress (issue 14's policy), stored for agency-alpha. */
const alphaPolicy: StoredPolicy = {
  orgGuid: ids.orgs.alpha,
  document: {
    version: 1,
    rules: [
      { spaces: "sandbox*", require: { posture: "closed" } },
      { spaces: "prod", require: { profile: "public", present: false } },
    ],
    default: null,
  },
  version: 1,
  updatedAt: 0,
  updatedBy: { guid: ids.users.olivia, name: "olivia" },
};

async function load(
  user: keyof typeof users,
  policies: Map<string, StoredPolicy> | "unavailable" = new Map(),
) {
  const client = new CfClient({ apiUrl: t.sim.cfUrl, token: await t.token(user) });
  await t.call("DELETE", "/__sim/requests");
  const foundation = await loadFoundation(
    client,
    { ...users[user], name: user, email: "" },
    Promise.resolve(policies),
  );
  return { foundation, requests: t.sim.requests().filter((r) => r.path.startsWith("/v3/")) };
}

describe("the foundation's view", () => {
  it("counts every org's spaces per posture, as admin and as a global auditor, in three lists at once", async () => {
    for (const user of ["admin", "gale"] as const) {
      const { foundation, requests } = await load(user, new Map([[ids.orgs.alpha, alphaPolicy]]));
      expect(foundation.orgs.map((o) => [o.name, o.spaces, o.postures, o.publicEgress])).toEqual([
        ["agency-alpha", 4, { closed: 1, "trusted-local": 1, public: 1, both: 1, custom: 0 }, 2],
        ["agency-beta", 2, { closed: 1, "trusted-local": 1, public: 0, both: 0, custom: 0 }, 0],
        ["agency-gamma", 1, { closed: 1, "trusted-local": 0, public: 0, both: 0, custom: 0 }, 0],
      ]);
      expect(foundation.publicSpaces.map((s) => `${s.org.name}/${s.name} ${s.posture}`)).toEqual([
        "agency-alpha/prod both",
        "agency-alpha/sandbox public",
      ]);
      expect(foundation.globalGroups.running.map((g) => g.name)).toEqual(["dns"]);
      expect(foundation.globalGroups.staging.map((g) => g.name)).toEqual(["dns", "public_networks_egress"]);
      // sandbox is public, not closed; prod has the public profile: two violations, dev and staging unjudged.
      expect(foundation.orgs.map((o) => [o.policy, o.compliant, o.violating])).toEqual([
        ["active", 2, 2],
        ["none", 0, 0],
        ["none", 0, 0],
      ]);
      expect(requests.map((r) => r.path.split("?")[0]).sort()).toEqual([
        "/v3/organizations",
        "/v3/security_groups",
        "/v3/spaces",
      ]);
      expect(requestDepth(requests)).toBe(1);
    }
  });

  it("shows a user with a role only what CF shows them, and says when policies cannot be read", async () => {
    const { foundation } = await load("olivia", "unavailable");
    expect(foundation.orgs.map((o) => [o.name, o.spaces, o.policy])).toEqual([
      ["agency-alpha", 4, "unavailable"],
    ]);
    expect(foundation.policiesUnavailable).toBe(true);
  });

  it("filters by name, posture and violations, and exports the rows it keeps", async () => {
    const { foundation } = await load("admin", new Map([[ids.orgs.alpha, alphaPolicy]]));
    const names = (params: Record<string, string>) =>
      filterOrgs(foundation.orgs, foundationFilterOf(params)).map((o) => o.name);
    expect(names({ q: "BETA" })).toEqual(["agency-beta"]);
    expect(names({ posture: "trusted-local" })).toEqual(["agency-alpha", "agency-beta"]);
    expect(names({ posture: "nonsense" })).toHaveLength(3);
    expect(names({ violations: "1" })).toEqual(["agency-alpha"]);
    const csv = foundationCsv(filterOrgs(foundation.orgs, foundationFilterOf({ q: "gamma" })));
    expect(csv).toBe(
      "org_guid,org,suspended,spaces,closed,trusted-local,public,both,custom,public_egress_spaces,policy,compliant,violating\r\n" +
        `${ids.orgs.gamma},agency-gamma,true,1,1,0,0,0,0,0,none,0,0\r\n`,
    );
  });
});
