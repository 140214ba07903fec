import { describe, expect, it } from "vitest";
import { lintGroup } from "./index";
import { context, group, real } from "./test-support/groups";

const kinds = (findings: { kind: string }[]) => findings.map((f) => f.kind);

describe("all protocols to every address", () => {
  it("is an error for cf-networking-release's wide-open acceptance group (all to 0.0.0.0/0)", () => {
    const findings = lintGroup(real("cf-networking-release/overlay-interaction"), context());
    const finding = findings.find((f) => f.kind === "all-open");
    expect(finding).toMatchObject({ severity: "error", ruleIndex: 0 });
    expect(finding?.sentence).toBe(
      "Rule 1 allows every protocol to every IPv4 address (0.0.0.0/0), including the platform's own networks and the cloud metadata address 169.254.169.254.",
    );
    expect(finding?.fix).toMatch(/^List only the destinations apps need/);
  });

  it("counts a range covering everything and ::/0", () => {
    const range = lintGroup(
      group("r", [{ protocol: "all", destination: "0.0.0.0-255.255.255.255" }]),
      context(),
    );
    expect(kinds(range)).toContain("all-open");
    const v6 = lintGroup(group("v6", [{ protocol: "all", destination: "::/0" }]), context());
    expect(v6.find((f) => f.kind === "all-open")?.sentence).toContain("every IPv6 address (::/0)");
  });

  it("says so once for a group whose all rules only together cover every address", () => {
    const findings = lintGroup(
      group("halves", [
        { protocol: "all", destination: "0.0.0.0/1" },
        { protocol: "all", destination: "128.0.0.0/1" },
      ]),
      context(),
    );
    const open = findings.filter((f) => f.kind === "all-open");
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ severity: "error" });
    expect(open[0]).not.toHaveProperty("ruleIndex");
    expect(open[0]?.sentence).toMatch(/^Together, this group's rules of protocol all/);
  });

  it("leaves out cf-deployment's public_networks (it skips the private ranges), its IPv6 group and tcp to everything", () => {
    for (const id of [
      "cf-deployment/public_networks",
      "cf-deployment/public_networks_ipv6",
      "cf-networking-release/tcp-asg",
    ] as const)
      expect(kinds(lintGroup(real(id), context()))).not.toContain("all-open");
  });
});

describe("ICMP any with dynamic ASGs", () => {
  const icmpAny = group("ping-all", [{ protocol: "icmp", destination: "10.0.0.0/8", type: -1, code: -1 }]);

  it("warns when DYNAMIC_ASGS is on, naming the type", () => {
    const finding = lintGroup(icmpAny, context()).find((f) => f.kind === "icmp-any");
    expect(finding).toMatchObject({ severity: "warning", ruleIndex: 0 });
    expect(finding?.sentence).toContain("Rule 1 allows every ICMP type (type -1)");
    expect(finding?.fix).toContain("silk-release 3.5.0");
  });

  it("also for type 255, which iptables reads as any too", () => {
    const g = group("t255", [{ protocol: "icmp", destination: "10.0.0.0/8", type: 255, code: 0 }]);
    expect(kinds(lintGroup(g, context()))).toContain("icmp-any");
  });

  it("says nothing when dynamic ASGs are off, or for a named type (cf-networking-release's icmp-asg)", () => {
    expect(kinds(lintGroup(icmpAny, context([], { dynamicAsgs: false })))).not.toContain("icmp-any");
    expect(kinds(lintGroup(real("cf-networking-release/icmp-asg"), context()))).not.toContain("icmp-any");
  });
});

describe("ports written with spaces", () => {
  it("warns and gives the list without spaces", () => {
    const g = group("spaced", [{ protocol: "tcp", destination: "93.184.216.0/24", ports: "80, 443" }]);
    const finding = lintGroup(g, context()).find((f) => f.kind === "spaced-ports");
    expect(finding).toMatchObject({
      severity: "warning",
      ruleIndex: 0,
      fix: 'Write the ports without spaces: "80,443".',
    });
    expect(finding?.sentence).toContain('("80, 443")');
    expect(finding?.sentence).toContain("cf-networking-release issue 149");
  });

  it("leaves tidy ports alone (cf-networking-release's tcp-asg: 80,443)", () => {
    expect(kinds(lintGroup(real("cf-networking-release/tcp-asg"), context()))).not.toContain("spaced-ports");
  });
});
