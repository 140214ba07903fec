import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { z } from "zod";
import type { SecurityGroup } from "./evaluate";
import { canReach } from "./reach";

/**
 * "Can my app reach …?" A host name is resolved here, on the dashboard's own
 * network, with a timeout; the answer says so, because the app's DNS inside
 * the platform may answer differently (docs/design.md §4).
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

export type ReachResult =
  | { ok: false; message: string }
  | {
      ok: true;
      host: string;
      resolved: boolean;
      answers: { address: string; allowed: boolean; by?: { group: string; ruleIndex: number } }[];
    };

const LOOKUP_TIMEOUT_MS = 3_000;

async function resolve(host: string): Promise<string[]> {
  if (isIP(host)) return [host];
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error("timeout")), LOOKUP_TIMEOUT_MS).unref(),
  );
  const found = await Promise.race([lookup(host, { all: true }), timeout]);
  return [...new Set(found.map((a) => a.address))].slice(0, 8);
}

export async function answerReach(groups: readonly SecurityGroup[], input: unknown): Promise<ReachResult> {
  const parsed = reachQuerySchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, message: parsed.error.issues[0]?.message ?? "The question is not valid." };
  const { host, protocol, port } = parsed.data;
  if (protocol !== "icmp" && port === undefined)
    return { ok: false, message: `Enter a port for ${protocol}.` };

  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return { ok: false, message: `${host} could not be resolved from the dashboard's network.` };
  }
  const answers = addresses.map((address) => {
    const family = isIP(address);
    const answer = canReach(groups, {
      address,
      protocol: protocol === "icmp" && family === 6 ? "icmpv6" : protocol,
      port: protocol === "icmp" ? undefined : port,
    });
    return answer.ok
      ? {
          address,
          allowed: answer.allowed,
          by: answer.by && { group: answer.by.group, ruleIndex: answer.by.ruleIndex },
        }
      : { address, allowed: false };
  });
  return { ok: true, host, resolved: isIP(host) === 0, answers };
}
