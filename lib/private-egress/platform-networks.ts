import type { Catalog } from "@/lib/egress/catalog";
import { parseDestination } from "@/lib/egress/address";
import type { PlatformNetwork } from "./addresses";
import { PRIVATE_NETWORK_SPACE } from "./special-ranges";

/**
 * The platform's own networks, as the destination catalog names them: every
 * IPv4 entry of every endpoint that lies inside private space (RFC 1918 or
 * RFC 6598). Public destinations ("Public web", public S3) are places on the
 * internet, not networks of the platform, and an operator's catalog may
 * describe them as wide ranges (0.0.0.0/0 minus the private blocks), so only
 * private entries count: a customer CIDR overlapping one of those would be
 * routed inside the platform instead of through the tunnel.
 */
export function platformNetworksOf(catalog: Catalog): PlatformNetwork[] {
  const privateSpace = PRIVATE_NETWORK_SPACE.flatMap((range) => {
    const parsed = parseDestination(range.cidr);
    return parsed.ok ? parsed.value.v4 : [];
  });
  const byRange = new Map<string, string[]>();
  for (const destination of catalog.destinations) {
    for (const endpoint of destination.endpoints) {
      for (const entry of endpoint.destination.split(",")) {
        const parsed = parseDestination(entry);
        if (!parsed.ok || parsed.value.v4.length === 0) continue;
        const isPrivate = parsed.value.v4.every((block) =>
          privateSpace.some((space) => space.lo <= block.lo && block.hi <= space.hi),
        );
        if (!isPrivate) continue;
        const labels = byRange.get(entry) ?? [];
        if (!labels.includes(destination.label)) labels.push(destination.label);
        byRange.set(entry, labels);
      }
    }
  }
  return [...byRange].map(([range, labels]) => ({ label: labels.join(" / "), range }));
}
