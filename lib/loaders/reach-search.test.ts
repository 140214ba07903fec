import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CfClient } from "@/lib/cf/client";
import { parseReachSearch } from "@/lib/egress/reach-query";
import { requestDepth } from "@/scripts/lib/measure";
import { ids } from "@/sim/seed";
import { startTestSim, type TestSim } from "@/sim/testing/harness";
import { searchReachable } from "./reach-search";

/**
 * "Who can reach this?" over the seeded world, read from the stand-in with
 * each user's own token: the answers follow from the seeded groups (design
 * §3: dns everywhere on 53, public_networks_egress bound for running to
 * alpha/prod and alpha/sandbox and enabled for staging everywhere,
 * trusted_local_networks_egress bound for running to alpha/staging,
 * alpha/prod and beta/prod), and the reads are three lists at once.
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
  audrey: { id: ids.users.audrey, isAdmin: false, readsGlobally: false },
};

async function search(user: keyof typeof users, query: Record<string, string>, orgGuid?: string) {
  const parsed = parseReachSearch(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(parsed.message);
  const client = new CfClient({ apiUrl: t.sim.cfUrl, token: await t.token(user) });
  await t.call("DELETE", "/__sim/requests");
  const result = await searchReachable(
    client,
    { ...users[user], name: user, email: "" },
    parsed.query,
    orgGuid,
  );
  const requests = t.sim.requests().filter((r) => r.path.startsWith("/v3/"));
  const rows = result?.spaces.map((s) => [`${s.org.name}/${s.name}`, s.running.status, s.staging.status]);
  return { result, rows, requests };
}

describe("who can reach this? on the seeded world", () => {
  it("RDS on 5432: running allowed where trusted local egress is bound, staging nowhere", async () => {
    const { rows, result, requests } = await search("admin", { destination: "10.10.0.12", ports: "5432" });
    expect(rows).toEqual([
      ["agency-alpha/dev", "blocked", "blocked"],
      ["agency-alpha/prod", "allowed", "blocked"],
      ["agency-alpha/sandbox", "blocked", "blocked"],
      ["agency-alpha/staging", "allowed", "blocked"],
      ["agency-beta/dev", "blocked", "blocked"],
      ["agency-beta/prod", "allowed", "blocked"],
      ["agency-gamma/legacy", "blocked", "blocked"],
    ]);
    expect(result?.spaces[1]?.running.by).toEqual([
      {
        group: { guid: ids.securityGroups.trustedLocal, name: "trusted_local_networks_egress" },
        rule: {
          protocol: "tcp",
          destination: "10.10.0.0/22",
          ports: "5432,3306,1433,1521",
          description: "RDS",
        },
      },
    ]);
    // Orgs, spaces, groups: one list each, together.
    expect(requests.map((r) => r.path.split("?")[0]).sort()).toEqual([
      "/v3/organizations",
      "/v3/security_groups",
      "/v3/spaces",
    ]);
    expect(requestDepth(requests)).toBe(1);
  });

  it("a range of ports beyond what the rule opens is partial; the public web is public egress's", async () => {
    const partial = await search("admin", { destination: "10.10.0.0/24", ports: "5432-5433" });
    expect(partial.rows?.filter(([, running]) => running === "partial").map(([name]) => name)).toEqual([
      "agency-alpha/prod",
      "agency-alpha/staging",
      "agency-beta/prod",
    ]);
    const web = await search("admin", { destination: "93.184.216.34", ports: "443" });
    expect(web.rows?.filter(([, running]) => running === "allowed").map(([name]) => name)).toEqual([
      "agency-alpha/prod",
      "agency-alpha/sandbox",
    ]);
    // Every space stages with public egress (enabled platform-wide for staging).
    expect(web.rows?.every(([, , staging]) => staging === "allowed")).toBe(true);
  });

  it("DNS on udp 53 is open to every space by the platform-wide dns group", async () => {
    const { rows, result } = await search("gale", { destination: "8.8.8.8", ports: "53", protocol: "udp" });
    expect(rows).toHaveLength(7);
    expect(rows?.every(([, running, staging]) => running === "allowed" && staging === "allowed")).toBe(true);
    expect(result?.spaces[0]?.running.by.map((b) => b.group.name)).toEqual(["dns"]);
  });

  it("answers only for the spaces CF shows the user, and scoped to an org", async () => {
    const audrey = await search("audrey", { destination: "10.10.0.12", ports: "5432" });
    expect(audrey.rows).toEqual([["agency-alpha/prod", "allowed", "blocked"]]);
    const scoped = await search("olivia", { destination: "10.10.0.12", ports: "5432" }, ids.orgs.alpha);
    expect(scoped.result?.org).toEqual({ guid: ids.orgs.alpha, name: "agency-alpha" });
    expect(scoped.rows?.map(([name, running]) => `${name} ${running}`)).toEqual([
      "agency-alpha/dev blocked",
      "agency-alpha/prod allowed",
      "agency-alpha/sandbox blocked",
      "agency-alpha/staging allowed",
    ]);
    expect(requestDepth(scoped.requests)).toBeLessThanOrEqual(2);
    expect(await search("olivia", { destination: "10.10.0.12", ports: "5432" }, ids.orgs.beta)).toMatchObject(
      {
        result: null,
      },
    );
  });
});
