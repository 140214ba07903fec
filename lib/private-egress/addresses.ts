import ipaddr from "ipaddr.js";
import { parseDestination } from "@/lib/egress/address";
import { intersect } from "@/lib/egress/sets";
import { PRIVATE_NETWORK_SPACE, specialRangeOf } from "./special-ranges";

/**
 * The two address fields of a private-egress request (seed 004: "Public IP
 * address of your endpoint", "The CIDR(s) of the private network(s) you would
 * like to connect"). Pure: the platform's own networks come in as an argument.
 * Parsing and matching are ipaddr.js's; every message is a sentence for the
 * person who typed the value.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; messages: string[] };

/** One of the platform's own networks, named by the catalog destination it serves. */
export type PlatformNetwork = {
  /** The catalog destination's label, e.g. "RDS". */
  label: string;
  /** The block as the catalog writes it: a CIDR, an address or a range `a-b`. */
  range: string;
};

const DOTTED = /^\d+\.\d+\.\d+\.\d+$/;
const LEADING_ZERO = /(?:^|\.)0\d/;
const PREFIX = /^(?:0|[1-9]\d?)$/;

/**
 * Reads one dotted-quad IPv4 address. ipaddr.js's own parser also takes
 * `10.1` (as 10.0.0.1), `0x0a.0.0.1` and `010.0.0.1` (octal!); a person who
 * typed those meant something else, so only four decimal parts pass.
 */
function readAddress(text: string): ipaddr.IPv4 | string {
  if (text.includes(":")) return "ipv6";
  if (DOTTED.test(text) && LEADING_ZERO.test(text)) return "leading-zero";
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return "invalid";
  return ipaddr.IPv4.parse(text);
}

function quoted(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return `“${shown}”`;
}

/**
 * The public address of the customer's IPsec endpoint: an IPv4 address the
 * platform's VPN endpoint can reach over the internet ("you must have an
 * internet-routable IP address to use as the IPsec endpoint", seed 004), so
 * nothing from the special-purpose registry.
 */
export function checkPublicIp(input: string): Checked<string> {
  const text = input.trim();
  const fail = (message: string): Checked<string> => ({ ok: false, messages: [message] });
  if (text === "") return fail("Enter the public IP address of your IPsec endpoint.");
  if (text.includes("/")) {
    return fail(
      `${quoted(text)} is a network, not an address: enter the one address of your endpoint, without “/” and a prefix length.`,
    );
  }
  const address = readAddress(text);
  if (address === "ipv6") {
    return fail(
      `${quoted(text)} is an IPv6 address: enter the IPv4 address of your endpoint (four numbers from 0 to 255, separated by dots).`,
    );
  }
  if (address === "leading-zero") {
    return fail(
      `${quoted(text)} has a part with a leading zero, which some systems read as octal: write each part without leading zeros.`,
    );
  }
  if (typeof address === "string") {
    return fail(
      `${quoted(text)} is not an IPv4 address: write four numbers from 0 to 255, separated by dots.`,
    );
  }
  const special = specialRangeOf(address);
  if (special) {
    return fail(
      `${text} is in ${special.name} (${special.cidr}, ${special.source}), which cannot be reached from the internet: enter the public address of your endpoint (behind NAT, the address it is translated to).`,
    );
  }
  return { ok: true, value: address.toString() };
}

/** A sanity bound; AWS Site-to-Site VPN, the seed's endpoint, takes at most 100 static routes per connection. */
export const MAX_PRIVATE_CIDRS = 100;

type Cidr = { text: string; line: number; network: ipaddr.IPv4; prefix: number };

const PRIVATE_SPACE_TEXT = "10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10";

function englishList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** One line of the CIDR field: a network, or the reason it is not one. */
function readCidr(text: string, line: number): Cidr | string {
  const at = `line ${line}:`;
  if (/[\s,;]/.test(text)) {
    return `${at} ${quoted(text)} holds more than one value; put one CIDR on each line.`;
  }
  if (text.includes(":")) {
    return `${at} ${text} is an IPv6 network; the tunnel carries IPv4 networks only.`;
  }
  const slash = text.indexOf("/");
  if (slash < 0) {
    const address = readAddress(text);
    return typeof address === "string"
      ? `${at} ${quoted(text)} is not a CIDR; write a network and its prefix length, such as 10.20.0.0/16.`
      : `${at} ${text} is an address, not a network; add its prefix length, such as ${text}/32 for that one host.`;
  }
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const address = readAddress(addressText);
  if (address === "leading-zero") {
    return `${at} ${quoted(text)} has a part with a leading zero, which some systems read as octal; write each part without leading zeros.`;
  }
  if (typeof address === "string") {
    return `${at} ${quoted(text)} is not a CIDR; write a network and its prefix length, such as 10.20.0.0/16.`;
  }
  if (!PREFIX.test(prefixText) || Number(prefixText) > 32) {
    return `${at} ${quoted(text)} has no valid prefix length; after the “/” write a number from 0 to 32.`;
  }
  const network = ipaddr.IPv4.networkAddressFromCIDR(text);
  const prefix = Number(prefixText);
  if (network.toString() !== address.toString()) {
    return `${at} ${text} has host bits set; did you mean ${network.toString()}/${prefix}?`;
  }
  return { text, line, network, prefix };
}

/** Why a well-formed CIDR is not a private network, or undefined when it is one. */
function notPrivate(cidr: Cidr): string | undefined {
  const { text, network, prefix } = cidr;
  const inside = (range: { parsed: [ipaddr.IPv4, number] }) =>
    prefix >= range.parsed[1] && network.match(range.parsed);
  if (PRIVATE_NETWORK_SPACE.some(inside)) return undefined;

  const special = specialRangeOf(network);
  if (special && !special.privateNetwork && inside(special)) {
    return `${text} is ${special.name} (${special.cidr}, ${special.source}), not a private network.`;
  }
  const privateParts = PRIVATE_NETWORK_SPACE.filter((range) => range.parsed[0].match(network, prefix));
  if (privateParts.length > 0) {
    const parts = privateParts.map((r) => r.cidr);
    return `${text} is partly public: only ${englishList(parts)} in it ${parts.length === 1 ? "is" : "are"} private. Enter the private networks themselves.`;
  }
  return `${text} is public address space; only private networks (${PRIVATE_SPACE_TEXT}) go through the tunnel. If your network uses public addresses internally, contact support directly.`;
}

/** The platform networks the CIDR overlaps, by interval intersection on the engine's own parser. */
function platformOverlaps(cidr: Cidr, platform: readonly PlatformNetwork[]): PlatformNetwork[] {
  const mine = parseDestination(`${cidr.network.toString()}/${cidr.prefix}`);
  if (!mine.ok) return [];
  return platform.filter((network) => {
    const theirs = parseDestination(network.range);
    if (!theirs.ok) return false;
    return mine.value.v4.some((a) => theirs.value.v4.some((b) => intersect(a, b) !== undefined));
  });
}

/**
 * The private networks to route through the tunnel, one CIDR per line: valid
 * IPv4 networks with no host bits, inside private space (RFC 1918 or RFC 6598,
 * see PRIVATE_NETWORK_SPACE), overlapping neither each other nor the
 * platform's own networks (traffic to an overlapping block would stay inside
 * the platform). Every problem is reported, each with its line number.
 */
export function checkPrivateCidrs(input: string, platform: readonly PlatformNetwork[]): Checked<string[]> {
  const lines = input.split(/\r\n|\r|\n/);
  const filled = lines.map((text, index) => ({ text: text.trim(), line: index + 1 })).filter((l) => l.text);
  if (filled.length === 0) {
    return { ok: false, messages: ["Enter at least one private network, as a CIDR such as 10.20.0.0/16."] };
  }
  if (filled.length > MAX_PRIVATE_CIDRS) {
    return {
      ok: false,
      messages: [
        `Enter at most ${MAX_PRIVATE_CIDRS} networks (you entered ${filled.length}); summarise adjacent ones into larger CIDRs.`,
      ],
    };
  }
  const messages: string[] = [];
  const accepted: Cidr[] = [];
  for (const { text, line } of filled) {
    const cidr = readCidr(text, line);
    if (typeof cidr === "string") {
      messages.push(cidr);
      continue;
    }
    const at = `line ${line}:`;
    const publicProblem = notPrivate(cidr);
    if (publicProblem) {
      messages.push(`${at} ${publicProblem}`);
      continue;
    }
    const earlier = accepted.find((other) =>
      cidr.network.match(other.network, Math.min(cidr.prefix, other.prefix)),
    );
    if (earlier) {
      messages.push(
        earlier.text === text
          ? `${at} ${text} repeats line ${earlier.line}.`
          : `${at} ${text} overlaps ${earlier.text} on line ${earlier.line}; enter each network once.`,
      );
      continue;
    }
    const overlaps = platformOverlaps(cidr, platform);
    if (overlaps.length > 0) {
      const [only] = overlaps;
      const what =
        overlaps.length === 1 && only
          ? `the platform's ${only.label} subnet ${only.range}`
          : `the platform's subnets for ${englishList(overlaps.map((n) => `${n.label} (${n.range})`))}`;
      messages.push(
        `${at} ${text} overlaps ${what}; traffic to those addresses stays inside the platform, so it cannot be routed to your network.`,
      );
      continue;
    }
    accepted.push(cidr);
  }
  return messages.length > 0 ? { ok: false, messages } : { ok: true, value: accepted.map((c) => c.text) };
}
