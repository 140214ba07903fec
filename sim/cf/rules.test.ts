import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim } from "../testing/harness";
import { ruleProblems, validPorts, type RuleFlags } from "./rules";

/** Rule validation of docs/cf-behaviour.md §2.4, each case with CC's exact message. */

const stock: RuleFlags = { enableIpv6: false, enableCommaDelimitedDestinations: false };
const ipv6: RuleFlags = { ...stock, enableIpv6: true };
const commas: RuleFlags = { ...stock, enableCommaDelimitedDestinations: true };

const GENERIC = "destination must be a valid CIDR, IP address, or IP address range";
const PORTS_FORMAT =
  "ports must be a valid single port, comma separated list of ports, or range or ports, formatted as a string";

const tcp = (destination: string, ports = "443") => ({ protocol: "tcp", destination, ports });

describe("rule validation messages", () => {
  const cases: [string, unknown, RuleFlags, string[]][] = [
    ["a valid tcp rule", tcp("10.0.0.0/24"), stock, []],
    ["a single address", tcp("10.0.0.1"), stock, []],
    ["a range", tcp("10.0.0.1-10.0.0.9"), stock, []],
    ["/0 and /32", tcp("0.0.0.0/0"), stock, []],
    ["protocol all without ports", { protocol: "all", destination: "0.0.0.0/0" }, stock, []],
    [
      "an unknown protocol",
      { protocol: "sctp", destination: "10.0.0.0/8" },
      stock,
      ["Rules[0]: protocol must be 'tcp', 'udp', 'icmp', 'icmpv6' or 'all'"],
    ],
    [
      "leading zeros in an octet",
      tcp("010.0.0.0/24"),
      stock,
      ["Rules[0]: destination octets cannot contain leading zeros"],
    ],
    [
      "an inverted range",
      tcp("10.0.0.9-10.0.0.1"),
      stock,
      [
        "Rules[0]: beginning of IP address range is numerically greater than the end of its range (range endpoints are inverted)",
      ],
    ],
    [
      "a range end with a prefix",
      tcp("10.0.0.0/24-10.0.1.0"),
      stock,
      ["Rules[0]: destination IP address range is invalid"],
    ],
    ["whitespace", tcp("10.0.0.0/24 "), stock, ["Rules[0]: destination must not contain whitespace"]],
    ["a missing destination", { protocol: "all" }, stock, [`Rules[0]: ${GENERIC}`]],
    ["a prefix over 32", tcp("10.0.0.0/33"), stock, [`Rules[0]: ${GENERIC}`]],
    ["IPv6 while IPv6 is off", tcp("2001:db8::/32"), stock, [`Rules[0]: ${GENERIC}`]],
    ["IPv6 while IPv6 is on", tcp("2001:db8::/32"), ipv6, []],
    ["an IPv6 range while on", tcp("2001:db8::1-2001:db8::ff"), ipv6, []],
    [
      "icmp to an IPv6 address",
      { protocol: "icmp", destination: "2001:db8::1", type: 8, code: 0 },
      ipv6,
      ['Rules[0]: for protocol "icmp" you cannot use IPv6 addresses'],
    ],
    [
      "icmpv6 while IPv6 is off",
      { protocol: "icmpv6", destination: "::/0", type: -1, code: -1 },
      stock,
      [`Rules[0]: ${GENERIC}`, "Rules[0]: icmpv6 cannot be used if enable_ipv6 is false"],
    ],
    ["a comma list while lists are off", tcp("1.1.1.1,2.2.2.2"), stock, [`Rules[0]: ${GENERIC}`]],
    ["a comma list while lists are on", tcp("1.1.1.1,2.2.2.0/24,10.0.0.0-10.0.0.255"), commas, []],
    [
      "an empty entry in a comma list",
      tcp("1.1.1.1,"),
      commas,
      [
        "Rules[0]: empty destination specified in comma-delimited list",
        "Rules[0]: destination must contain valid CIDR(s), IP address(es), or IP address range(s)",
      ],
    ],
    [
      "tcp without ports",
      { protocol: "tcp", destination: "10.0.0.0/8" },
      stock,
      ["Rules[0]: ports are required for protocols of type TCP and UDP", `Rules[0]: ${PORTS_FORMAT}`],
    ],
    ["port 0", tcp("10.0.0.0/8", "0"), stock, [`Rules[0]: ${PORTS_FORMAT}`]],
    ["port 65536", tcp("10.0.0.0/8", "65536"), stock, [`Rules[0]: ${PORTS_FORMAT}`]],
    ["a range inside a list", tcp("10.0.0.0/8", "80,8000-9000"), stock, [`Rules[0]: ${PORTS_FORMAT}`]],
    ["a range with equal ends", tcp("10.0.0.0/8", "8000-8000"), stock, [`Rules[0]: ${PORTS_FORMAT}`]],
    [
      "ports on protocol all",
      { protocol: "all", destination: "0.0.0.0/0", ports: "443" },
      stock,
      ["Rules[0]: ports are not allowed for protocols of type all"],
    ],
    [
      "icmp without type and code",
      { protocol: "icmp", destination: "10.0.0.0/8" },
      stock,
      [
        "Rules[0]: code is required for protocols of type ICMP",
        "Rules[0]: code must be an integer between -1 and 255 (inclusive)",
        "Rules[0]: type is required for protocols of type ICMP",
        "Rules[0]: type must be an integer between -1 and 255 (inclusive)",
      ],
    ],
    [
      "icmp code 0 counts as given",
      { protocol: "icmp", destination: "10.0.0.0/8", type: 0, code: 0 },
      stock,
      [],
    ],
    [
      "an unknown key",
      { ...tcp("10.0.0.0/8"), color: "red" },
      stock,
      ['Rules[0]: unknown field(s): ["color"]'],
    ],
    ["a non-boolean log", { ...tcp("10.0.0.0/8"), log: "yes" }, stock, ["Rules[0]: log must be a boolean"]],
    // The model validator runs only once the message validator passed.
    [
      "type on a tcp rule",
      { ...tcp("10.0.0.0/8"), type: 8 },
      stock,
      ["rules rule number 1 contains the invalid field 'type'"],
    ],
    [
      "ports on an icmp rule",
      { protocol: "icmp", destination: "10.0.0.0/8", type: 8, code: 0, ports: "80" },
      stock,
      ["rules rule number 1 contains the invalid field 'ports'"],
    ],
  ];

  it.each(cases)("%s", (_name, rule, flags, expected) => {
    expect(ruleProblems([rule], flags)).toEqual(expected);
  });

  it("numbers every rule and reports them all", () => {
    expect(
      ruleProblems([tcp("10.0.0.0/8"), { protocol: "x", destination: "10.0.0.0/8" }, tcp("1.2.3")], stock),
    ).toEqual(["Rules[1]: protocol must be 'tcp', 'udp', 'icmp', 'icmpv6' or 'all'", `Rules[2]: ${GENERIC}`]);
  });

  it("caps comma lists at 6000 destinations", () => {
    const many = Array.from({ length: 6001 }, (_, i) => `10.${Math.floor(i / 256) % 256}.${i % 256}.1`).join(
      ",",
    );
    expect(ruleProblems([tcp(many)], commas)).toEqual([
      "Rules[0]: maximum destinations per rule exceeded - must be under 6000",
    ]);
  });

  it("accepts the port forms CF accepts", () => {
    expect(["1", "65535", "80,443", " 80 , 443 ", "8000-9000", " 1 - 65535 "].every(validPorts)).toBe(true);
    expect(["", "a", "80;443", "9000-8000", "1-2-3", "80,", "-1"].some(validPorts)).toBe(false);
  });
});

describe("rule validation over HTTP", () => {
  let t: TestSim;
  beforeAll(async () => {
    t = await startTestSim();
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers 422 with the fixture's exact body", async () => {
    const res = await t.call("POST", "/v3/security_groups", {
      user: "admin",
      body: { name: "bad", rules: [{ protocol: "sctp", destination: "10.0.0.0/8" }] },
    });
    expect(res.status).toBe(422);
    const fixture: unknown = JSON.parse(
      readFileSync(
        new URL("../fixtures/capi/error_security_group_invalid_rule.json", import.meta.url),
        "utf8",
      ),
    );
    expect(res.body).toEqual(fixture);
  });

  it("joins every problem with a comma, and creates nothing", async () => {
    const res = await t.call("POST", "/v3/security_groups", {
      user: "admin",
      body: { name: "bad", rules: [tcp("010.0.0.0/8"), { protocol: "all", destination: "1.1.1.1,2.2.2.2" }] },
    });
    expect(res.status).toBe(422);
    expect((res.body as { errors: { detail: string }[] }).errors[0]?.detail).toBe(
      `Rules[0]: destination octets cannot contain leading zeros, Rules[1]: ${GENERIC}`,
    );
    const list = await t.call("GET", "/v3/security_groups?names=bad", { user: "admin" });
    expect((list.body as { resources: unknown[] }).resources).toEqual([]);
  });

  it("switches IPv6 and comma lists on when the operator does", async () => {
    const open = await startTestSim({ flags: { enableIpv6: true, enableCommaDelimitedDestinations: true } });
    try {
      const res = await open.call("POST", "/v3/security_groups", {
        user: "admin",
        body: { name: "v6", rules: [tcp("2001:db8::/32,10.0.0.1")] },
      });
      expect(res.status).toBe(201);
    } finally {
      await open.close();
    }
  });
});
