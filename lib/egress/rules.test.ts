import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { parseRule, parseRules, type CfRule, type ParsedRule, type RuleField } from "./rules";

/** Inclusive, human-readable form of a parsed rule, so expectations read like the rules themselves. */
function show(rule: ParsedRule) {
  const v4 = (n: number) =>
    ipaddr.fromByteArray([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]).toString();
  const v6 = (n: bigint) =>
    ipaddr
      .fromByteArray(Array.from({ length: 16 }, (_, i) => Number((n >> BigInt(8 * (15 - i))) & 255n)))
      .toString();
  return {
    v4: rule.addresses.v4.map((i) => `${v4(i.lo)}-${v4(i.hi - 1)}`),
    v6: rule.addresses.v6.map((i) => `${v6(i.lo)}-${v6(i.hi - 1n)}`),
    services: rule.services.map((i) => (i.lo === i.hi - 1 ? `${i.lo}` : `${i.lo}-${i.hi - 1}`)),
  };
}

function parsed(rule: CfRule) {
  const result = parseRule(rule, 0);
  if (!result.ok) throw new Error(`expected a valid rule, got: ${result.problem.reason}`);
  return show(result.rule);
}

const tcp = (destination: string, ports = "443"): CfRule => ({ protocol: "tcp", destination, ports });

describe("parseRule: destinations", () => {
  it.each<[string, string, { v4?: string[]; v6?: string[] }]>([
    ["a single IPv4 address", "10.0.0.1", { v4: ["10.0.0.1-10.0.0.1"] }],
    ["a CIDR", "10.0.0.0/24", { v4: ["10.0.0.0-10.0.0.255"] }],
    ["a CIDR with host bits set, as CF's NetAddr", "10.0.0.77/24", { v4: ["10.0.0.0-10.0.0.255"] }],
    ["/0", "0.0.0.0/0", { v4: ["0.0.0.0-255.255.255.255"] }],
    ["/32", "192.0.2.7/32", { v4: ["192.0.2.7-192.0.2.7"] }],
    ["a range", "10.0.0.5-10.0.0.9", { v4: ["10.0.0.5-10.0.0.9"] }],
    ["a range of one address", "10.0.0.5-10.0.0.5", { v4: ["10.0.0.5-10.0.0.5"] }],
    ["the widest range", "0.0.0.0-255.255.255.255", { v4: ["0.0.0.0-255.255.255.255"] }],
    ["a range across octets", "10.0.0.250-10.0.1.3", { v4: ["10.0.0.250-10.0.1.3"] }],
    [
      "a comma list, merged where entries touch",
      "10.0.0.1,10.0.0.2,10.0.1.0/24",
      { v4: ["10.0.0.1-10.0.0.2", "10.0.1.0-10.0.1.255"] },
    ],
    ["a comma list of overlapping entries", "10.0.0.0/8,10.1.0.0/16", { v4: ["10.0.0.0-10.255.255.255"] }],
    ["an IPv6 address", "2001:db8::1", { v6: ["2001:db8::1-2001:db8::1"] }],
    ["an IPv6 CIDR", "2001:db8::/32", { v6: ["2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"] }],
    ["::/0", "::/0", { v6: ["::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"] }],
    ["an IPv6 /128", "2001:db8::5/128", { v6: ["2001:db8::5-2001:db8::5"] }],
    ["an IPv6 range", "2001:db8::1-2001:db8::ff", { v6: ["2001:db8::1-2001:db8::ff"] }],
    [
      "a list mixing IPv4 and IPv6",
      "10.0.0.0/8,2001:db8::/48",
      { v4: ["10.0.0.0-10.255.255.255"], v6: ["2001:db8::-2001:db8:0:ffff:ffff:ffff:ffff:ffff"] },
    ],
  ])("reads %s", (_, destination, expected) => {
    const got = parsed(tcp(destination));
    expect(got.v4).toEqual(expected.v4 ?? []);
    expect(got.v6).toEqual(expected.v6 ?? []);
  });
});

describe("parseRule: ports and ICMP", () => {
  it.each<[string, CfRule, string[]]>([
    ["port 1", tcp("10.0.0.1", "1"), ["1"]],
    ["port 65535", tcp("10.0.0.1", "65535"), ["65535"]],
    ["a port list, sorted", tcp("10.0.0.1", "443,80"), ["80", "443"]],
    ["a port list with spaces around numbers", tcp("10.0.0.1", " 80 , 443 "), ["80", "443"]],
    ["adjacent ports in a list, merged", tcp("10.0.0.1", "80,81,82"), ["80-82"]],
    ["a port range", tcp("10.0.0.1", "8000-9000"), ["8000-9000"]],
    ["the full port range", tcp("10.0.0.1", "1-65535"), ["1-65535"]],
    ["a range with spaces", tcp("10.0.0.1", " 1 - 2 "), ["1-2"]],
    ["a trailing comma, which Ruby's split drops", tcp("10.0.0.1", "80,"), ["80"]],
    ["a zero-padded port, as CF's to_i reads it", tcp("10.0.0.1", "0080"), ["80"]],
    ["udp", { protocol: "udp", destination: "10.0.0.1", ports: "53" }, ["53"]],
    ["all: every service", { protocol: "all", destination: "10.0.0.1" }, ["0-65535"]],
    [
      "icmp, every type and code",
      { protocol: "icmp", destination: "10.0.0.1", type: -1, code: -1 },
      ["0-65535"],
    ],
    ["icmp echo request", { protocol: "icmp", destination: "10.0.0.1", type: 8, code: 0 }, ["2048"]],
    [
      "icmp type 3, every code",
      { protocol: "icmp", destination: "10.0.0.1", type: 3, code: -1 },
      ["768-1023"],
    ],
    [
      "icmp type 255 code 255",
      { protocol: "icmp", destination: "10.0.0.1", type: 255, code: 255 },
      ["65535"],
    ],
    [
      "icmpv6 echo request",
      { protocol: "icmpv6", destination: "2001:db8::/64", type: 128, code: 0 },
      [`${128 * 256}`],
    ],
  ])("reads %s", (_, rule, services) => {
    expect(parsed(rule).services).toEqual(services);
  });

  it("reads icmp code 0 of every type as one point per type", () => {
    const services = parsed({ protocol: "icmp", destination: "10.0.0.1", type: -1, code: 0 }).services;
    expect(services).toHaveLength(256);
    expect(services.slice(0, 3)).toEqual(["0", "256", "512"]);
    expect(services[255]).toBe(`${255 * 256}`);
  });

  it("keeps description and log out of the set", () => {
    const plain = parsed(tcp("10.0.0.0/8"));
    expect(parsed({ ...tcp("10.0.0.0/8"), description: "x", log: true })).toEqual(plain);
  });
});

describe("parseRule: invalid rules come back as problems", () => {
  const many = Array.from({ length: 6001 }, (_, i) => `10.0.${Math.floor(i / 256)}.${i % 256}`).join(",");
  it.each<[string, CfRule, RuleField, string]>([
    ["an unknown protocol", { protocol: "gre", destination: "10.0.0.1" }, "protocol", "protocol must be"],
    ["a protocol in capitals", { ...tcp("10.0.0.1"), protocol: "TCP" }, "protocol", "protocol must be"],
    ["an empty destination", tcp(""), "destination", "must be a valid CIDR"],
    ["whitespace in the destination", tcp("10.0.0.0 /24"), "destination", "must not contain whitespace"],
    ["a leading-zero octet", tcp("010.0.0.0/24"), "destination", "cannot contain leading zeros"],
    ["a leading-zero last octet", tcp("10.0.0.01"), "destination", "cannot contain leading zeros"],
    [
      "a leading zero in a range end",
      tcp("10.0.0.1-10.0.0.09"),
      "destination",
      "cannot contain leading zeros",
    ],
    ["an octet over 255", tcp("10.0.0.256"), "destination", "must be a valid CIDR"],
    ["three octets", tcp("10.0.0"), "destination", "must be a valid CIDR"],
    ["a shorthand address that ipaddr.js would accept", tcp("10.1"), "destination", "must be a valid CIDR"],
    ["a hexadecimal octet", tcp("0x0a.0.0.1"), "destination", "must be a valid CIDR"],
    ["a host name", tcp("example.com"), "destination", "must be a valid CIDR"],
    ["a prefix over 32", tcp("10.0.0.0/33"), "destination", "must be a valid CIDR"],
    ["an IPv6 prefix over 128", tcp("2001:db8::/129"), "destination", "must be a valid CIDR"],
    ["two prefixes", tcp("10.0.0.0/8/8"), "destination", "must be a valid CIDR"],
    ["an empty prefix", tcp("10.0.0.0/"), "destination", "must be a valid CIDR"],
    ["an inverted range", tcp("10.0.0.9-10.0.0.5"), "destination", "range endpoints are inverted"],
    ["an inverted IPv6 range", tcp("2001:db8::9-2001:db8::1"), "destination", "range endpoints are inverted"],
    ["a CIDR as a range end", tcp("10.0.0.0/24-10.0.1.0"), "destination", "range is invalid"],
    ["a range of mixed IP versions", tcp("10.0.0.1-2001:db8::1"), "destination", "different IP versions"],
    ["a range with three ends", tcp("10.0.0.1-10.0.0.2-10.0.0.3"), "destination", "must be a valid CIDR"],
    ["an empty list entry", tcp("10.0.0.1,,10.0.0.2"), "destination", "must not contain empty entries"],
    ["a trailing comma in a destination", tcp("10.0.0.1,"), "destination", "must not contain empty entries"],
    ["a bad list entry, named", tcp("10.0.0.1,10.0.0.300"), "destination", 'entry "10.0.0.300"'],
    ["more than 6000 list entries", tcp(many), "destination", "at most 6000 entries"],
    ["an IPv6 zone id", tcp("fe80::1%eth0"), "destination", "must be a valid CIDR"],
    ["a malformed IPv6 address", tcp("2001:db8::1::2"), "destination", "must be a valid CIDR"],
    [
      "icmp to an IPv6 address",
      { protocol: "icmp", destination: "2001:db8::1", type: -1, code: -1 },
      "destination",
      'for protocol "icmp" you cannot use IPv6 addresses',
    ],
    [
      "icmpv6 to an IPv4 address",
      { protocol: "icmpv6", destination: "10.0.0.1", type: -1, code: -1 },
      "destination",
      'for protocol "icmpv6" you cannot use IPv4 addresses',
    ],
    ["tcp without ports", { protocol: "tcp", destination: "10.0.0.1" }, "ports", "ports are required"],
    ["udp without ports", { protocol: "udp", destination: "10.0.0.1" }, "ports", "ports are required"],
    ["port 0", tcp("10.0.0.1", "0"), "ports", "ports must be a valid"],
    ["port 65536", tcp("10.0.0.1", "65536"), "ports", "ports must be a valid"],
    ["a range whose ends are equal", tcp("10.0.0.1", "80-80"), "ports", "ports must be a valid"],
    ["an inverted port range", tcp("10.0.0.1", "90-80"), "ports", "ports must be a valid"],
    ["a range inside a list", tcp("10.0.0.1", "80-90,100"), "ports", "ports must be a valid"],
    ["a port range up to 65536", tcp("10.0.0.1", "1-65536"), "ports", "ports must be a valid"],
    ["a port name", tcp("10.0.0.1", "http"), "ports", "ports must be a valid"],
    ["a leading comma", tcp("10.0.0.1", ",80"), "ports", "ports must be a valid"],
    ["empty ports", tcp("10.0.0.1", ""), "ports", "ports must be a valid"],
    ["a range with three ends", tcp("10.0.0.1", "1-2-3"), "ports", "ports must be a valid"],
    [
      "ports on all",
      { protocol: "all", destination: "10.0.0.1", ports: "80" },
      "ports",
      "not allowed for protocols of type all",
    ],
    ["a type on tcp", { ...tcp("10.0.0.1"), type: 0 }, "type", "not allowed for protocol tcp"],
    [
      "a code on all",
      { protocol: "all", destination: "10.0.0.1", code: 0 },
      "code",
      "not allowed for protocol all",
    ],
    ["icmp without type", { protocol: "icmp", destination: "10.0.0.1", code: 0 }, "type", "type is required"],
    ["icmp without code", { protocol: "icmp", destination: "10.0.0.1", type: 0 }, "code", "code is required"],
    [
      "icmp type 256",
      { protocol: "icmp", destination: "10.0.0.1", type: 256, code: 0 },
      "type",
      "between -1 and 255",
    ],
    [
      "icmp code -2",
      { protocol: "icmp", destination: "10.0.0.1", type: 0, code: -2 },
      "code",
      "between -1 and 255",
    ],
    [
      "a fractional icmp type",
      { protocol: "icmp", destination: "10.0.0.1", type: 1.5, code: 0 },
      "type",
      "between",
    ],
    [
      "ports on icmp",
      { protocol: "icmp", destination: "10.0.0.1", ports: "80", type: -1, code: -1 },
      "ports",
      "ports are not allowed for protocol icmp",
    ],
  ])("reports %s", (_, rule, field, reason) => {
    const result = parseRule(rule, 7);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.ruleIndex).toBe(7);
    expect(result.problem.field).toBe(field);
    expect(result.problem.reason).toContain(reason);
  });

  it("reads wrongly typed JSON as a problem rather than throwing", () => {
    expect(parseRule(JSON.parse("null") as CfRule, 3)).toEqual({
      ok: false,
      problem: { ruleIndex: 3, field: "rule", reason: "must be an object" },
    });
    const rule = JSON.parse('{"protocol": "tcp", "destination": 10, "ports": "80"}') as CfRule;
    expect(parseRule(rule, 0)).toMatchObject({ ok: false, problem: { field: "destination" } });
    const ports = JSON.parse('{"protocol": "tcp", "destination": "10.0.0.1", "ports": 80}') as CfRule;
    expect(parseRule(ports, 0)).toMatchObject({ ok: false, problem: { field: "ports" } });
  });
});

describe("parseRules", () => {
  it("keeps the readable rules with their original indexes and reports the others", () => {
    const { rules, problems } = parseRules([
      tcp("10.0.0.1"),
      tcp("bad"),
      tcp("10.0.0.2", "0"),
      tcp("10.0.0.3"),
    ]);
    expect(rules.map((r) => r.ruleIndex)).toEqual([0, 3]);
    expect(problems.map((p) => [p.ruleIndex, p.field])).toEqual([
      [1, "destination"],
      [2, "ports"],
    ]);
  });
});
