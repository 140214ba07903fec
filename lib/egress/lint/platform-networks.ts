import { endpointAsRule, type Catalog } from "../catalog";
import { addressNetwork } from "../networks";
import type { Profile } from "../profiles";
import type { ParsedRule } from "../rules";
import { rulesMeet } from "./rule-sets";
import { ruleName, type Finding, type PlatformEndpoint } from "./types";

/**
 * A public-egress profile's group that opens the platform's own networks: the
 * catalog's endpoints whose addresses are all private (lib/egress/networks.ts,
 * where brokered databases and caches live). On cloud.gov those belong to the
 * trusted-local profile; a public group that reaches them hands them to every
 * space that turns public egress on.
 */

/** The posture's id for public egress (lib/egress/posture.ts). */
const PUBLIC_PROFILE_ID = "public";

export function publicGroups(profiles: readonly Profile[]): ReadonlyMap<string, string> {
  return new Map(profiles.filter((p) => p.id === PUBLIC_PROFILE_ID).map((p) => [p.group, p.label]));
}

const endpointCache = new WeakMap<Catalog, readonly PlatformEndpoint[]>();

/** The catalog's ASG-governed endpoints in internal networks, computed once per catalog. */
export function platformEndpoints(catalog: Catalog): readonly PlatformEndpoint[] {
  let endpoints = endpointCache.get(catalog);
  if (endpoints === undefined) {
    endpoints = catalog.destinations.flatMap((destination) =>
      destination.asg_governed
        ? destination.endpoints.flatMap((endpoint) => {
            const rule = endpointAsRule(endpoint);
            return addressNetwork(rule.addresses) === "local"
              ? [{ label: destination.label, destination: endpoint.destination, rule }]
              : [];
          })
        : [],
    );
    endpointCache.set(catalog, endpoints);
  }
  return endpoints;
}

export function platformNetworkFindings(
  rules: readonly ParsedRule[],
  profileLabel: string,
  endpoints: readonly PlatformEndpoint[],
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const opened = endpoints.filter((e) => rulesMeet(rule, e.rule));
    if (opened.length === 0) continue;
    const names = [...new Set(opened.map((e) => `${e.label} (${e.destination})`))].join(", ");
    findings.push({
      kind: "platform-network-public",
      severity: "error",
      ruleIndex: rule.ruleIndex,
      sentence: `${ruleName(rule.ruleIndex)} opens the platform network${opened.length > 1 ? "s" : ""} of ${names} to every space with the ${profileLabel} profile.`,
      fix: "Leave the platform's own networks out of this rule's destination (split it into ranges around them) and open them through the profile meant for them.",
    });
  }
  return findings;
}
