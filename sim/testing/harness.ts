import { seed as defaultSeed, DEMO_PASSWORD, type SeedWorld } from "../seed";
import { startSim, type Sim, type SimOptions } from "../server";

/**
 * Starts a stand-in on free loopback ports for a test file and talks to it
 * over real HTTP, with real tokens from its UAA (password grant, `cf`
 * client, as the cf CLI gets them).
 */

export type Call = { status: number; headers: Headers; body: unknown; text: string };

export type TestSim = {
  sim: Sim;
  token: (username: string) => Promise<string>;
  call: (
    method: string,
    path: string,
    options?: { user?: string; token?: string; body?: unknown; rawBody?: string },
  ) => Promise<Call>;
  reset: () => Promise<void>;
  close: () => Promise<void>;
};

export async function startTestSim(
  options: Partial<SimOptions> & { seed?: SeedWorld } = {},
): Promise<TestSim> {
  const sim = await startSim({ cfPort: 0, uaaPort: 0, seed: defaultSeed, ...options });
  const tokens = new Map<string, string>();

  async function token(username: string): Promise<string> {
    const cached = tokens.get(username);
    if (cached) return cached;
    const response = await fetch(`${sim.uaaUrl}/oauth/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from("cf:").toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
      },
      body: new URLSearchParams({ grant_type: "password", username, password: DEMO_PASSWORD }),
    });
    if (!response.ok)
      throw new Error(`password grant for ${username}: ${response.status} ${await response.text()}`);
    const { access_token } = (await response.json()) as { access_token: string };
    tokens.set(username, access_token);
    return access_token;
  }

  async function call(
    method: string,
    path: string,
    options: { user?: string; token?: string; body?: unknown; rawBody?: string } = {},
  ): Promise<Call> {
    const bearer = options.token ?? (options.user ? await token(options.user) : undefined);
    const headers: Record<string, string> = {};
    if (bearer) headers.Authorization = `bearer ${bearer}`;
    const payload =
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (payload !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(`${sim.cfUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: response.status, headers: response.headers, body, text };
  }

  return {
    sim,
    token,
    call,
    reset: async () => {
      const response = await fetch(`${sim.cfUrl}/__sim/reset`, { method: "POST" });
      if (response.status !== 204) throw new Error(`reset failed: ${response.status}`);
    },
    close: () => sim.close(),
  };
}
