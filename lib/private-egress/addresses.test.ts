import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { defaultCatalog } from "@/lib/egress/default-catalog";
import { checkPrivateCidrs, checkPublicIp, MAX_PRIVATE_CIDRS } from "./addresses";
import { platformNetworksOf } from "./platform-networks";
import { SPECIAL_RANGES, specialRangeOf } from "./special-ranges";

const platform = platformNetworksOf(defaultCatalog);

function messagesOf(result: { ok: true } | { ok: false; messages: string[] }): string[] {
  return result.ok ? [] : result.messages;
}

describe("the special-purpose table", () => {
  it("agrees with ipaddr.js's range() on every address", () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), (n) => {
        const address = ipaddr.fromByteArray([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
        if (address.kind() !== "ipv4") throw new Error("not IPv4");
        const v4 = address as ipaddr.IPv4;
        const inTable = SPECIAL_RANGES.some((range) => v4.match(range.parsed));
        expect(inTable).toBe(v4.range() !== "unicast");
      }),
      { numRuns: 20_000 },
    );
  });

  it("names each block by its first address, and the last address too", () => {
    for (const range of SPECIAL_RANGES) {
      const first = ipaddr.IPv4.networkAddressFromCIDR(range.cidr);
      const last = ipaddr.IPv4.broadcastAddressFromCIDR(range.cidr);
      expect(first.range(), range.cidr).not.toBe("unicast");
      expect(last.range(), range.cidr).not.toBe("unicast");
      expect(specialRangeOf(first)?.cidr).toBe(range.cidr);
      // The last address may belong to a block nested inside (255.255.255.255 within 240.0.0.0/4).
      const named = specialRangeOf(last);
      expect(named && last.match(named.parsed) && named.parsed[1] >= range.parsed[1]).toBe(true);
    }
  });

  it("names the most specific block (0.0.0.0/8 within, 255.255.255.255 within 240.0.0.0/4)", () => {
    expect(specialRangeOf(ipaddr.IPv4.parse("255.255.255.255"))?.cidr).toBe("255.255.255.255/32");
    expect(specialRangeOf(ipaddr.IPv4.parse("255.255.255.254"))?.cidr).toBe("240.0.0.0/4");
  });
});

describe("checkPublicIp", () => {
  it.each([
    "52.216.1.10",
    "1.1.1.1",
    " 93.184.216.34 ",
    "9.255.255.255",
    "11.0.0.0",
    "100.63.255.255", // just below CGNAT
    "100.128.0.0", // just above CGNAT
    "126.255.255.255",
    "128.0.0.0",
    "169.253.255.255",
    "169.255.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "192.0.1.255", // between 192.0.0.0/24 and TEST-NET-1
    "192.0.3.0",
    "192.88.98.255",
    "192.167.255.255",
    "192.169.0.0",
    "198.17.255.255", // just below benchmarking
    "198.20.0.0", // just above benchmarking
    "198.51.99.255",
    "203.0.112.255",
    "203.0.114.0",
    "223.255.255.255",
  ])("accepts %s", (text) => {
    expect(checkPublicIp(text)).toEqual({ ok: true, value: text.trim() });
  });

  // Every block of the IANA special-purpose registry, and multicast: its first and last address.
  it.each(SPECIAL_RANGES.map((range) => [range.cidr, range.name] as const))(
    "refuses the first and last address of %s (%s)",
    (cidr, name) => {
      const first = ipaddr.IPv4.networkAddressFromCIDR(cidr).toString();
      const last = ipaddr.IPv4.broadcastAddressFromCIDR(cidr).toString();
      expect(messagesOf(checkPublicIp(first))[0]).toContain(`${first} is in ${name} (${cidr}`);
      // The last address of 240.0.0.0/4 is the limited broadcast address, named as such.
      for (const text of [first, last]) {
        expect(messagesOf(checkPublicIp(text))[0]).toContain("which cannot be reached from the internet");
      }
    },
  );

  it.each([
    ["10.1.2.3", "is in private-use space (10.0.0.0/8, RFC 1918)"],
    ["172.31.255.255", "is in private-use space (172.16.0.0/12, RFC 1918)"],
    ["192.168.1.1", "is in private-use space (192.168.0.0/16, RFC 1918)"],
    ["127.0.0.1", "is in loopback space"],
    ["169.254.169.254", "is in link-local space"],
    ["100.64.0.1", "is in shared address space for carrier-grade NAT (100.64.0.0/10, RFC 6598)"],
    ["224.0.0.251", "is in multicast space"],
    ["192.0.2.10", "is in documentation range TEST-NET-1 (192.0.2.0/24, RFC 5737)"],
    ["198.51.100.7", "is in documentation range TEST-NET-2"],
    ["203.0.113.99", "is in documentation range TEST-NET-3"],
    ["198.18.0.1", "is in the benchmarking range (198.18.0.0/15, RFC 2544)"],
    ["198.19.255.255", "is in the benchmarking range"],
    ["192.0.0.9", "is in the IETF protocol assignments block (192.0.0.0/24, RFC 6890)"],
    ["240.0.0.1", "is in space reserved for future use"],
    ["255.255.255.255", "is in the limited broadcast address"],
    ["0.0.0.0", 'is in "this network"'],
    ["192.88.99.1", "is in the deprecated 6to4 relay anycast block"],
    ["192.31.196.1", "AS112"],
    ["192.52.193.1", "AMT"],
  ])("refuses %s: %s", (text, words) => {
    expect(messagesOf(checkPublicIp(text))[0]).toContain(words);
  });

  it.each([
    ["", "Enter the public IP address of your IPsec endpoint."],
    ["   ", "Enter the public IP address of your IPsec endpoint."],
    ["52.1.2.3/32", "is a network, not an address"],
    ["2001:4860::8888", "is an IPv6 address: enter the IPv4 address"],
    ["::ffff:52.1.2.3", "is an IPv6 address"],
    ["052.1.2.3", "has a part with a leading zero"],
    ["52.01.2.3", "has a part with a leading zero"],
    ["52.1.2", "is not an IPv4 address: write four numbers from 0 to 255"],
    ["52.1", "is not an IPv4 address"], // ipaddr.js alone reads this as 52.0.0.1
    ["873725443", "is not an IPv4 address"], // … and this as 52.19.19.3
    ["0x34.1.2.3", "is not an IPv4 address"],
    ["52.1.2.256", "is not an IPv4 address"],
    ["52.1.2.3.4", "is not an IPv4 address"],
    ["52.1.2.-3", "is not an IPv4 address"],
    ["vpn.agency.gov", "is not an IPv4 address"],
  ])("refuses %j as malformed: %s", (text, words) => {
    const messages = messagesOf(checkPublicIp(text));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(words);
  });
});

describe("platformNetworksOf", () => {
  it("takes the private subnets of the default catalog, not its public destinations", () => {
    expect(platform).toEqual([
      { label: "S3 (brokered)", range: "10.10.8.0/24" },
      { label: "RDS", range: "10.10.0.0/22" },
      { label: "Redis", range: "10.10.4.0/24" },
      { label: "Elasticsearch", range: "10.10.5.0/24" },
    ]);
  });
});

describe("checkPrivateCidrs", () => {
  it.each([
    ["10.20.0.0/16", ["10.20.0.0/16"]],
    ["192.168.10.0/24\n172.16.0.0/12", ["192.168.10.0/24", "172.16.0.0/12"]],
    ["100.64.0.0/10", ["100.64.0.0/10"]],
    ["100.100.4.0/22", ["100.100.4.0/22"]],
    ["10.11.0.0/16\r\n10.10.6.0/24\r\n10.10.12.0/22", ["10.11.0.0/16", "10.10.6.0/24", "10.10.12.0/22"]],
    ["  10.1.2.3/32  \n\n\n192.168.0.0/16\n", ["10.1.2.3/32", "192.168.0.0/16"]],
  ])("accepts %j", (text, expected) => {
    expect(checkPrivateCidrs(text, platform)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", ["Enter at least one private network, as a CIDR such as 10.20.0.0/16."]],
    ["\n  \n", ["Enter at least one private network, as a CIDR such as 10.20.0.0/16."]],
    ["10.0.0.1/8", ["line 1: 10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?"]],
    ["10.20.0.0/16\n10.0.0.1/8", ["line 2: 10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?"]],
    ["192.168.1.1/24", ["line 1: 192.168.1.1/24 has host bits set; did you mean 192.168.1.0/24?"]],
    ["172.20.5.0/12", ["line 1: 172.20.5.0/12 has host bits set; did you mean 172.16.0.0/12?"]],
    [
      "10.20.0.0/16\n10.20.4.0/24",
      ["line 2: 10.20.4.0/24 overlaps 10.20.0.0/16 on line 1; enter each network once."],
    ],
    [
      "10.20.4.0/24\n\n10.20.0.0/16",
      ["line 3: 10.20.0.0/16 overlaps 10.20.4.0/24 on line 1; enter each network once."],
    ],
    ["192.168.0.0/24\n192.168.0.0/24", ["line 2: 192.168.0.0/24 repeats line 1."]],
    [
      "10.10.0.0/22",
      [
        "line 1: 10.10.0.0/22 overlaps the platform's RDS subnet 10.10.0.0/22; traffic to those addresses stays inside the platform, so it cannot be routed to your network.",
      ],
    ],
    ["10.10.2.0/24", ["line 1: 10.10.2.0/24 overlaps the platform's RDS subnet 10.10.0.0/22;"]],
    ["10.10.4.7/32", ["line 1: 10.10.4.7/32 overlaps the platform's Redis subnet 10.10.4.0/24;"]],
    ["10.10.5.0/25", ["line 1: 10.10.5.0/25 overlaps the platform's Elasticsearch subnet 10.10.5.0/24;"]],
    ["10.10.8.128/25", ["line 1: 10.10.8.128/25 overlaps the platform's S3 (brokered) subnet 10.10.8.0/24;"]],
    [
      "10.0.0.0/8",
      [
        "line 1: 10.0.0.0/8 overlaps the platform's subnets for S3 (brokered) (10.10.8.0/24), RDS (10.10.0.0/22), Redis (10.10.4.0/24) and Elasticsearch (10.10.5.0/24);",
      ],
    ],
    [
      "8.8.8.0/24",
      [
        "line 1: 8.8.8.0/24 is public address space; only private networks (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10) go through the tunnel.",
      ],
    ],
    ["52.216.0.0/15", ["line 1: 52.216.0.0/15 is public address space;"]],
    ["11.0.0.0/8", ["line 1: 11.0.0.0/8 is public address space;"]],
    [
      "172.0.0.0/8",
      [
        "line 1: 172.0.0.0/8 is partly public: only 172.16.0.0/12 in it is private. Enter the private networks",
      ],
    ],
    ["192.168.0.0/15", ["line 1: 192.168.0.0/15 is partly public: only 192.168.0.0/16 in it is private."]],
    ["192.160.0.0/12", ["line 1: 192.160.0.0/12 is partly public: only 192.168.0.0/16 in it is private."]],
    ["100.0.0.0/8", ["line 1: 100.0.0.0/8 is partly public: only 100.64.0.0/10 in it is private."]],
    ["10.0.0.0/7", ["line 1: 10.0.0.0/7 is partly public: only 10.0.0.0/8 in it is private."]],
    [
      "0.0.0.0/0",
      [
        "line 1: 0.0.0.0/0 is partly public: only 10.0.0.0/8, 100.64.0.0/10, 172.16.0.0/12 and 192.168.0.0/16 in it are private.",
      ],
    ],
    [
      "127.0.0.0/8",
      [
        "line 1: 127.0.0.0/8 is loopback space, which never leaves a host (127.0.0.0/8, RFC 1122), not a private network.",
      ],
    ],
    ["169.254.0.0/16", ["line 1: 169.254.0.0/16 is link-local space"]],
    ["0.0.0.0/8", ['line 1: 0.0.0.0/8 is "this network"']],
    ["192.0.2.0/24", ["line 1: 192.0.2.0/24 is documentation range TEST-NET-1 (192.0.2.0/24, RFC 5737)"]],
    ["198.51.100.0/25", ["line 1: 198.51.100.0/25 is documentation range TEST-NET-2"]],
    ["203.0.113.0/24", ["line 1: 203.0.113.0/24 is documentation range TEST-NET-3"]],
    ["198.18.0.0/15", ["line 1: 198.18.0.0/15 is the benchmarking range (198.18.0.0/15, RFC 2544)"]],
    ["192.0.0.0/24", ["line 1: 192.0.0.0/24 is the IETF protocol assignments block"]],
    ["224.0.0.0/4", ["line 1: 224.0.0.0/4 is multicast space"]],
    ["239.1.0.0/16", ["line 1: 239.1.0.0/16 is multicast space"]],
    ["240.0.0.0/4", ["line 1: 240.0.0.0/4 is space reserved for future use"]],
    ["192.88.99.0/24", ["line 1: 192.88.99.0/24 is the deprecated 6to4 relay anycast block"]],
    ["fd00::/8", ["line 1: fd00::/8 is an IPv6 network; the tunnel carries IPv4 networks only."]],
    [
      "10.1.2.3",
      ["line 1: 10.1.2.3 is an address, not a network; add its prefix length, such as 10.1.2.3/32"],
    ],
    [
      "10.1.2.0/33",
      ["line 1: “10.1.2.0/33” has no valid prefix length; after the “/” write a number from 0 to 32."],
    ],
    ["10.1.2.0/", ["line 1: “10.1.2.0/” has no valid prefix length"]],
    ["10.1.2.0/08", ["line 1: “10.1.2.0/08” has no valid prefix length"]],
    [
      "10.1.2/24",
      ["line 1: “10.1.2/24” is not a CIDR; write a network and its prefix length, such as 10.20.0.0/16."],
    ],
    ["010.1.2.0/24", ["line 1: “010.1.2.0/24” has a part with a leading zero"]],
    ["10.1.256.0/24", ["line 1: “10.1.256.0/24” is not a CIDR"]],
    ["office network", ["line 1: “office network” holds more than one value; put one CIDR on each line."]],
    ["10.20.0.0/16, 10.30.0.0/16", ["line 1: “10.20.0.0/16, 10.30.0.0/16” holds more than one value"]],
    ["10.20.0.0/16;10.30.0.0/16", ["line 1: “10.20.0.0/16;10.30.0.0/16” holds more than one value"]],
    ["ten", ["line 1: “ten” is not a CIDR"]],
  ])("refuses %j", (text, expected) => {
    const messages = messagesOf(checkPrivateCidrs(text, platform));
    expect(messages).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(messages[i]).toContain(start));
  });

  it("reports every bad line at once, numbered as the user sees them, blank lines counted", () => {
    const text = ["10.20.0.0/16", "", "10.20.1.0/24", "8.8.8.0/24", "10.30.0.1/16", "192.168.0.0/16"].join(
      "\n",
    );
    expect(messagesOf(checkPrivateCidrs(text, platform))).toEqual([
      "line 3: 10.20.1.0/24 overlaps 10.20.0.0/16 on line 1; enter each network once.",
      expect.stringMatching(/^line 4: 8\.8\.8\.0\/24 is public address space/),
      "line 5: 10.30.0.1/16 has host bits set; did you mean 10.30.0.0/16?",
    ]);
  });

  it("checks overlaps against any platform networks it is given, ranges and single addresses too", () => {
    const custom = [
      { label: "Postgres", range: "192.168.50.10-192.168.50.20" },
      { label: "Vault", range: "172.16.0.5" },
    ];
    expect(messagesOf(checkPrivateCidrs("192.168.50.16/28", custom))[0]).toContain(
      "overlaps the platform's Postgres subnet 192.168.50.10-192.168.50.20",
    );
    expect(messagesOf(checkPrivateCidrs("172.16.0.0/24", custom))[0]).toContain(
      "overlaps the platform's Vault subnet 172.16.0.5",
    );
    expect(checkPrivateCidrs("192.168.50.32/27\n10.10.0.0/22", custom)).toEqual({
      ok: true,
      value: ["192.168.50.32/27", "10.10.0.0/22"],
    });
  });

  it(`takes at most ${MAX_PRIVATE_CIDRS} networks`, () => {
    const many = Array.from(
      { length: MAX_PRIVATE_CIDRS + 1 },
      (_, i) => `10.${100 + (i >> 8)}.${i & 255}.0/24`,
    );
    expect(checkPrivateCidrs(many.slice(0, MAX_PRIVATE_CIDRS).join("\n"), platform).ok).toBe(true);
    expect(messagesOf(checkPrivateCidrs(many.join("\n"), platform))).toEqual([
      `Enter at most ${MAX_PRIVATE_CIDRS} networks (you entered ${MAX_PRIVATE_CIDRS + 1}); summarise adjacent ones into larger CIDRs.`,
    ]);
  });

  it("accepts any set of disjoint private networks outside the platform's, and refuses any overlapping pair", () => {
    // A random network inside one of the private blocks: its fixed leading bits, then random bytes.
    const privateCidr = fc
      .tuple(fc.nat(3), fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(32))
      .map(([block, a, b, c, extra]) => {
        const [bytes, minPrefix] = (
          [
            [[10, a, b, c], 8],
            [[172, 16 + (a % 16), b, c], 12],
            [[192, 168, b, c], 16],
            [[100, 64 + (a % 64), b, c], 10],
          ] as const
        )[block]!;
        const prefix = minPrefix + (extra % (33 - minPrefix));
        return `${ipaddr.IPv4.networkAddressFromCIDR(`${bytes.join(".")}/${prefix}`).toString()}/${prefix}`;
      });
    const overlap = (a: string, b: string) => {
      const [x, p] = ipaddr.IPv4.parseCIDR(a);
      const [y, q] = ipaddr.IPv4.parseCIDR(b);
      return x.match(y, Math.min(p, q));
    };
    fc.assert(
      fc.property(fc.array(privateCidr, { minLength: 1, maxLength: 6 }), (cidrs) => {
        const overlapsEachOther = cidrs.some((a, i) => cidrs.some((b, j) => i < j && overlap(a, b)));
        const overlapsPlatform = cidrs.some((a) => platform.some((p) => overlap(a, p.range)));
        const result = checkPrivateCidrs(cidrs.join("\n"), platform);
        expect(result.ok).toBe(!overlapsEachOther && !overlapsPlatform);
      }),
      { numRuns: 2_000 },
    );
  });
});
