import type { AddressSet } from "./address";
import type { Protocol } from "./rules";
import { PROTOCOLS } from "./rules";
import type { Coord, Interval } from "./sets";

/**
 * The catalog's endpoints indexed by address and protocol, so that compiling
 * a group visits, for each rule, only the endpoints it can touch: most rules
 * of most groups (a service binding's one host, a list of partner networks)
 * touch none, and a group of 300 rules against a catalog of many destinations
 * would otherwise be 300 × every endpoint interval comparisons.
 */

/** An endpoint of the catalog: its destination's index and its own within the destination. */
export type EndpointRef = { destination: number; endpoint: number };

/** What the index needs of an endpoint. */
export type IndexedEndpoint = { protocol: Exclude<Protocol, "icmpv6">; addresses: AddressSet };

type Entry<T extends Coord> = { lo: T; hi: T; ref: number };

/** Intervals sorted by start, with the furthest end so far, to stop a backward scan early. */
class IntervalIndex<T extends Coord> {
  private readonly entries: Entry<T>[];
  private readonly reach: T[];

  constructor(entries: Entry<T>[]) {
    this.entries = [...entries].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : a.ref - b.ref));
    this.reach = [];
    for (const [i, entry] of this.entries.entries()) {
      const before = this.reach[i - 1];
      this.reach.push(before !== undefined && before > entry.hi ? before : entry.hi);
    }
  }

  /** Calls `hit` with the ref of every entry that overlaps [lo, hi) (a ref may come more than once). */
  overlapping(interval: Interval<T>, hit: (ref: number) => void): void {
    // The last entry starting before the interval ends, found by bisection.
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.entries[mid] as Entry<T>).lo < interval.hi) low = mid + 1;
      else high = mid;
    }
    for (let i = low - 1; i >= 0; i--) {
      if ((this.reach[i] as T) <= interval.lo) break;
      const entry = this.entries[i] as Entry<T>;
      if (entry.hi > interval.lo) hit(entry.ref);
    }
  }
}

type ByFamily = { v4: IntervalIndex<number>; v6: IntervalIndex<bigint> };

export class EndpointIndex {
  readonly refs: EndpointRef[] = [];
  private readonly byProtocol = new Map<Protocol, ByFamily>();
  /** Which call last reported each ref: a rule of several intervals reports an endpoint once. */
  private marks: Int32Array = new Int32Array(0);
  private call = 0;

  /** `destinations`: per destination its endpoints, or null for one the index leaves out (not ASG-governed). */
  constructor(destinations: readonly (readonly IndexedEndpoint[] | null)[]) {
    const endpoints: IndexedEndpoint[] = [];
    destinations.forEach((list, destination) =>
      list?.forEach((endpoint, index) => {
        this.refs.push({ destination, endpoint: index });
        endpoints.push(endpoint);
      }),
    );
    for (const protocol of PROTOCOLS) {
      const v4: Entry<number>[] = [];
      const v6: Entry<bigint>[] = [];
      endpoints.forEach((endpoint, ref) => {
        if (!mayTouch(endpoint.protocol, protocol)) return;
        for (const { lo, hi } of endpoint.addresses.v4) v4.push({ lo, hi, ref });
        for (const { lo, hi } of endpoint.addresses.v6) v6.push({ lo, hi, ref });
      });
      this.byProtocol.set(protocol, { v4: new IntervalIndex(v4), v6: new IntervalIndex(v6) });
    }
    this.marks = new Int32Array(endpoints.length);
  }

  /** Calls `hit` with every endpoint ref a rule of this protocol and addresses may touch (each ref once per call). */
  touched(protocol: Protocol, addresses: AddressSet, hit: (ref: number) => void): void {
    const index = this.byProtocol.get(protocol);
    if (index === undefined) return;
    if (++this.call === 0x7fffffff) {
      this.marks.fill(0);
      this.call = 1;
    }
    const call = this.call;
    const once = (ref: number) => {
      if (this.marks[ref] === call) return;
      this.marks[ref] = call;
      hit(ref);
    };
    for (const interval of addresses.v4) index.v4.overlapping(interval, once);
    for (const interval of addresses.v6) index.v6.overlapping(interval, once);
  }
}

/**
 * Whether a rule of protocol `rule` can allow any traffic of an endpoint of
 * protocol `endpoint`: a rule of its protocol or `all` carries it, and any
 * rule allows some traffic of an `all` endpoint (compile.ts, coverEndpoint).
 */
function mayTouch(endpoint: IndexedEndpoint["protocol"], rule: Protocol): boolean {
  return endpoint === "all" || rule === "all" || rule === endpoint;
}
