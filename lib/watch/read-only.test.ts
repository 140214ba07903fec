import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CfClient } from "@/lib/cf/client";
import { listOrganizations } from "@/lib/cf/orgs";
import { bindSecurityGroup } from "@/lib/cf/security-groups";
import { ids } from "@/sim/seed";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import { readOnlyFetch } from "./read-only";

/** The watcher's CF client reads, and refuses to send a write even with a token that could make it. */

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.close();
});

describe("readOnlyFetch", () => {
  it("lets reads through and refuses writes before they are sent, whatever the token may do", async () => {
    // An admin's token: CF would accept the bind, so only the guard stands in its way.
    const client = new CfClient({
      apiUrl: t.sim.cfUrl,
      token: await t.token("admin"),
      fetch: readOnlyFetch(),
    });
    expect((await listOrganizations(client)).length).toBe(3);
    await t.call("DELETE", "/__sim/requests");
    const refused = await bindSecurityGroup(client, ids.securityGroups.public, "running", [
      ids.spaces.alphaDev,
    ]).catch((error: unknown) => error);
    expect(String(refused)).toMatch(/could not connect|reading only/);
    expect(t.sim.requests()).toEqual([]);
  });
});
