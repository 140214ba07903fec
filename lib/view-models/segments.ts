/**
 * Isolation segments in words (seed 004, docs/design.md §7). A segment is a
 * dedicated pool of hosts; a space runs on its own assignment, else the
 * org's default, else the platform's shared hosts.
 */

export const SHARED_HOSTS = "Shared hosts";

export type Placement =
  { kind: "space"; segment: string } | { kind: "org-default"; segment: string } | { kind: "shared" };

export function placementOf(own: string | null, orgDefault: string | null): Placement {
  if (own) return { kind: "space", segment: own };
  if (orgDefault) return { kind: "org-default", segment: orgDefault };
  return { kind: "shared" };
}

/** What a placement means for the space's egress, in a sentence or two. */
export function placementMeaning(placement: Placement): string {
  if (placement.kind === "shared")
    return "Its apps run on the platform's shared hosts, beside other customers' apps. Egress is governed by the security groups that apply to the space (listed above); there is no path to a private network.";
  return `Its apps run on dedicated hosts (the isolation segment ${placement.segment}) in their own network segment; other customers' apps do not run there. When the segment is connected to your private network, traffic to it goes through the IPsec VPN; other traffic is still governed by the security groups that apply to the space (listed above).`;
}
