import { describe, expect, it } from "vitest";
import { seed } from "@/sim/seed";
import type { SecurityGroup } from "./evaluate";
import { canReach, type ReachQuery } from "./reach";

const groups: SecurityGroup[] = seed.securityGroups.map((g) => ({
  name: g.name,
  guid: g.guid,
  rules: g.rules,
}));
const [dns, publicEgress, trustedLocal] = groups;
const both = [dns, publicEgress, trustedLocal].filter((g) => g !== undefined);

describe("canReach", () => {
  it("answers the reachability question with the rule that allows it", () => {
    const answer = canReach(both, { address: "203.0.113.7", protocol: "tcp", port: 8443 });
    expect(answer).toEqual({
      ok: true,
      allowed: true,
      by: {
        group: "public_networks_egress",
        ruleIndex: 4,
        rule: { protocol: "all", destination: "192.169.0.0-255.255.255.255", description: "Public internet" },
      },
    });
  });

  it.each<[string, ReachQuery, boolean, string?]>([
    [
      "RDS on 5432",
      { address: "10.10.3.255", protocol: "tcp", port: 5432 },
      true,
      "trusted_local_networks_egress#0",
    ],
    ["RDS on another port", { address: "10.10.0.1", protocol: "tcp", port: 5433 }, false],
    ["just past the RDS subnet", { address: "10.10.4.0", protocol: "tcp", port: 5432 }, false],
    ["DNS over udp anywhere", { address: "10.1.2.3", protocol: "udp", port: 53 }, true, "dns#0"],
    ["udp elsewhere in 10/8", { address: "10.1.2.3", protocol: "udp", port: 54 }, false],
    [
      "the last address before 10/8",
      { address: "9.255.255.255", protocol: "udp", port: 9 },
      true,
      "public_networks_egress#0",
    ],
    ["link-local, excluded from public", { address: "169.254.169.254", protocol: "tcp", port: 80 }, false],
    [
      "the top address",
      { address: "255.255.255.255", protocol: "tcp", port: 65535 },
      true,
      "public_networks_egress#4",
    ],
    [
      "ping to the internet, by the all rules",
      { address: "198.51.100.1", protocol: "icmp" },
      true,
      "public_networks_egress#4",
    ],
    ["ping to a private address", { address: "10.10.0.1", protocol: "icmp" }, false],
    ["IPv6, with only IPv4 rules", { address: "2001:db8::1", protocol: "tcp", port: 443 }, false],
  ])("%s", (_, query, allowed, by) => {
    const answer = canReach(both, query);
    expect(answer.ok && answer.allowed).toBe(allowed);
    if (answer.ok) expect(answer.by && `${answer.by.group}#${answer.by.ruleIndex}`).toBe(by);
  });

  it("reads IPv6 rules, ICMP types and ignores unreadable rules", () => {
    const custom: SecurityGroup[] = [
      {
        name: "v6",
        rules: [
          { protocol: "tcp", destination: "010.0.0.1", ports: "443" },
          { protocol: "tcp", destination: "2001:db8::/32", ports: "443" },
          { protocol: "icmpv6", destination: "::/0", type: 128, code: -1 },
        ],
      },
    ];
    expect(canReach(custom, { address: "2001:DB8::abcd", protocol: "tcp", port: 443 })).toMatchObject({
      allowed: true,
      by: { ruleIndex: 1 },
    });
    expect(canReach(custom, { address: "10.0.0.1", protocol: "tcp", port: 443 })).toEqual({
      ok: true,
      allowed: false,
    });
    expect(canReach(custom, { address: "2001:db9::1", protocol: "icmpv6" })).toMatchObject({
      allowed: true,
      by: { ruleIndex: 2 },
    });
    expect(canReach(custom, { address: "2001:db9::1", protocol: "icmpv6", type: 1, code: 0 })).toMatchObject({
      allowed: false,
    });
  });

  it.each<[string, ReachQuery, string, string]>([
    [
      "a host name",
      { address: "example.com", protocol: "tcp", port: 443 },
      "address",
      "not an IPv4 or IPv6 address",
    ],
    [
      "an empty address",
      { address: "", protocol: "tcp", port: 443 },
      "address",
      "not an IPv4 or IPv6 address",
    ],
    [
      "a CIDR",
      { address: "10.0.0.0/8", protocol: "tcp", port: 443 },
      "address",
      "not an IPv4 or IPv6 address",
    ],
    ["a leading-zero octet", { address: "010.0.0.1", protocol: "tcp", port: 443 }, "address", "not an IPv4"],
    ["a missing port", { address: "10.0.0.1", protocol: "tcp" }, "port", "a port is needed for tcp"],
    ["port 0", { address: "10.0.0.1", protocol: "udp", port: 0 }, "port", "from 1 to 65535"],
    ["port 65536", { address: "10.0.0.1", protocol: "tcp", port: 65536 }, "port", "from 1 to 65535"],
    ["a fractional port", { address: "10.0.0.1", protocol: "tcp", port: 80.5 }, "port", "from 1 to 65535"],
    ["icmp to IPv6", { address: "::1", protocol: "icmp" }, "protocol", "use icmpv6"],
    ["icmpv6 to IPv4", { address: "10.0.0.1", protocol: "icmpv6" }, "protocol", "use icmp"],
    [
      "an ICMP type out of range",
      { address: "10.0.0.1", protocol: "icmp", type: 256 },
      "type",
      "from 0 to 255",
    ],
    ["an ICMP code of -1", { address: "10.0.0.1", protocol: "icmp", code: -1 }, "code", "from 0 to 255"],
  ])("reports %s as a problem, not an exception", (_, query, field, reason) => {
    const answer = canReach(both, query);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.problem.field).toBe(field);
    expect(answer.problem.reason).toContain(reason);
  });

  it("tolerates spaces around a typed address", () => {
    expect(canReach(both, { address: " 203.0.113.7 ", protocol: "tcp", port: 443 })).toMatchObject({
      allowed: true,
    });
  });
});
