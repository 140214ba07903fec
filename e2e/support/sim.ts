import { expect, type APIRequestContext } from "@playwright/test";

/** The stand-in's test-only routes (docs/design.md §3), for arranging and checking e2e tests. */

export const SIM_URL = process.env.E2E_SIM_URL ?? "http://127.0.0.1:9122";

export type LoggedRequest = {
  method: string;
  path: string;
  user_guid: string | null;
  status: number;
  started_at: number;
  ended_at: number;
};

export type RouteFault = {
  method?: string;
  path: string;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  drop?: boolean;
  times?: number;
  delay_ms?: number;
  passthrough?: boolean;
};

export type Faults = {
  latency_ms?: number;
  error_rate?: number;
  routes?: RouteFault[];
  access_token_lifetime_seconds?: number | null;
  revoke_refresh_tokens?: string[];
  /** The UAA down (503, or connections reset with drop), for every path or those named. */
  uaa_down?: boolean | { paths?: string[]; drop?: boolean };
};

/** The stand-in as a test sees it. */
export class Sim {
  constructor(private readonly request: APIRequestContext) {}

  reset = () => resetSim(this.request);
  faults = (faults: Faults) => setFaults(this.request, faults);
  clearRequests = () => clearRequests(this.request);
  requests = () => loggedRequests(this.request);
  /** Requests that changed something (neither GET nor HEAD). */
  writes = async () => (await this.requests()).filter((r) => r.method !== "GET" && r.method !== "HEAD");
  /** The writes as `[method, path, status]`, for a spec to compare with the writes it expects. */
  writeLines = async () => (await this.writes()).map((r) => [r.method, r.path, r.status]);
  /** The paths (without their queries) of the reads logged since the last clear, sorted. */
  readPaths = async () =>
    (await this.requests())
      .filter((r) => r.method === "GET")
      .map((r) => r.path.split("?")[0] ?? "")
      .sort();
  cfAs = (username: string, method: "GET" | "POST" | "DELETE" | "PATCH", path: string, data?: unknown) =>
    cfAs(this.request, username, method, path, data);
  /** A user's access token, for calling the dashboard's API as a pipeline would. */
  token = (username: string) => tokenFor(this.request, username);

  /**
   * What the dashboard can change, as the platform admin sees it in CF: every group's running and
   * staging spaces, and every space's isolation segment. Equal before and after a refused call.
   */
  async state(): Promise<{ groups: Record<string, string[]>; segments: Record<string, string | null> }> {
    const [groups, spaces] = await Promise.all([
      this.cfAs("admin", "GET", "/v3/security_groups?per_page=5000"),
      this.cfAs("admin", "GET", "/v3/spaces?per_page=5000"),
    ]);
    expect(groups.status).toBe(200);
    expect(spaces.status).toBe(200);
    type Group = { name: string; relationships: Record<string, { data: { guid: string }[] }> };
    const bindings: Record<string, string[]> = {};
    for (const group of (groups.body as { resources: Group[] }).resources) {
      for (const lifecycle of ["running", "staging"])
        bindings[`${group.name} ${lifecycle}`] = (group.relationships[`${lifecycle}_spaces`]?.data ?? [])
          .map((d) => d.guid)
          .sort();
    }
    const guids = (spaces.body as { resources: { guid: string }[] }).resources.map((s) => s.guid).sort();
    const segments = await Promise.all(
      guids.map(async (guid) => {
        const { body } = await this.cfAs(
          "admin",
          "GET",
          `/v3/spaces/${guid}/relationships/isolation_segment`,
        );
        return [guid, (body as { data: { guid: string } | null }).data?.guid ?? null] as const;
      }),
    );
    return { groups: bindings, segments: Object.fromEntries(segments) };
  }

  /** When the newest access token of a user that CF has seen was issued and expires (epoch seconds). */
  async newestToken(userGuid: string): Promise<{ iat: number; exp: number }> {
    const tokens = (await seenAccessTokens(this.request))[userGuid] ?? [];
    const times = tokens.map((t) => {
      const payload = JSON.parse(Buffer.from(t.split(".")[1] ?? "", "base64url").toString()) as {
        iat: number;
        exp: number;
      };
      return { iat: payload.iat, exp: payload.exp };
    });
    const newest = times.sort((a, b) => b.iat - a.iat)[0];
    if (!newest) throw new Error(`CF has seen no token of ${userGuid}`);
    return newest;
  }

  /** The spaces a group is bound to for a lifecycle, as the platform admin sees them in CF. */
  async boundSpaces(groupGuid: string, lifecycle: "running" | "staging" = "running"): Promise<string[]> {
    const { body } = await this.cfAs("admin", "GET", `/v3/security_groups/${groupGuid}`);
    const relationships = (body as { relationships: Record<string, { data: { guid: string }[] }> })
      .relationships;
    return (relationships[`${lifecycle}_spaces`]?.data ?? []).map((d) => d.guid).sort();
  }
}

export async function resetSim(request: APIRequestContext): Promise<void> {
  expect((await request.post(`${SIM_URL}/__sim/reset`)).status()).toBe(204);
}

export async function setFaults(request: APIRequestContext, faults: Faults): Promise<void> {
  const response = await request.post(`${SIM_URL}/__sim/faults`, { data: faults });
  expect(response.status(), await response.text()).toBe(200);
}

export async function clearRequests(request: APIRequestContext): Promise<void> {
  expect((await request.delete(`${SIM_URL}/__sim/requests`)).status()).toBe(204);
}

export async function loggedRequests(request: APIRequestContext): Promise<LoggedRequest[]> {
  const response = await request.get(`${SIM_URL}/__sim/requests`);
  return ((await response.json()) as { requests: LoggedRequest[] }).requests;
}

/** Access tokens the CF API received, per user guid. */
export async function seenAccessTokens(request: APIRequestContext): Promise<Record<string, string[]>> {
  const response = await request.get(`${SIM_URL}/__sim/tokens`);
  return ((await response.json()) as { access_tokens: Record<string, string[]> }).access_tokens;
}

/** Tokens per user, reused while they have more than half a minute to live (a test may shorten lifetimes). */
const tokens = new Map<string, { token: string; expiresAt: number }>();

/** A user's own access token from the cf client's password grant, as `cf oauth-token` gives it. */
export async function tokenFor(request: APIRequestContext, username: string): Promise<string> {
  let token = tokens.get(username);
  if (!token || token.expiresAt < Date.now() + 30_000) {
    const root = (await (await request.get(`${SIM_URL}/`)).json()) as { links: { login: { href: string } } };
    const tokenResponse = await request.post(`${root.links.login.href}/oauth/token`, {
      headers: {
        Authorization: `Basic ${Buffer.from("cf:").toString("base64")}`,
        Accept: "application/json",
      },
      form: { grant_type: "password", username, password: "demo-password" },
    });
    const { access_token, expires_in } = (await tokenResponse.json()) as {
      access_token: string;
      expires_in: number;
    };
    token = { token: access_token, expiresAt: Date.now() + expires_in * 1000 };
    tokens.set(username, token);
  }
  return token.token;
}

/** A CF API call with a user's own token, from the cf client's password grant, as the cf CLI would. */
export async function cfAs(
  request: APIRequestContext,
  username: string,
  method: "GET" | "POST" | "DELETE" | "PATCH",
  path: string,
  data?: unknown,
): Promise<{ status: number; body: unknown }> {
  const token = await tokenFor(request, username);
  const response = await request.fetch(`${SIM_URL}${path}`, {
    method,
    headers: { Authorization: `bearer ${token}` },
    data,
  });
  const text = await response.text();
  return { status: response.status(), body: text ? (JSON.parse(text) as unknown) : undefined };
}
