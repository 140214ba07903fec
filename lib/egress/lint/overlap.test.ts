import { describe, expect, it } from "vitest";
import { lintGroup, type Finding, type FindingKind } from "./index";
import { context, group, real } from "./test-support/groups";

const of =
  (kind: FindingKind) =>
  (findings: Finding[]): Finding[] =>
    findings.filter((f) => f.kind === kind);
const shadowed = of("shadowed");
const duplicates = of("duplicate");

describe("duplicate rules", () => {
  it("names the later rule and the one it repeats, even when written differently", () => {
    const g = group("dupes", [
      { protocol: "tcp", destination: "10.10.0.0/22", ports: "5432" },
      { protocol: "udp", destination: "10.10.0.0/22", ports: "5432" },
      { protocol: "tcp", destination: "10.10.0.0-10.10.3.255", ports: "5432", description: "again" },
    ]);
    const found = duplicates(lintGroup(g, context()));
    expect(found).toEqual([
      expect.objectContaining({
        severity: "info",
        ruleIndex: 2,
        sentence: "Rule 3 repeats rule 1: it allows exactly the same traffic.",
        fix: "Remove rule 3.",
      }),
    ]);
    // A duplicate is not also reported as shadowed.
    expect(shadowed(lintGroup(g, context()))).toEqual([]);
  });
});

describe("shadowed rules", () => {
  it("within a group: a narrower rule inside a wider one, and a tcp rule inside an all rule", () => {
    const g = group("wide", [
      { protocol: "tcp", destination: "10.10.0.0/16", ports: "443,5432" },
      { protocol: "tcp", destination: "10.10.1.0/24", ports: "443" },
      { protocol: "all", destination: "52.216.0.0/15" },
      { protocol: "tcp", destination: "52.216.1.1", ports: "1-65535" },
      { protocol: "udp", destination: "10.10.1.0/24", ports: "443" },
    ]);
    const found = shadowed(lintGroup(g, context()));
    expect(found.map((f) => f.ruleIndex)).toEqual([1, 3]);
    expect(found[0]?.sentence).toBe(
      "Rule 2 adds nothing: rule 1 of this group already allows all the traffic it allows.",
    );
  });

  it("against a platform-wide group only where that group applies in every lifecycle this one does", () => {
    const dns = real("cf-deployment/dns");
    const mine = group("my-dns", [{ protocol: "udp", destination: "8.8.8.8", ports: "53" }]);
    const found = shadowed(lintGroup(mine, context([dns])));
    expect(found).toHaveLength(1);
    expect(found[0]?.sentence).toBe(
      "Rule 1 adds nothing: rule 2 of the platform-wide group dns already allows all the traffic it allows, wherever this group applies.",
    );
    const stagingDns = group("staging-dns", [{ protocol: "udp", destination: "8.8.8.8", ports: "53" }], {
      boundFor: ["staging"],
    });
    const loadBalancer = real("cf-deployment/load_balancer");
    const stagingOnly = group("lb", [{ protocol: "tcp", destination: "10.244.0.34", ports: "443" }], {
      boundFor: ["staging"],
    });
    // The load balancer group is platform-wide for running only: a staging binding is not shadowed.
    expect(shadowed(lintGroup(stagingOnly, context([loadBalancer])))).toEqual([]);
    expect(shadowed(lintGroup(stagingDns, context([dns])))).toHaveLength(1);
  });

  it("cf-deployment's bosh-lite load_balancer adds nothing beside the internal-networks ops file's group", () => {
    const loadBalancer = real("cf-deployment/load_balancer");
    const internal = real("cf-deployment/internal");
    const seen = [loadBalancer, internal];
    const found = shadowed(lintGroup(loadBalancer, context(seen)));
    expect(found.map((f) => f.sentence)).toEqual([
      "Rule 1 adds nothing: rule 1 of the platform-wide group internal already allows all the traffic it allows, wherever this group applies.",
    ]);
    expect(shadowed(lintGroup(internal, context(seen)))).toEqual([]);
  });

  it("equal rules in two platform-wide groups are reported on one of them only", () => {
    const a = group("a-dns", [{ protocol: "udp", destination: "0.0.0.0/0", ports: "53" }], {
      global: { running: true, staging: true },
      boundFor: [],
    });
    const b = group("b-dns", [{ protocol: "udp", destination: "0.0.0.0/0", ports: "53" }], {
      global: { running: true, staging: true },
      boundFor: [],
    });
    expect(shadowed(lintGroup(a, context([a, b])))).toEqual([]);
    expect(shadowed(lintGroup(b, context([a, b])))).toHaveLength(1);
  });

  it("finds nothing in cf-deployment's default groups together", () => {
    const seen = [real("cf-deployment/public_networks"), real("cf-deployment/dns")];
    for (const g of seen) expect(lintGroup(g, context(seen))).toEqual([]);
  });
});
