import type { CfRule, ParsedRule } from "../rules";
import { normalize } from "../sets";
import { coversEverything } from "./rule-sets";
import { ruleName, type Finding } from "./types";

/**
 * Findings about one rule on its own: protocol `all` to every address, ICMP
 * "any" under dynamic ASGs, and a port list written with spaces.
 */

const FAMILY_TEXT = { IPv4: "every IPv4 address (0.0.0.0/0)", IPv6: "every IPv6 address (::/0)" } as const;

/** `all` to every address of a family: the platform's own networks and the IaaS metadata address included. */
export function allOpen(rule: ParsedRule): Finding | null {
  if (rule.protocol !== "all") return null;
  const family = coversEverything(rule.addresses);
  if (family === null) return null;
  return {
    kind: "all-open",
    severity: "error",
    ruleIndex: rule.ruleIndex,
    sentence: `${ruleName(rule.ruleIndex)} allows every protocol to ${FAMILY_TEXT[family]}, including the platform's own networks and the cloud metadata address 169.254.169.254.`,
    fix: "List only the destinations apps need. To open the public internet, use ranges that leave out the private and link-local networks, as cf-deployment's public_networks group does.",
  };
}

/** The same, for a group whose `all` rules only together cover every address (each rule alone is narrower). */
export function allOpenTogether(rules: readonly ParsedRule[]): Finding | null {
  const open = rules.filter((r) => r.protocol === "all");
  if (open.length < 2 || open.some((r) => coversEverything(r.addresses) !== null)) return null;
  const family = coversEverything({
    v4: normalize(open.flatMap((r) => r.addresses.v4)),
    v6: normalize(open.flatMap((r) => r.addresses.v6)),
  });
  if (family === null) return null;
  return {
    kind: "all-open",
    severity: "error",
    sentence: `Together, this group's rules of protocol all allow every protocol to ${FAMILY_TEXT[family]}, including the platform's own networks and the cloud metadata address 169.254.169.254.`,
    fix: "List only the destinations apps need. To open the public internet, use ranges that leave out the private and link-local networks, as cf-deployment's public_networks group does.",
  };
}

/**
 * ICMP "any": cf-networking-release's known issue (docs/04-b-dynamic-asgs-ki-icmp-any-rules.md) names
 * protocol icmp with type -1 or 255, which iptables turns into `--icmp-type any`. With dynamic ASGs,
 * silk-release 3.0.0 to 3.4.0 cannot clean such a rule up, and container creation fails. Said only
 * when DYNAMIC_ASGS is on: CF itself cannot tell whether it is.
 */
export function icmpAny(rule: CfRule, ruleIndex: number, dynamicAsgs: boolean): Finding | null {
  if (!dynamicAsgs || rule.protocol !== "icmp" || (rule.type !== -1 && rule.type !== 255)) return null;
  return {
    kind: "icmp-any",
    severity: "warning",
    ruleIndex,
    sentence: `${ruleName(ruleIndex)} allows every ICMP type (type ${rule.type}): with dynamic ASGs, silk-release 3.0.0 to 3.4.0 cannot remove such a rule, and then no container can start.`,
    fix: "Name the ICMP types apps need (for example type 8, code 0 for ping), or make sure the cells run silk-release 3.5.0 or later.",
  };
}

/**
 * `"80, 443"`: CF stores it (it trims each port), but dynamic ASG enforcement once read it as port 80
 * alone (cloudfoundry/cf-networking-release#149), and other tools may still.
 */
export function spacedPorts(rule: CfRule, ruleIndex: number): Finding | null {
  if (typeof rule.ports !== "string" || !/\s/.test(rule.ports)) return null;
  const tidy = rule.ports.replace(/\s+/g, "");
  return {
    kind: "spaced-ports",
    severity: "warning",
    ruleIndex,
    sentence: `${ruleName(ruleIndex)} writes its ports with spaces ("${rule.ports}"): Cloud Foundry accepts them, but dynamic ASG enforcement once read such a list as its first port only (cf-networking-release issue 149).`,
    fix: `Write the ports without spaces: "${tidy}".`,
  };
}
