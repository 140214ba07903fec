import ipaddr from "ipaddr.js";
import { memoizeText } from "./memo";
import { normalize, type Coord, type Interval } from "./sets";

/**
 * Addresses as numbers on a line: IPv4 as a number (0 … 2^32), IPv6 as a
 * bigint (0 … 2^128). The two families never mix, so they stay apart.
 */
export type Address = { family: 4; value: number } | { family: 6; value: bigint };

/** A set of addresses: merged half-open intervals per family. */
export type AddressSet = {
  readonly v4: readonly Interval<number>[];
  readonly v6: readonly Interval<bigint>[];
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const INVALID_DESTINATION = "destination must be a valid CIDR, IP address, or IP address range";
const LEADING_ZEROS = "destination octets cannot contain leading zeros";
const INVALID_RANGE = "destination IP address range is invalid";
const INVERTED_RANGE =
  "beginning of IP address range is numerically greater than the end of its range (range endpoints are inverted)";

const DOTTED_QUAD = /^\d+\.\d+\.\d+\.\d+$/;
/** Four decimal parts without leading zeros; ipaddr.js then checks each is at most 255. */
const FOUR_PART_DECIMAL = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/;
const PREFIX = /^\d{1,3}$/;

// The readers below return a string (the reason) for a problem rather than a
// wrapper object for every step: rule texts are read by the thousand.

/**
 * One address, as CF writes it. ipaddr.js alone would read `010.0.0.1` as
 * octal and `10.1` as `10.0.0.1`; CF accepts neither, so only the four-part
 * decimal form is let through. Zone ids (`fe80::1%eth0`) name an interface of
 * one host and mean nothing in a rule.
 */
function readAddress(text: string): Address | string {
  if (text.includes(":")) {
    if (text.includes("%")) return INVALID_DESTINATION;
    let parts: number[];
    try {
      parts = ipaddr.IPv6.parse(text).parts;
    } catch {
      return INVALID_DESTINATION;
    }
    let value = 0n;
    for (const part of parts) value = (value << 16n) | BigInt(part);
    return { family: 6, value };
  }
  if (!FOUR_PART_DECIMAL.test(text)) {
    return DOTTED_QUAD.test(text) && /(?:^|\.)0\d/.test(text) ? LEADING_ZEROS : INVALID_DESTINATION;
  }
  let octets: number[];
  try {
    octets = ipaddr.IPv4.parse(text).octets;
  } catch {
    return INVALID_DESTINATION;
  }
  // Multiplication, not shifts: shifts would turn addresses above 127.255.255.255 negative.
  let value = 0;
  for (const octet of octets) value = value * 256 + octet;
  return { family: 4, value };
}

export function parseAddress(text: string): Parsed<Address> {
  const address = readAddress(text);
  return typeof address === "string" ? { ok: false, reason: address } : { ok: true, value: address };
}

/** A block of addresses of one family, `[lo, hi)`. */
type Block = { family: 4; lo: number; hi: number } | { family: 6; lo: bigint; hi: bigint };

/** `10.0.0.0/8`; host bits are ignored, as CF's NetAddr does. */
function readCidr(text: string, slash: number): Block | string {
  const prefixText = text.slice(slash + 1);
  if (!PREFIX.test(prefixText)) return INVALID_DESTINATION;
  const address = readAddress(text.slice(0, slash));
  if (typeof address === "string") return address;
  const prefix = Number(prefixText);
  if (address.family === 4) {
    if (prefix > 32) return INVALID_DESTINATION;
    const size = 2 ** (32 - prefix);
    const lo = Math.floor(address.value / size) * size;
    return { family: 4, lo, hi: lo + size };
  }
  if (prefix > 128) return INVALID_DESTINATION;
  const size = 1n << BigInt(128 - prefix);
  const lo = address.value - (address.value % size);
  return { family: 6, lo, hi: lo + size };
}

/** `A-B`: two plain addresses of one family, A ≤ B. */
function readRange(first: string, last: string): Block | string {
  if (first.includes("/") || last.includes("/")) return INVALID_RANGE;
  const a = readAddress(first);
  if (typeof a === "string") return a;
  const b = readAddress(last);
  if (typeof b === "string") return b;
  if (a.family === 4 && b.family === 4) {
    return a.value > b.value ? INVERTED_RANGE : { family: 4, lo: a.value, hi: b.value + 1 };
  }
  if (a.family === 6 && b.family === 6) {
    return a.value > b.value ? INVERTED_RANGE : { family: 6, lo: a.value, hi: b.value + 1n };
  }
  return `${INVALID_RANGE} (its ends are of different IP versions)`;
}

function readEntry(entry: string): Block | string {
  const dash = entry.indexOf("-");
  if (dash >= 0) {
    const last = entry.slice(dash + 1);
    return last.includes("-") ? INVALID_DESTINATION : readRange(entry.slice(0, dash), last);
  }
  const slash = entry.indexOf("/");
  if (slash >= 0) return readCidr(entry, slash);
  const address = readAddress(entry);
  if (typeof address === "string") return address;
  return address.family === 4
    ? { family: 4, lo: address.value, hi: address.value + 1 }
    : { family: 6, lo: address.value, hi: address.value + 1n };
}

/** CF's limit on a comma-separated destination. */
const MAX_DESTINATIONS = 6000;

function frozen<T extends Coord>(intervals: Interval<T>[]): readonly Interval<T>[] {
  const merged = normalize(intervals);
  for (const interval of merged) Object.freeze(interval);
  return Object.freeze(merged);
}

function readDestination(destination: string): Parsed<AddressSet> {
  if (destination === "") return { ok: false, reason: INVALID_DESTINATION };
  if (/\s/.test(destination)) return { ok: false, reason: "destination must not contain whitespace" };
  const entries = destination.split(",");
  if (entries.length > MAX_DESTINATIONS) {
    return { ok: false, reason: `destination may hold at most ${MAX_DESTINATIONS} entries` };
  }
  const v4: Interval<number>[] = [];
  const v6: Interval<bigint>[] = [];
  for (const entry of entries) {
    const block = readEntry(entry);
    if (typeof block === "string") {
      const reason =
        entries.length === 1
          ? block
          : entry === ""
            ? "destination must not contain empty entries"
            : `${block} (entry "${entry}")`;
      return { ok: false, reason };
    }
    if (block.family === 4) v4.push({ lo: block.lo, hi: block.hi });
    else v6.push({ lo: block.lo, hi: block.hi });
  }
  return { ok: true, value: Object.freeze({ v4: frozen(v4), v6: frozen(v6) }) };
}

/**
 * A rule's `destination`: one entry or a comma-separated list of them. Lists
 * and IPv6 are read whatever the platform's flags: the engine reads what CF
 * stored, and CF stored only what its flags allowed. Results are frozen and
 * shared between equal texts.
 */
export const parseDestination: (destination: string) => Parsed<AddressSet> = memoizeText(
  20_000,
  readDestination,
);
