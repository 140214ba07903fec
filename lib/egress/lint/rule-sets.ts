import type { ParsedRule } from "../rules";
import type { Coord, Interval } from "../sets";

/**
 * Comparisons of two rules as sets (addresses × services, lib/egress/rules.ts).
 * Address lists are merged by the parser, so a covered interval lies inside
 * one interval of the cover; service lists are sorted and disjoint.
 */

/** Whether every point of the sorted intervals `inner` lies in the sorted, merged intervals `outer`. */
function inside<T extends Coord>(inner: readonly Interval<T>[], outer: readonly Interval<T>[]): boolean {
  let j = 0;
  for (const piece of inner) {
    while (j < outer.length && (outer[j] as Interval<T>).hi <= piece.lo) j++;
    const cover = outer[j];
    if (cover === undefined || cover.lo > piece.lo || cover.hi < piece.hi) return false;
  }
  return true;
}

/** Whether the sorted interval lists share a point. */
function meet<T extends Coord>(a: readonly Interval<T>[], b: readonly Interval<T>[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval<T>;
    const y = b[j] as Interval<T>;
    if (x.lo < y.hi && y.lo < x.hi) return true;
    if (x.hi <= y.hi) i++;
    else j++;
  }
  return false;
}

/** The services of `all` are every port and every ICMP message, so `all` holds any protocol's rule. */
function protocolWithin(inner: ParsedRule, outer: ParsedRule): boolean {
  return outer.protocol === "all" || outer.protocol === inner.protocol;
}

/** Whether every packet `inner` allows is allowed by `outer` alone. */
export function ruleInside(inner: ParsedRule, outer: ParsedRule): boolean {
  if (!protocolWithin(inner, outer)) return false;
  // An `all` rule's services span everything, whatever the inner protocol's services are.
  if (outer.protocol !== "all" && !inside(inner.services, outer.services)) return false;
  return inside(inner.addresses.v4, outer.addresses.v4) && inside(inner.addresses.v6, outer.addresses.v6);
}

/** Whether some packet is allowed by both rules. */
export function rulesMeet(a: ParsedRule, b: ParsedRule): boolean {
  if (a.protocol !== "all" && b.protocol !== "all" && a.protocol !== b.protocol) return false;
  if (a.protocol !== "all" && b.protocol !== "all" && !meet(a.services, b.services)) return false;
  return meet(a.addresses.v4, b.addresses.v4) || meet(a.addresses.v6, b.addresses.v6);
}

/**
 * The parser shares one frozen address set per destination text and one service list per ports text
 * (lib/egress/address.ts, ports.ts), so their texts are remembered by identity: a platform's groups
 * repeat the same few destinations and ports.
 */
const texts = new WeakMap<object, string>();

function text(intervals: readonly Interval<Coord>[]): string {
  let out = texts.get(intervals);
  if (out === undefined) {
    out = "";
    for (const i of intervals) out += `${i.lo}-${i.hi},`;
    texts.set(intervals, out);
  }
  return out;
}

/** Equal for two rules that allow exactly the same packets with the same protocol. */
export function ruleKey(rule: ParsedRule): string {
  return `${rule.protocol}|${text(rule.addresses.v4)}|${text(rule.addresses.v6)}|${text(rule.services)}`;
}

const EVERY_V4: Interval<number> = { lo: 0, hi: 2 ** 32 };
const EVERY_V6: Interval<bigint> = { lo: 0n, hi: 1n << 128n };

/** Whether the addresses cover every IPv4 address, or every IPv6 address. */
export function coversEverything(addresses: ParsedRule["addresses"]): "IPv4" | "IPv6" | null {
  if (inside([EVERY_V4], addresses.v4)) return "IPv4";
  if (inside([EVERY_V6], addresses.v6)) return "IPv6";
  return null;
}

/** How many destinations a rule's text names: entries of its comma list. */
export function destinationCount(destination: unknown): number {
  if (typeof destination !== "string" || destination === "") return 0;
  let count = 1;
  for (let i = 0; i < destination.length; i++) if (destination.charCodeAt(i) === 44) count++;
  return count;
}
