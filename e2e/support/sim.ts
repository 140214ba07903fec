import { expect, type APIRequestContext } from "@playwright/test";

/** The stand-in's test-only routes (design.md §3), for arranging and checking e2e tests. */

export const SIM_URL = process.env.E2E_SIM_URL ?? "http://127.0.0.1:9122";

export type LoggedRequest = {
  method: string;
  path: string;
  user_guid: string | null;
  status: number;
  started_at: number;
  ended_at: number;
};

export async function resetSim(request: APIRequestContext): Promise<void> {
  expect((await request.post(`${SIM_URL}/__sim/reset`)).status()).toBe(204);
}

export async function setFaults(request: APIRequestContext, faults: Record<string, unknown>): Promise<void> {
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

/** A CF API call with a user's own token, from the cf client's password grant, as the cf CLI would. */
export async function cfAs(
  request: APIRequestContext,
  username: string,
  method: "GET" | "POST" | "DELETE",
  path: string,
  data?: unknown,
): Promise<{ status: number; body: unknown }> {
  const root = (await (await request.get(`${SIM_URL}/`)).json()) as { links: { login: { href: string } } };
  const tokenResponse = await request.post(`${root.links.login.href}/oauth/token`, {
    headers: { Authorization: `Basic ${Buffer.from("cf:").toString("base64")}`, Accept: "application/json" },
    form: { grant_type: "password", username, password: "demo-password" },
  });
  const { access_token } = (await tokenResponse.json()) as { access_token: string };
  const response = await request.fetch(`${SIM_URL}${path}`, {
    method,
    headers: { Authorization: `bearer ${access_token}` },
    data,
  });
  const text = await response.text();
  return { status: response.status(), body: text ? (JSON.parse(text) as unknown) : undefined };
}
