import "server-only";
import { lookup, Resolver } from "node:dns/promises";
import { isIP } from "node:net";
import { z } from "zod";
import type { Catalog } from "./catalog";
import type { SecurityGroup } from "./evaluate";
import { canReach, reachFix, type ReachCandidate, type ReachResult } from "./reach";

export type { ReachResult } from "./reach";

/**
 * "Can my app reach …?" A host name is resolved here, on the dashboard's own
 * network, with a timeout; the answer says so, because the app's DNS inside
 * the platform may answer differently (docs/design.md §4). In development the
 * resolver may be pointed at the stand-in's DNS server (`DNS_SERVER`), which
 * answers for the catalog's invented hosts. An address that is refused comes
 * with the profile that would open it (reachFix).
 */

export const reachQuerySchema = z.object({
  host: z
    .string()
    .trim()
    .min(1, "Enter an address or a host name.")
    .max(253, "That is too long for a host name.")
    .refine(
      (v) =>
        isIP(v) !== 0 ||
        /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(
          v,
        ),
      {
        message: "Enter an IP address or a host name such as api.example.gov.",
      },
    ),
  protocol: z.enum(["tcp", "udp", "icmp"]).default("tcp"),
  port: z.coerce
    .number({ error: "The port must be a number." })
    .int("The port must be a whole number.")
    .min(1, "The port must be from 1 to 65535.")
    .max(65535, "The port must be from 1 to 65535.")
    .optional(),
});

const LOOKUP_TIMEOUT_MS = 3_000;

/** A host's addresses from one DNS server ("127.0.0.1:9053"): A and AAAA records; none is a failure. */
async function resolveWith(server: string, host: string): Promise<string[]> {
  const resolver = new Resolver({ timeout: LOOKUP_TIMEOUT_MS, tries: 1 });
  resolver.setServers([server]);
  const [v4, v6] = await Promise.all([
    resolver.resolve4(host).catch(() => [] as string[]),
    resolver.resolve6(host).catch(() => [] as string[]),
  ]);
  const found = [...v4, ...v6];
  if (found.length === 0) throw new Error(`${host}: no address`);
  return found;
}

async function resolve(host: string, dnsServer: string | undefined): Promise<string[]> {
  if (isIP(host)) return [host];
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error("timeout")), LOOKUP_TIMEOUT_MS).unref(),
  );
  const found = await Promise.race([
    dnsServer
      ? resolveWith(dnsServer, host)
      : lookup(host, { all: true }).then((all) => all.map((a) => a.address)),
    timeout,
  ]);
  return [...new Set(found)].slice(0, 8);
}

/** What the answer is judged against: the groups that apply now, and the profiles that could be added. */
export type ReachContext = {
  running: readonly SecurityGroup[];
  candidates: readonly ReachCandidate[];
  catalog: Catalog;
  /** The DNS server to ask instead of the system's resolver (development: the stand-in's). */
  dnsServer?: string;
};

export async function answerReach(context: ReachContext, input: unknown): Promise<ReachResult> {
  const parsed = reachQuerySchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, message: parsed.error.issues[0]?.message ?? "The question is not valid." };
  const { host, protocol, port } = parsed.data;
  if (protocol !== "icmp" && port === undefined)
    return { ok: false, message: `Enter a port for ${protocol}.` };

  let addresses: string[];
  try {
    addresses = await resolve(host, context.dnsServer);
  } catch {
    return { ok: false, message: `${host} could not be resolved from the dashboard's network.` };
  }
  const answers = addresses.map((address) => {
    const family = isIP(address);
    const query = {
      address,
      protocol: protocol === "icmp" && family === 6 ? ("icmpv6" as const) : protocol,
      port: protocol === "icmp" ? undefined : port,
    };
    const answer = canReach(context.running, query);
    if (answer.ok && answer.allowed)
      return {
        address,
        allowed: true,
        by: answer.by && { group: answer.by.group, ruleIndex: answer.by.ruleIndex },
      };
    return {
      address,
      allowed: false,
      fix: reachFix(context.running, context.candidates, context.catalog, query),
    };
  });
  return { ok: true, host, resolved: isIP(host) === 0, protocol, port, answers };
}
