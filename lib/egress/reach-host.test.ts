import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDns, type StandInDns } from "@/sim/dns";
import { seed } from "@/sim/seed";
import { defaultCatalog } from "./default-catalog";
import type { SecurityGroup } from "./evaluate";
import { DEFAULT_PROFILES } from "./profiles";
import { answerReach, type ReachContext } from "./reach-host";

/** "Can my app reach …?" on sandbox as sasha sees it: public egress on, Trusted local's group hidden. */

const group = (name: string): SecurityGroup => {
  const g = seed.securityGroups.find((s) => s.name === name);
  if (!g) throw new Error(name);
  return { name: g.name, guid: g.guid, rules: g.rules };
};
const [publicProfile, trustedLocal] = DEFAULT_PROFILES;

let dns: StandInDns;
let context: ReachContext;
beforeAll(async () => {
  dns = await startDns({ port: 0 });
  context = {
    running: [group("dns"), group("public_networks_egress")],
    candidates: [{ profile: trustedLocal!, group: null }],
    catalog: defaultCatalog,
    dnsServer: `127.0.0.1:${dns.port}`,
  };
});
afterAll(() => dns.close());

describe("answerReach", () => {
  it("resolves the stand-in's host names with its DNS server, and says so", async () => {
    const answer = await answerReach(context, { host: "example.com", port: "443" });
    expect(answer).toEqual({
      ok: true,
      host: "example.com",
      resolved: true,
      protocol: "tcp",
      port: 443,
      answers: [
        {
          address: "93.184.216.34",
          allowed: true,
          by: { group: "public_networks_egress", ruleIndex: 1 },
        },
      ],
    });
  });

  it("names the profile that would open a refused address, from the platform file when its group is hidden", async () => {
    const answer = await answerReach(context, { host: "rds.agency-alpha.internal", port: "5432" });
    expect(answer.ok && answer.answers).toEqual([
      { address: "10.10.0.12", allowed: false, fix: { profile: trustedLocal, available: false } },
    ]);
    const ldap = await answerReach(context, { host: "ldap.agency-alpha.internal", port: "389" });
    expect(ldap.ok && ldap.answers).toEqual([{ address: "10.20.0.5", allowed: false, fix: null }]);
  });

  it("finds the fix by the rules of a group the user sees", async () => {
    const closed: ReachContext = {
      ...context,
      running: [group("dns")],
      candidates: [
        { profile: publicProfile!, group: group("public_networks_egress") },
        { profile: trustedLocal!, group: group("trusted_local_networks_egress") },
      ],
    };
    const rds = await answerReach(closed, { host: "10.10.0.12", port: "5432" });
    expect(rds.ok && rds.answers[0]?.fix).toEqual({ profile: trustedLocal, available: true });
    // Port 22 on the RDS subnet: no profile opens it.
    const ssh = await answerReach(closed, { host: "10.10.0.12", port: "22" });
    expect(ssh.ok && ssh.answers[0]?.fix).toBeNull();
  });

  it("says a host the DNS server does not know could not be resolved from the dashboard's network", async () => {
    expect(await answerReach(context, { host: "nowhere.internal", port: "443" })).toEqual({
      ok: false,
      message: "nowhere.internal could not be resolved from the dashboard's network.",
    });
  });
});
