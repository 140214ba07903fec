import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Webhook URLs are untrusted input (docs/design.md §12): an org manager types
 * them, and the server then POSTs to them from inside the platform's network.
 * This module decides where the server may send, at save and again at every
 * send, on the addresses actually connected to.
 *
 * - **production** (lib/env's `isProduction`): https only, and only public
 *   unicast addresses: never loopback, private (RFC 1918), link-local (the
 *   cloud metadata address 169.254.169.254 among them), CGNAT (100.64/10),
 *   unique-local (fc00::/7, AWS's fd00:ec2::254 metadata among them),
 *   unspecified, multicast, broadcast or reserved space. An IPv4-mapped IPv6
 *   address is judged as the IPv4 address it maps.
 * - **development** (the demo, tests): http is allowed and so is loopback
 *   (a receiver on 127.0.0.1); nothing else private.
 *
 * A host name is resolved once, every address it resolves to is checked, and
 * the connection is made to the checked address (`guardedLookup`, given to
 * the request as its `lookup`; the Host header and TLS SNI stay the name). So
 * a name that resolved to a public address at save and to a private one at
 * send (DNS rebinding) is refused at send.
 */

export type GuardRule = "production" | "development";

/** All the addresses a host name resolves to (injected in tests). */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

const RANGE_WORDS: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private address (RFC 1918)",
  linkLocal: "a link-local address",
  carrierGradeNat: "a carrier-grade NAT address (100.64.0.0/10)",
  uniqueLocal: "a unique-local address (fc00::/7)",
  unspecified: "the unspecified address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
};

const METADATA = new Set(["169.254.169.254", "fd00:ec2::254"]);

/** Why the server must not connect to this address under this rule ("10.0.0.1 is a private address…"); null when it may. */
export function addressRefusal(address: string, rule: GuardRule): string | null {
  const words = refusedRange(address, rule);
  return words === null ? null : `${shownAddress(address)} is ${words}`;
}

function shownAddress(address: string): string {
  return ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
}

/** What kind of refused address it is, in words; null when it may be connected to. */
function refusedRange(address: string, rule: GuardRule): string | null {
  if (!ipaddr.isValid(address)) return "not an IP address";
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is the IPv4 address it maps.
  const parsed = ipaddr.process(address);
  if (METADATA.has(parsed.toString())) return "a cloud metadata address";
  const range = parsed.range();
  if (range === "unicast") return null;
  if (range === "loopback" && rule === "development") return null;
  return RANGE_WORDS[range] ?? `a reserved or special-purpose address (${range})`;
}

/** "is refused: hooks.example.org resolves to 10.0.0.5, a private address (RFC 1918); alerts …" */
function refusedMessage(host: string, address: string, words: string): string {
  const shown = shownAddress(address);
  const what =
    host === shown || host === address ? `${host} is ${words}` : `${host} resolves to ${shown}, ${words}`;
  return `is refused: ${what}; alerts are never sent to loopback, private, link-local or metadata addresses`;
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; message: string };

/** The URL's own rules, before any name is resolved. */
export function urlRefusal(text: string, rule: GuardRule): UrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: "is not a URL, e.g. https://hooks.example.org/egress" };
  }
  if (url.protocol !== "https:" && !(rule === "development" && url.protocol === "http:")) {
    return {
      ok: false,
      message:
        rule === "production"
          ? "must be an https URL: alerts are signed, not secret, and travel over the internet"
          : "must be an http or https URL",
    };
  }
  if (url.username !== "" || url.password !== "") {
    return { ok: false, message: "must not hold a user name or password" };
  }
  return { ok: true, url };
}

/** The URL's host without IPv6 brackets. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * The whole check, as at save: the URL's rules, then every address its host
 * resolves to. The message says which address and why.
 */
export async function checkWebhookUrl(text: string, rule: GuardRule, resolve: Resolver): Promise<UrlCheck> {
  const checked = urlRefusal(text, rule);
  if (!checked.ok) return checked;
  const host = hostOf(checked.url);
  if (ipaddr.isValid(host)) {
    const words = refusedRange(host, rule);
    return words ? { ok: false, message: refusedMessage(host, host, words) } : checked;
  }
  let addresses: { address: string }[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { ok: false, message: `its host ${host} could not be resolved${code ? ` (${code})` : ""}` };
  }
  if (addresses.length === 0) return { ok: false, message: `its host ${host} resolves to no address` };
  for (const { address } of addresses) {
    const words = refusedRange(address, rule);
    if (words) return { ok: false, message: refusedMessage(host, address, words) };
  }
  return checked;
}

/** A refusal at connection time: the request fails with this error, its message recorded as the delivery's. */
export class OutboundRefused extends Error {
  override name = "OutboundRefused";
}

/**
 * A `lookup` for http(s).request: resolves the name once with `resolve`,
 * refuses the connection if any address is refused, else hands the first
 * address to the socket, which connects to exactly that address.
 */
export function guardedLookup(rule: GuardRule, resolve: Resolver): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) {
          callback(new OutboundRefused(`The webhook's host ${hostname} resolves to no address`));
          return;
        }
        for (const { address } of addresses) {
          const words = refusedRange(address, rule);
          if (words) {
            callback(new OutboundRefused(`The webhook URL ${refusedMessage(hostname, address, words)}`));
            return;
          }
        }
        const first = addresses[0] as { address: string; family: number };
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: unknown) => callback(error),
    );
  }) as LookupFunction;
}

/** The host of a URL, checked when it is an IP literal (no lookup happens for those). */
export function literalRefusal(url: URL, rule: GuardRule): string | null {
  const host = hostOf(url);
  if (!ipaddr.isValid(host)) return null;
  const words = refusedRange(host, rule);
  return words ? `The webhook URL ${refusedMessage(host, host, words)}` : null;
}
