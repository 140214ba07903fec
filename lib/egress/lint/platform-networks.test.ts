import { describe, expect, it } from "vitest";
import { parsePlatform } from "../platform";
import cfDeployment from "../../../platforms/cf-deployment.json";
import { lintContext, lintGroup, type Finding } from "./index";
import { context, group, real } from "./test-support/groups";

const network = (findings: Finding[]): Finding[] =>
  findings.filter((f) => f.kind === "platform-network-public");

describe("platform networks opened to a public-egress profile", () => {
  it("is an error when the public profile's group reaches a brokered subnet, naming each one", () => {
    // cf-networking-release's wide-open group, as the built-in file's public profile's group.
    const wide = real("cf-networking-release/overlay-interaction", { name: "public_networks_egress" });
    const found = network(lintGroup(wide, context()));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", ruleIndex: 0 });
    expect(found[0]?.sentence).toBe(
      "Rule 1 opens the platform networks of S3 (brokered) (10.10.8.0/24), RDS (10.10.0.0/22), Redis (10.10.4.0/24), Elasticsearch (10.10.5.0/24) to every space with the Public egress profile.",
    );
  });

  it("only where ports and protocol meet too", () => {
    const g = group("public_networks_egress", [
      { protocol: "tcp", destination: "10.10.0.0/16", ports: "6379" },
      { protocol: "udp", destination: "10.10.0.0/16", ports: "6379" },
      { protocol: "tcp", destination: "10.10.0.0/16", ports: "22" },
    ]);
    const found = network(lintGroup(g, context()));
    expect(found.map((f) => f.ruleIndex)).toEqual([0]);
    expect(found[0]?.sentence).toContain("platform network of Redis (10.10.4.0/24)");
  });

  it("is not said of the trusted-local profile's group, nor of cf-deployment's public_networks", () => {
    const trusted = group("trusted_local_networks_egress", [
      { protocol: "tcp", destination: "10.10.0.0/22", ports: "5432" },
    ]);
    expect(network(lintGroup(trusted, context()))).toEqual([]);
    const platform = parsePlatform(cfDeployment);
    const ctx = lintContext(
      { dynamicAsgs: true, seesAllBindings: true, catalog: platform.catalog, profiles: platform.profiles },
      [],
    );
    expect(network(lintGroup(real("cf-deployment/public_networks"), ctx))).toEqual([]);
    // cf-deployment's internal ops-file group, were it the public profile's group, opens its PostgreSQL.
    const internal = real("cf-deployment/internal", { name: "public_networks" });
    expect(network(lintGroup(internal, ctx)).map((f) => f.sentence)).toEqual([
      "Rule 1 opens the platform network of PostgreSQL (private network) (10.10.0.0/22) to every space with the Public networks profile.",
    ]);
  });
});
