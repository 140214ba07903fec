/**
 * The question the org page answers, asked the cf CLI's way: for each space,
 * `cf space S --security-group-rules`, whose requests are listed in
 * docs/cf-behaviour.md §5 (cf CLI v8). They are made here exactly
 * in that order, one after another as the CLI makes them, with the CLI's
 * defaults (no `per_page` except 1 on name lookups, so lists page at 50 and
 * their `next` links are followed):
 *
 *   1. GET /v3/organizations/:org                                  (the targeted org)
 *   2. GET /v3/spaces?names=S&organization_guids=:org&page=1&per_page=1
 *   3. GET /v3/apps?space_guids=:space                             (all pages)
 *   4. GET /v3/service_instances?space_guids=:space                (all pages)
 *   5. GET /v3/spaces/:space/relationships/isolation_segment
 *   6. GET /v3/organizations/:org/relationships/default_isolation_segment   (only without a space segment)
 *   7. GET /v3/isolation_segments/:segment                         (only with a segment)
 *   8. GET /v3/space_quotas/:quota                                 (only with a space quota)
 *   9. GET /v3/spaces/:space/running_security_groups               (all pages)
 *  10. GET /v3/spaces/:space/staging_security_groups               (all pages)
 *
 * The token is the one `cf login` stored (the `cf` client's password grant),
 * fetched once; the CLI refreshes it only when it has under a minute left.
 */

export type CliRun = {
  /** Requests made, in order, with their statuses. */
  requests: { path: string; status: number }[];
  ms: number;
};

type Page = { pagination?: { next?: { href: string } | null }; data?: { guid: string } | null };

export async function cfSpaceSecurityGroupRules(
  api: string,
  token: string,
  orgGuid: string,
  spaceName: string,
): Promise<CliRun> {
  const requests: CliRun["requests"] = [];
  const get = async (path: string): Promise<Record<string, unknown> | null> => {
    const response = await fetch(path.startsWith("http") ? path : `${api}${path}`, {
      headers: { Authorization: `bearer ${token}`, Accept: "application/json" },
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    requests.push({ path: path.replace(api, ""), status: response.status });
    if (!response.ok) return null;
    return JSON.parse(text) as Record<string, unknown>;
  };
  const allPages = async (path: string) => {
    let next: string | undefined = path;
    while (next) next = ((await get(next)) as Page | null)?.pagination?.next?.href ?? undefined;
  };

  const started = performance.now();
  await get(`/v3/organizations/${orgGuid}`);
  const spaces = (await get(
    `/v3/spaces?names=${encodeURIComponent(spaceName)}&organization_guids=${orgGuid}&page=1&per_page=1`,
  )) as { resources?: { guid: string; relationships?: { quota?: { data?: { guid: string } | null } } }[] };
  const space = spaces?.resources?.[0];
  if (!space) throw new Error(`cf space ${spaceName}: not found`);
  await allPages(`/v3/apps?space_guids=${space.guid}`);
  await allPages(`/v3/service_instances?space_guids=${space.guid}`);
  let segment = ((await get(`/v3/spaces/${space.guid}/relationships/isolation_segment`)) as Page | null)?.data
    ?.guid;
  if (!segment)
    segment = (
      (await get(`/v3/organizations/${orgGuid}/relationships/default_isolation_segment`)) as Page | null
    )?.data?.guid;
  if (segment) await get(`/v3/isolation_segments/${segment}`);
  const quota = space.relationships?.quota?.data?.guid;
  if (quota) await get(`/v3/space_quotas/${quota}`);
  await allPages(`/v3/spaces/${space.guid}/running_security_groups`);
  await allPages(`/v3/spaces/${space.guid}/staging_security_groups`);
  return { requests, ms: performance.now() - started };
}

/** Up to `count` spaces spread evenly over the list (all of them when there are fewer). */
export function sample<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)] as T);
}
