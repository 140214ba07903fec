import { readFileSync } from "node:fs";
import { expect, type APIRequestContext } from "@playwright/test";

/**
 * The server logs of a whole run, checked for what must never be in them:
 * a JWT (access and ID tokens; the session cookie is a JWE, which starts the
 * same way), a UAA refresh token, a session cookie, AUTH_SECRET, the client
 * secret, and every access token the CF API actually received during the run.
 * They must also carry what an operator needs: request ids, user guids and
 * CF request timings, as JSON lines.
 */

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}/;
const REFRESH_TOKEN = /\b[0-9a-f]{32}-r\b/;
const COOKIE = /authjs\.session-token=|__Secure-authjs/;

export type LogLine = Record<string, unknown> & { msg?: string };

export function readLogs(files: string[]): { text: string; lines: LogLine[] } {
  const text = files.map((file) => readFileSync(file, "utf8")).join("\n");
  const lines = text
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);
  return { text, lines };
}

export async function checkLogHygiene(
  request: APIRequestContext,
  simUrl: string,
  files: string[],
  secrets: string[],
): Promise<{ lines: number; requests: number; cfRequests: number }> {
  const { text, lines } = readLogs(files);
  expect(lines.length, `no JSON log lines in ${files.join(", ")}`).toBeGreaterThan(0);

  const found = (pattern: RegExp) => text.split("\n").find((line) => pattern.test(line));
  expect(found(JWT), "a JWT (or the JWE session cookie) in the logs").toBeUndefined();
  expect(found(REFRESH_TOKEN), "a UAA refresh token in the logs").toBeUndefined();
  expect(found(COOKIE), "a session cookie in the logs").toBeUndefined();
  for (const secret of secrets) expect(text.includes(secret), "a secret in the logs").toBe(false);

  const seen = (await (await request.get(`${simUrl}/__sim/tokens`)).json()) as {
    access_tokens: Record<string, string[]>;
  };
  const tokens = Object.values(seen.access_tokens).flat();
  expect(tokens.length, "the run sent no token to the CF API: nothing was checked").toBeGreaterThan(0);
  // Plain checks in the loops, one expect after each: an expect is a reported step, and a run logs
  // tens of thousands of lines (a step each took minutes).
  expect(tokens.filter((token) => text.includes(token)).length, "an access token in the logs").toBe(0);

  const requests = lines.filter((l) => l.msg === "request");
  const cfRequests = lines.filter((l) => l.msg === "cf request");
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.every((l) => typeof l.requestId === "string")).toBe(true);
  expect(requests.some((l) => typeof l.user === "string")).toBe(true);
  expect(cfRequests.length).toBeGreaterThan(0);
  const incomplete = cfRequests.filter((line) => {
    const cf = line.cf as Record<string, unknown> | undefined;
    return (
      typeof line.requestId !== "string" ||
      typeof line.user !== "string" ||
      typeof cf?.method !== "string" ||
      typeof cf.path !== "string" ||
      typeof cf.ms !== "number"
    );
  });
  expect(
    incomplete.slice(0, 3),
    "CF request lines without a request id, a user or the request's timing",
  ).toEqual([]);
  return { lines: lines.length, requests: requests.length, cfRequests: cfRequests.length };
}
