import ipaddr from "ipaddr.js";
import { normalize, type Interval } from "./sets";

/**
 * Addresses as numbers on a line: IPv4 as a number (0 … 2^32), IPv6 as a
 * bigint (0 … 2^128). The two families never mix, so they stay apart.
 */
export type Address = { family: 4; value: number } | { family: 6; value: bigint };

/** A set of addresses: merged half-open intervals per family. */
export type AddressSet = { v4: Interval<number>[]; v6: Interval<bigint>[] };

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const V4_SIZE = 2 ** 32;
const V6_SIZE = 1n << 128n;

const DOTTED_QUAD = /^\d+\.\d+\.\d+\.\d+$/;

export const INVALID_DESTINATION = "destination must be a valid CIDR, IP address, or IP address range";
export const LEADING_ZEROS = "destination octets cannot contain leading zeros";

function hasLeadingZeroOctet(text: string): boolean {
  return DOTTED_QUAD.test(text) && text.split(".").some((octet) => octet.length > 1 && octet.startsWith("0"));
}

/**
 * One address, as CF writes it. ipaddr.js alone would read `010.0.0.1` as
 * octal and `10.1` as `10.0.0.1`; CF accepts neither, so only the four-part
 * decimal form is let through. Zone ids (`fe80::1%eth0`) name an interface of
 * one host and mean nothing in a rule.
 */
export function parseAddress(text: string): Parsed<Address> {
  if (text.includes(":")) {
    if (text.includes("%") || !ipaddr.IPv6.isValid(text)) return { ok: false, reason: INVALID_DESTINATION };
    let value = 0n;
    for (const byte of ipaddr.IPv6.parse(text).toByteArray()) value = (value << 8n) | BigInt(byte);
    return { ok: true, value: { family: 6, value } };
  }
  if (hasLeadingZeroOctet(text)) return { ok: false, reason: LEADING_ZEROS };
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return { ok: false, reason: INVALID_DESTINATION };
  // Multiplication, not shifts: shifts would turn addresses above 127.255.255.255 negative.
  const value = ipaddr.IPv4.parse(text).octets.reduce((acc, octet) => acc * 256 + octet, 0);
  return { ok: true, value: { family: 4, value } };
}

type Block = { family: 4; range: Interval<number> } | { family: 6; range: Interval<bigint> };

function single(address: Address): Block {
  return address.family === 4
    ? { family: 4, range: { lo: address.value, hi: address.value + 1 } }
    : { family: 6, range: { lo: address.value, hi: address.value + 1n } };
}

/** `10.0.0.0/8`; host bits are ignored, as CF's NetAddr does. */
function parseCidr(text: string): Parsed<Block> {
  const [base = "", prefixText = "", ...rest] = text.split("/");
  if (rest.length > 0 || !/^\d{1,3}$/.test(prefixText)) return { ok: false, reason: INVALID_DESTINATION };
  const address = parseAddress(base);
  if (!address.ok) return address;
  const prefix = Number(prefixText);
  const a = address.value;
  if (a.family === 4) {
    if (prefix > 32) return { ok: false, reason: INVALID_DESTINATION };
    const size = 2 ** (32 - prefix);
    const lo = Math.floor(a.value / size) * size;
    return { ok: true, value: { family: 4, range: { lo, hi: lo + size } } };
  }
  if (prefix > 128) return { ok: false, reason: INVALID_DESTINATION };
  const size = 1n << BigInt(128 - prefix);
  const lo = a.value - (a.value % size);
  return { ok: true, value: { family: 6, range: { lo, hi: lo + size } } };
}

export const INVERTED_RANGE =
  "beginning of IP address range is numerically greater than the end of its range (range endpoints are inverted)";

/** `A-B`: two plain addresses of one family, A ≤ B. */
function parseRange(first: string, last: string): Parsed<Block> {
  if (first.includes("/") || last.includes("/")) {
    return { ok: false, reason: "destination IP address range is invalid" };
  }
  const a = parseAddress(first);
  if (!a.ok) return a;
  const b = parseAddress(last);
  if (!b.ok) return b;
  const lo = a.value;
  const hi = b.value;
  if (lo.family === 4 && hi.family === 4) {
    return lo.value > hi.value
      ? { ok: false, reason: INVERTED_RANGE }
      : { ok: true, value: { family: 4, range: { lo: lo.value, hi: hi.value + 1 } } };
  }
  if (lo.family === 6 && hi.family === 6) {
    return lo.value > hi.value
      ? { ok: false, reason: INVERTED_RANGE }
      : { ok: true, value: { family: 6, range: { lo: lo.value, hi: hi.value + 1n } } };
  }
  return {
    ok: false,
    reason: "destination IP address range is invalid (its ends are of different IP versions)",
  };
}

function parseEntry(entry: string): Parsed<Block> {
  const ends = entry.split("-");
  if (ends.length === 2) return parseRange(ends[0] ?? "", ends[1] ?? "");
  if (ends.length > 2) return { ok: false, reason: INVALID_DESTINATION };
  if (entry.includes("/")) return parseCidr(entry);
  const address = parseAddress(entry);
  return address.ok ? { ok: true, value: single(address.value) } : address;
}

/** CF's limit on a comma-separated destination. */
export const MAX_DESTINATIONS = 6000;

/**
 * A rule's `destination`: one entry or a comma-separated list of them. Lists
 * and IPv6 are read whatever the platform's flags: the engine reads what CF
 * stored, and CF stored only what its flags allowed.
 */
export function parseDestination(destination: string): Parsed<AddressSet> {
  if (destination === "") return { ok: false, reason: INVALID_DESTINATION };
  if (/\s/.test(destination)) return { ok: false, reason: "destination must not contain whitespace" };
  const entries = destination.split(",");
  if (entries.length > MAX_DESTINATIONS) {
    return { ok: false, reason: `destination may hold at most ${MAX_DESTINATIONS} entries` };
  }
  const v4: Interval<number>[] = [];
  const v6: Interval<bigint>[] = [];
  for (const entry of entries) {
    const block = parseEntry(entry);
    if (!block.ok) {
      const reason =
        entries.length === 1
          ? block.reason
          : entry === ""
            ? "destination must not contain empty entries"
            : `${block.reason} (entry "${entry}")`;
      return { ok: false, reason };
    }
    if (block.value.family === 4) v4.push(block.value.range);
    else v6.push(block.value.range);
  }
  return { ok: true, value: { v4: normalize(v4), v6: normalize(v6) } };
}

/** The whole of each family, for tests and for rules that name `0.0.0.0/0` or `::/0`. */
export const EVERY_ADDRESS: AddressSet = { v4: [{ lo: 0, hi: V4_SIZE }], v6: [{ lo: 0n, hi: V6_SIZE }] };
