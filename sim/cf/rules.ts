import ipaddr from "ipaddr.js";

/**
 * Security-group rule validation with the Cloud Controller's exact texts
 * (docs/cf-behaviour.md §2.4): first the message validator (`Rules[i]: …`,
 * every problem of every rule), then, only when that passes, the model
 * validator (`rules rule number n …`). IPv6 and comma-separated destinations
 * are behind operator flags, off by default as in a stock CAPI.
 */

export type RuleFlags = { enableIpv6: boolean; enableCommaDelimitedDestinations: boolean };

const ALLOWED_KEYS = ["code", "description", "destination", "log", "ports", "protocol", "type"];
const MAX_DESTINATIONS_PER_RULE = 6000;

type Family = 4 | 6;
type Parsed = { family: Family; value: bigint };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Ruby truthiness: only nil and false are false (so a port or code of 0 counts as given). */
const given = (value: unknown) => value !== undefined && value !== null && value !== false;

function addressValue(text: string): bigint {
  return ipaddr
    .parse(text)
    .toByteArray()
    .reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}

/** A plain address; leading zeros in IPv4 octets are reported separately, so they are read as decimals here. */
function parseAddress(text: string, flags: RuleFlags): Parsed | undefined {
  const v4 = text
    .split(".")
    .map((octet) => (/^\d+$/.test(octet) ? String(Number(octet)) : octet))
    .join(".");
  if (ipaddr.IPv4.isValidFourPartDecimal(v4)) return { family: 4, value: addressValue(v4) };
  if (flags.enableIpv6 && ipaddr.IPv6.isValid(text) && !text.includes("%")) {
    return { family: 6, value: addressValue(text) };
  }
  return undefined;
}

/** An address or CIDR, as NetAddr's IPv4Net/IPv6Net parse it. */
function parseNetwork(text: string, flags: RuleFlags): Parsed | undefined {
  const [address = "", prefix, ...rest] = text.split("/");
  if (rest.length > 0) return undefined;
  const parsed = parseAddress(address, flags);
  if (!parsed || prefix === undefined) return parsed;
  const max = parsed.family === 4 ? 32 : 128;
  if (!/^\d+$/.test(prefix) || Number(prefix) > max) return undefined;
  return parsed;
}

function noLeadingZeros(address: string): boolean {
  if (!address.includes(".")) return true;
  return address.split(".").every((octet) => {
    if (!(octet.startsWith("0") && octet.length > 1)) return true;
    const [head = ""] = octet.split("/");
    return octet.includes("/") && !(head.length > 1 && head.startsWith("0"));
  });
}

/** CC's TransportRuleValidator.validate_port. */
export function validPorts(ports: unknown): boolean {
  if (typeof ports !== "string") return false;
  if (/[^\d\s\-,]/.test(ports)) return false;
  const inRange = (n: number) => n > 0 && n < 65536;
  const range = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(ports);
  if (range) {
    const left = Number(range[1]);
    const right = Number(range[2]);
    return left < right && inRange(left) && inRange(right);
  }
  const list = ports.split(",");
  return list.length > 0 && list.every((p) => /^\s*\d+\s*$/.test(p) && inRange(Number(p)));
}

const validIcmp = (value: unknown) =>
  typeof value === "number" && Number.isInteger(value) && value >= -1 && value <= 255;

function destinationProblems(
  destination: string,
  protocol: unknown,
  allowed: Family | undefined,
  flags: RuleFlags,
): string[] {
  const problems: string[] = [];
  const generic = flags.enableCommaDelimitedDestinations
    ? "destination must contain valid CIDR(s), IP address(es), or IP address range(s)"
    : "destination must be a valid CIDR, IP address, or IP address range";
  if (destination === "") problems.push("empty destination specified in comma-delimited list");
  const parts = destination.split("-");
  if (!parts.every(noLeadingZeros)) problems.push("destination octets cannot contain leading zeros");
  const wrongFamily = (family: Family) =>
    allowed !== undefined && family !== allowed
      ? [`for protocol "${String(protocol)}" you cannot use IPv${family} addresses`]
      : [];

  if (parts.length === 1) {
    const parsed = parseNetwork(parts[0] ?? "", flags);
    if (!parsed) problems.push(generic);
    else problems.push(...wrongFamily(parsed.family));
  } else if (parts.length === 2) {
    const ends = parts.map((p) => parseAddress(p, flags));
    const [first, last] = ends;
    if (!first || !last || first.family !== last.family) {
      problems.push("destination IP address range is invalid");
      return problems;
    }
    if (first.value > last.value) {
      problems.push(
        "beginning of IP address range is numerically greater than the end of its range (range endpoints are inverted)",
      );
    }
    problems.push(...wrongFamily(first.family));
  } else {
    problems.push(generic);
  }
  return problems;
}

function messageProblems(rule: unknown, flags: RuleFlags): string[] {
  if (!isRecord(rule)) return ["must be an object"];
  const problems: string[] = [];
  const unknown = Object.keys(rule).filter((k) => !ALLOWED_KEYS.includes(k));
  if (unknown.length > 0) problems.push(`unknown field(s): [${unknown.map((k) => `"${k}"`).join(", ")}]`);

  const { protocol, destination, ports } = rule;
  if (typeof protocol !== "string" || !["tcp", "udp", "icmp", "icmpv6", "all"].includes(protocol)) {
    problems.push("protocol must be 'tcp', 'udp', 'icmp', 'icmpv6' or 'all'");
  }
  const allowedFamily: Family | undefined = protocol === "icmp" ? 4 : protocol === "icmpv6" ? 6 : undefined;

  const nilMessage = flags.enableCommaDelimitedDestinations
    ? "nil destination; destination must be a comma-delimited list of valid CIDRs, IP addresses, or IP address ranges"
    : "destination must be a valid CIDR, IP address, or IP address range";
  if (destination === undefined || destination === null) {
    problems.push(nilMessage);
  } else if (typeof destination !== "string") {
    problems.push("destination must be a string");
  } else if (/\s/.test(destination)) {
    problems.push("destination must not contain whitespace");
  } else if (!flags.enableCommaDelimitedDestinations && destination.includes(",")) {
    problems.push(nilMessage);
  } else {
    const destinations = destination.split(",");
    if (destinations.length > MAX_DESTINATIONS_PER_RULE) {
      problems.push(`maximum destinations per rule exceeded - must be under ${MAX_DESTINATIONS_PER_RULE}`);
    }
    for (const d of destinations) problems.push(...destinationProblems(d, protocol, allowedFamily, flags));
  }

  if (given(rule.description) && typeof rule.description !== "string") {
    problems.push("description must be a string");
  }
  if (given(rule.log) && typeof rule.log !== "boolean") problems.push("log must be a boolean");

  const icmpProblems = () => {
    if (!given(rule.code)) problems.push("code is required for protocols of type ICMP");
    if (!validIcmp(rule.code)) problems.push("code must be an integer between -1 and 255 (inclusive)");
    if (!given(rule.type)) problems.push("type is required for protocols of type ICMP");
    if (!validIcmp(rule.type)) problems.push("type must be an integer between -1 and 255 (inclusive)");
  };
  switch (protocol) {
    case "tcp":
    case "udp":
      if (!given(ports)) problems.push("ports are required for protocols of type TCP and UDP");
      if (!validPorts(ports)) {
        problems.push(
          "ports must be a valid single port, comma separated list of ports, or range or ports, formatted as a string",
        );
      }
      break;
    case "icmp":
      icmpProblems();
      break;
    case "icmpv6":
      if (!flags.enableIpv6) problems.push("icmpv6 cannot be used if enable_ipv6 is false");
      icmpProblems();
      break;
    case "all":
      if (given(ports)) problems.push("ports are not allowed for protocols of type all");
      break;
  }
  return problems;
}

/** The model validator: which keys each protocol may carry. */
function modelProblems(rule: Record<string, unknown>): string[] {
  const fields: Record<string, { required: string[]; optional: string[] }> = {
    tcp: { required: ["protocol", "destination", "ports"], optional: ["log", "description"] },
    udp: { required: ["protocol", "destination", "ports"], optional: ["log", "description"] },
    icmp: { required: ["protocol", "destination", "type", "code"], optional: ["log", "description"] },
    icmpv6: { required: ["protocol", "destination", "type", "code"], optional: ["log", "description"] },
    all: { required: ["protocol", "destination"], optional: ["log", "description"] },
  };
  const spec = fields[String(rule.protocol)];
  if (!spec) return ["contains an unsupported protocol"];
  const keys = Object.keys(rule);
  return [
    ...spec.required.filter((f) => !keys.includes(f)).map((f) => `missing required field '${f}'`),
    ...keys
      .filter((k) => ![...spec.required, ...spec.optional].includes(k))
      .map((k) => `contains the invalid field '${k}'`),
  ];
}

/** Every problem with a `rules` value, as the 422 detail's parts; empty when valid. */
export function ruleProblems(rules: unknown, flags: RuleFlags): string[] {
  if (!Array.isArray(rules)) return ["Rules must be an array"];
  const messages = rules.flatMap((rule, index) =>
    messageProblems(rule, flags).map((problem) => `Rules[${index}]: ${problem}`),
  );
  if (messages.length > 0) return messages;
  return rules.flatMap((rule, index) =>
    modelProblems(rule as Record<string, unknown>).map(
      (problem) => `rules rule number ${index + 1} ${problem}`,
    ),
  );
}
