import ipaddr from "ipaddr.js";

/**
 * The IPv4 blocks that are not ordinary public unicast addresses, with the
 * words and the source a person can look up.
 *
 * The list is the IANA IPv4 Special-Purpose Address Registry
 * (https://www.iana.org/assignments/iana-ipv4-special-registry/, set up by
 * RFC 6890 and updated by later RFCs, each cited per entry), plus multicast
 * (RFC 5771), which IANA keeps in its own registry. ipaddr.js 2.5 knows every
 * one of these blocks, under coarser names ('private', 'carrierGradeNat',
 * 'reserved' holds the three documentation ranges, benchmarking, 192.0.0.0/24,
 * 6to4 relay and 240.0.0.0/4, 'as112', 'amt', …); this table gives each its
 * own name, and `specialRangeOf` still asks ipaddr.js's `range()` so that a
 * block a later ipaddr.js adds is refused too. A unit test checks that the two
 * agree.
 */

export type SpecialRange = {
  /** The block, as written in the registry. */
  cidr: string;
  /** What it is, as a phrase that follows "is in …". */
  name: string;
  /** Where it is defined. */
  source: string;
  /** RFC 1918 and RFC 6598 space: the only blocks a private network behind the tunnel may use. */
  privateNetwork: boolean;
  parsed: [ipaddr.IPv4, number];
};

function block(cidr: string, name: string, source: string, privateNetwork = false): SpecialRange {
  return { cidr, name, source, privateNetwork, parsed: ipaddr.IPv4.parseCIDR(cidr) };
}

export const SPECIAL_RANGES: readonly SpecialRange[] = [
  block("0.0.0.0/8", '"this network", which is never a destination', "RFC 791, RFC 1122"),
  block("10.0.0.0/8", "private-use space", "RFC 1918", true),
  block("100.64.0.0/10", "shared address space for carrier-grade NAT", "RFC 6598", true),
  block("127.0.0.0/8", "loopback space, which never leaves a host", "RFC 1122"),
  block("169.254.0.0/16", "link-local space, which never leaves a network link", "RFC 3927"),
  block("172.16.0.0/12", "private-use space", "RFC 1918", true),
  // 192.0.0.0/24 holds a few anycast service addresses (192.0.0.9 PCP, 192.0.0.10 TURN) that IANA marks
  // globally reachable; none of them can be a customer's IPsec endpoint, so the whole block is refused.
  block("192.0.0.0/24", "the IETF protocol assignments block", "RFC 6890"),
  block("192.0.2.0/24", "documentation range TEST-NET-1", "RFC 5737"),
  // AS112 and AMT are anycast services: globally reachable, but no one's own endpoint can live there.
  block("192.31.196.0/24", "the AS112 anycast block", "RFC 7535"),
  block("192.52.193.0/24", "the AMT anycast block", "RFC 7450"),
  block("192.88.99.0/24", "the deprecated 6to4 relay anycast block", "RFC 7526"),
  block("192.168.0.0/16", "private-use space", "RFC 1918", true),
  block("192.175.48.0/24", "the AS112 direct-delegation anycast block", "RFC 7534"),
  block("198.18.0.0/15", "the benchmarking range", "RFC 2544"),
  block("198.51.100.0/24", "documentation range TEST-NET-2", "RFC 5737"),
  block("203.0.113.0/24", "documentation range TEST-NET-3", "RFC 5737"),
  block("224.0.0.0/4", "multicast space", "RFC 5771"),
  block("255.255.255.255/32", "the limited broadcast address", "RFC 919, RFC 8190"),
  block("240.0.0.0/4", "space reserved for future use", "RFC 1112"),
];

/**
 * Where a private network behind the tunnel may lie: RFC 1918 space, and the
 * RFC 6598 shared address space (100.64.0.0/10). The latter is not globally
 * routable either (IANA: "Globally Reachable: False"), and agencies that ran
 * out of RFC 1918 space, or whose RFC 1918 space collides with a partner's,
 * number internal networks from it (AWS, where the platform's VPN endpoint
 * lives, accepts it for VPC and VPN routes). Anything else either is public
 * (reachable without a tunnel, and owned by someone) or never leaves a host
 * or link (loopback, link-local, multicast, …).
 */
export const PRIVATE_NETWORK_SPACE: readonly SpecialRange[] = SPECIAL_RANGES.filter((r) => r.privateNetwork);

/** The names ipaddr.js 2.5 gives, for a block it knows that the table above would lack. */
const IPADDR_NAMES: Record<string, string> = {
  unspecified: '"this network"',
  broadcast: "the limited broadcast address",
  multicast: "multicast space",
  linkLocal: "link-local space",
  loopback: "loopback space",
  carrierGradeNat: "shared address space for carrier-grade NAT",
  private: "private-use space",
  reserved: "a reserved range",
  as112: "an AS112 anycast block",
  amt: "the AMT anycast block",
};

/** The most specific special-purpose block holding the address, or undefined for public unicast. */
export function specialRangeOf(address: ipaddr.IPv4): SpecialRange | undefined {
  let best: SpecialRange | undefined;
  for (const range of SPECIAL_RANGES) {
    if (address.match(range.parsed) && (best === undefined || range.parsed[1] > best.parsed[1])) best = range;
  }
  if (best) return best;
  const name = address.range();
  if (name === "unicast") return undefined;
  return {
    cidr: `${address.toString()}/32`,
    name: IPADDR_NAMES[name] ?? `special-purpose space ("${name}")`,
    source: "IANA IPv4 Special-Purpose Address Registry",
    privateNetwork: false,
    parsed: [address, 32],
  };
}
