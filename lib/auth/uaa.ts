import "server-only";
import { env } from "@/lib/env";
import { rootSchema } from "@/lib/cf/schemas";

/**
 * Where the UAA is. A CF platform publishes it in its API root document
 * (`GET <CF_API_URL>/`, links `login` and `uaa`), so CF_API_URL is the only
 * address an operator configures; UAA_URL overrides the discovery.
 *
 * The cf CLI sends token requests to `login`; in cf-deployment both links
 * point at the same UAA, and its discovery document is served on either.
 */

let discovered: Promise<string> | undefined;
/** After a failed discovery, callers fail fast for a while rather than each waiting for a timeout. */
let failedUntil = 0;
const RETRY_AFTER_FAILURE_MS = 10_000;

async function discover(apiUrl: string): Promise<string> {
  const response = await fetch(`${apiUrl}/`, {
    headers: { Accept: "application/json" },
    signal: AbortSignal.timeout(env().cfRequestTimeoutMs),
    cache: "no-store",
  });
  if (!response.ok) throw new Error(`GET ${apiUrl}/ answered ${response.status}`);
  const root = rootSchema.parse(await response.json());
  const href = root.links.login?.href ?? root.links.uaa?.href;
  if (!href) throw new Error(`the CF API root at ${apiUrl} links no login or uaa server`);
  return href.replace(/\/+$/, "");
}

/** The UAA's base URL; discovered once per process (a failed discovery is retried on the next call). */
export function uaaBaseUrl(): Promise<string> {
  const { uaaUrl, cfApiUrl } = env();
  if (uaaUrl) return Promise.resolve(uaaUrl);
  if (!discovered && Date.now() < failedUntil) {
    return Promise.reject(new Error(`the CF API at ${cfApiUrl} did not answer; retrying shortly`));
  }
  discovered ??= discover(cfApiUrl).catch((error: unknown) => {
    discovered = undefined;
    failedUntil = Date.now() + RETRY_AFTER_FAILURE_MS;
    throw error;
  });
  return discovered;
}

/** UAA's issuer is `<uaa>/oauth/token`, not the bare host (docs/cf-behaviour.md §4.1). */
export async function uaaIssuer(): Promise<string> {
  return `${await uaaBaseUrl()}/oauth/token`;
}
