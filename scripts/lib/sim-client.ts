/**
 * The stand-in's test-only routes (docs/design.md §3), over HTTP, for the
 * benchmarks: latency, the request log, and tokens from the `cf` client's
 * password grant, as the cf CLI gets them.
 */
import type { TimedRequest } from "./measure";

export type LoggedRequest = TimedRequest & {
  method: string;
  path: string;
  user_guid: string | null;
  status: number;
};

export class SimClient {
  constructor(readonly cfUrl: string) {}

  private async call(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetch(`${this.cfUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new Error(`stand-in: ${method} ${path} answered ${response.status}`);
    return response;
  }

  /** Adds this many milliseconds to every CF API request (0 removes it). */
  async latency(ms: number): Promise<void> {
    await this.call("POST", "/__sim/faults", { latency_ms: ms });
  }

  /**
   * Replaces the stand-in's world with a generated one (`POST /__sim/world`, docs/design.md §3), on top
   * of the named seed when given, else of the world the stand-in started with.
   */
  async world(shape: {
    seed?: "cloud-gov";
    shape?: "uniform" | "realistic";
    org_sizes: number[];
    groups: number;
    foundation_spaces?: number;
  }): Promise<void> {
    await this.call("POST", "/__sim/world", shape);
  }

  async clearRequests(): Promise<void> {
    await this.call("DELETE", "/__sim/requests");
  }

  async requests(): Promise<LoggedRequest[]> {
    return ((await (await this.call("GET", "/__sim/requests")).json()) as { requests: LoggedRequest[] })
      .requests;
  }

  /** The UAA's address, from the CF API's root document, as every CF client finds it. */
  async uaaUrl(): Promise<string> {
    const root = (await (await this.call("GET", "/")).json()) as { links: { login: { href: string } } };
    return root.links.login.href;
  }

  /** An access token from the `cf` client's password grant (empty secret), as `cf login` gets one. */
  async passwordToken(username: string, password: string): Promise<string> {
    const response = await fetch(`${await this.uaaUrl()}/oauth/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from("cf:").toString("base64")}`,
        Accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ grant_type: "password", username, password }),
    });
    if (!response.ok) throw new Error(`UAA password grant for ${username}: ${response.status}`);
    return ((await response.json()) as { access_token: string }).access_token;
  }
}
