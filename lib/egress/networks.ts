import type { AddressSet } from "./address";
import { endpointAsRule, type Catalog } from "./catalog";
import type { DestinationResult } from "./evaluate";
import { intersect, type Coord, type Interval } from "./sets";

/**
 * Which network a catalog destination lies in, read from its addresses:
 * `local` when every endpoint is in private address space (where brokered
 * services live: cloud.gov's trusted local networks), `public` when none of
 * it is, `mixed` otherwise (brokered S3 is reached through a VPC endpoint
 * or its public addresses). The posture (./posture.ts) uses it so that its
 * word never contradicts the engine: a space whose apps reach a public
 * destination is not "closed", whatever the profiles say.
 */
export type Network = "public" | "local" | "mixed";

const v4 = (a: number, b: number, c: number, d: number) => ((a * 256 + b) * 256 + c) * 256 + d;
const block4 = (base: number, prefix: number): Interval<number> => ({
  lo: base,
  hi: base + 2 ** (32 - prefix),
});
const block6 = (top16: number, prefix: number): Interval<bigint> => {
  const lo = BigInt(top16) << 112n;
  return { lo, hi: lo + (1n << BigInt(128 - prefix)) };
};

/** Address space that never routes to the internet: RFC 1918, shared (RFC 6598), link-local, loopback, ULA. */
const LOCAL_V4: readonly Interval<number>[] = [
  block4(v4(10, 0, 0, 0), 8),
  block4(v4(100, 64, 0, 0), 10),
  block4(v4(127, 0, 0, 0), 8),
  block4(v4(169, 254, 0, 0), 16),
  block4(v4(172, 16, 0, 0), 12),
  block4(v4(192, 168, 0, 0), 16),
];
const LOCAL_V6: readonly Interval<bigint>[] = [block6(0xfc00, 7), block6(0xfe80, 10)];

type Split = { local: boolean; public: boolean };

/** Whether the intervals hold local addresses, public ones, or both. The local blocks never touch. */
function split<T extends Coord>(intervals: readonly Interval<T>[], local: readonly Interval<T>[]): Split {
  const out: Split = { local: false, public: false };
  for (const interval of intervals) {
    const inside = local.some((block) => {
      const common = intersect(interval, block);
      if (common) out.local = true;
      return common !== undefined && common.lo === interval.lo && common.hi === interval.hi;
    });
    if (!inside) out.public = true;
  }
  return out;
}

function networkOf(addresses: AddressSet): Split {
  const a = split(addresses.v4, LOCAL_V4);
  const b = split(addresses.v6, LOCAL_V6);
  return { local: a.local || b.local, public: a.public || b.public };
}

/** One set of addresses' network: what the catalog's destinations are made of (group lint reads it per endpoint). */
export function addressNetwork(addresses: AddressSet): Network {
  const { local, public: open } = networkOf(addresses);
  return local && open ? "mixed" : local ? "local" : "public";
}

const cache = new WeakMap<Catalog, ReadonlyMap<string, Network>>();

/** Each ASG-governed destination's network, by destination id; computed once per catalog. */
export function destinationNetworks(catalog: Catalog): ReadonlyMap<string, Network> {
  let networks = cache.get(catalog);
  if (networks === undefined) {
    const map = new Map<string, Network>();
    for (const destination of catalog.destinations) {
      if (!destination.asg_governed) continue;
      const parts = destination.endpoints.map((e) => networkOf(endpointAsRule(e).addresses));
      const local = parts.some((p) => p.local);
      const open = parts.some((p) => p.public);
      map.set(destination.id, local && open ? "mixed" : local ? "local" : "public");
    }
    networks = map;
    cache.set(catalog, networks);
  }
  return networks;
}

/** What a lifecycle's apps can reach (allowed or partial), by network. */
export type Reach = { public: boolean; local: boolean; mixed: boolean };

export const NO_REACH: Reach = Object.freeze({ public: false, local: false, mixed: false });

export function reachOf(destinations: readonly DestinationResult[], catalog: Catalog): Reach {
  const networks = destinationNetworks(catalog);
  const reach = { public: false, local: false, mixed: false };
  for (const destination of destinations) {
    if (!destination.governed || destination.status === "blocked") continue;
    const network = networks.get(destination.id);
    if (network !== undefined) reach[network] = true;
  }
  return reach;
}
