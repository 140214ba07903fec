import { z } from "zod";
import { parseDestination } from "./address";
import { asRule, type CatalogEndpoint } from "./catalog";
import { parsePorts } from "./ports";
import { parseRule } from "./rules";

/**
 * The question of "Who can reach this?" (docs/design.md §13): one
 * destination (an address, a CIDR or a range a-b, IPv4 or IPv6), the ports
 * (tcp and udp: a port, a range or a list, as in a CF rule), and a protocol;
 * icmp means every ICMP message and `all` every protocol and port, as in a CF
 * rule. It becomes a catalog endpoint, so the engine the matrix uses answers
 * it (./reach-search.ts). Read with zod from a URL's query, for the API, the
 * pages and the tests alike.
 */

export const SEARCH_PROTOCOLS = ["tcp", "udp", "icmp", "all"] as const;
export type SearchProtocol = (typeof SEARCH_PROTOCOLS)[number];

export type ReachSearchQuery = {
  destination: string;
  /** Empty for icmp and all. */
  ports: string;
  protocol: SearchProtocol;
  /** The question as the engine reads a catalog endpoint. */
  endpoint: CatalogEndpoint;
};

export type QueryField = "destination" | "ports" | "protocol";

export type ParsedSearch =
  | { ok: true; query: ReachSearchQuery }
  | {
      ok: false;
      /** Every problem in one sentence, for an API's error body. */
      message: string;
      fieldErrors: Partial<Record<QueryField, string[]>>;
    };

/** Longer than any single address, CIDR or range of IPv6 addresses; a search is not a list. */
const MAX_DESTINATION = 100;
const MAX_PORTS = 100;

const text = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .max(max, `${what} must be at most ${max} characters`);

const querySchema = z
  .object({
    destination: text(MAX_DESTINATION, "destination").min(
      1,
      "destination is required: an address, a CIDR or a range a-b",
    ),
    ports: text(MAX_PORTS, "ports").default(""),
    protocol: z
      .enum(SEARCH_PROTOCOLS, { error: "protocol must be one of tcp, udp, icmp, all" })
      .default("tcp"),
  })
  .superRefine((q, ctx) => {
    const problem = (path: QueryField, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    // An empty or overlong destination already has its message.
    const readable = q.destination !== "" && q.destination.length <= MAX_DESTINATION;
    if (readable && q.destination.includes(",")) {
      problem("destination", "destination must be one address, CIDR or range a-b, not a list");
    } else if (readable) {
      const parsed = parseDestination(q.destination);
      if (!parsed.ok)
        problem("destination", `${parsed.reason} (e.g. 10.0.0.5, 10.0.0.0/16 or 10.0.0.1-10.0.0.9)`);
      else if (q.protocol === "icmp" && parsed.value.v6.length > 0)
        problem("destination", "protocol icmp takes an IPv4 destination (ICMPv6 is not searched)");
    }
    if (q.protocol === "tcp" || q.protocol === "udp") {
      if (q.ports === "")
        problem("ports", `ports are required for ${q.protocol}: a port (443) or a range (8000-8080)`);
      else if (!parsePorts(q.ports).ok)
        problem(
          "ports",
          "ports must be a port from 1 to 65535, a range such as 8000-8080, or a list such as 80,443",
        );
    } else if (q.ports !== "") {
      problem("ports", `ports are not used with protocol ${q.protocol}: leave them empty`);
    }
  });

/** A single value of a query parameter: the first when it is repeated; absent when empty. */
function first(value: string | readonly string[] | null | undefined): string | undefined {
  const one = typeof value === "string" ? value : value?.[0];
  return one === undefined || one === null || one === "" ? undefined : one;
}

/** Reads the question from a URL's query (`URLSearchParams`) or a page's `searchParams`. */
export function parseReachSearch(
  input: URLSearchParams | Record<string, string | readonly string[] | undefined>,
): ParsedSearch {
  const get = (key: QueryField) => (input instanceof URLSearchParams ? input.get(key) : first(input[key]));
  const result = querySchema.safeParse({
    destination: first(get("destination")) ?? "",
    ports: first(get("ports")),
    protocol: first(get("protocol")),
  });
  if (!result.success) {
    const fieldErrors: Partial<Record<QueryField, string[]>> = {};
    for (const issue of result.error.issues) {
      const field = issue.path[0] as QueryField;
      (fieldErrors[field] ??= []).push(issue.message);
    }
    const message = Object.values(fieldErrors)
      .flat()
      .map((m) => m.replace(/^./, (c) => c.toUpperCase()))
      .join(". ");
    return { ok: false, message: `${message}.`, fieldErrors };
  }
  const { destination, ports, protocol } = result.data;
  const endpoint: CatalogEndpoint =
    protocol === "tcp" || protocol === "udp" ? { protocol, destination, ports } : { protocol, destination };
  // The same check the platform file's endpoints get; the refinements above make it pass.
  const rule = parseRule(asRule(endpoint), 0);
  if (!rule.ok) {
    const field = rule.problem.field === "ports" ? "ports" : "destination";
    return { ok: false, message: `${rule.problem.reason}.`, fieldErrors: { [field]: [rule.problem.reason] } };
  }
  return { ok: true, query: { destination, ports, protocol, endpoint } };
}
