/**
 * Helpers for the UAA tests: an in-process server on a free loopback port, a minimal cookie-keeping
 * browser (fetch with manual redirects), and the login-form dance. Used by tests only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_PASSWORD, seed } from "../seed";
import { createUaa, defaultClients, type Uaa, type UaaClient } from "./index";

export const APP_ORIGIN = "http://localhost:3000";
export const CALLBACK = `${APP_ORIGIN}/api/auth/callback/uaa`;
export const DASHBOARD = { id: "egress-dashboard", secret: "demo-client-secret" };
export { DEMO_PASSWORD };

/** A resource server, as a deployment registers one for /introspect; also the client_credentials client. */
export const RESOURCE_SERVER: UaaClient = {
  id: "resource-server",
  secret: "resource-secret",
  grantTypes: ["client_credentials"],
  scopes: [],
  authorities: ["uaa.resource", "cloud_controller.admin"],
  redirectUris: [],
  autoApprove: true,
};

export type RunningUaa = {
  uaa: Uaa;
  base: string;
  /** Moves the UAA's clock (not the test's) forward. */
  advanceClock(seconds: number): void;
  resetClock(): void;
  close(): Promise<void>;
};

export async function startUaa(): Promise<RunningUaa> {
  // Listen first (port 0), so the UAA can be created with its real base URL.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let offsetMs = 0;
  const uaa = await createUaa({
    baseUrl: base,
    users: seed.users,
    clients: [...defaultClients([APP_ORIGIN]), RESOURCE_SERVER],
    now: () => Date.now() + offsetMs,
  });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => void uaa.handle(req, res));
  return {
    uaa,
    base,
    advanceClock: (seconds) => {
      offsetMs += seconds * 1000;
    },
    resetClock: () => {
      offsetMs = 0;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** One browser profile against one host: keeps cookies, never follows redirects by itself. */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(path, { method: "GET", headers });
  }

  post(path: string, form: Record<string, string>): Promise<Response> {
    return this.send(path, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
  }

  private async send(
    path: string,
    init: { method: string; headers: Record<string, string>; body?: URLSearchParams },
  ) {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(new URL(path, this.base), {
      ...init,
      headers: { ...init.headers, ...(cookie ? { Cookie: cookie } : {}) },
      redirect: "manual",
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      if (attributes.some((a) => /^max-age=0$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1));
    }
    return response;
  }
}

export function location(response: Response): string {
  const value = response.headers.get("location");
  if (response.status !== 302 || value === null) {
    throw new Error(`expected a redirect, got ${response.status} ${value ?? ""}`);
  }
  return value;
}

export function csrfFrom(html: string): string {
  const match = /name="X-Uaa-Csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("login page without CSRF field");
  return match[1];
}

/** Opens the login form and submits it; returns the response to POST /login.do. */
export async function submitLoginForm(
  browser: Browser,
  username: string,
  password: string,
): Promise<Response> {
  const page = await browser.get("/login");
  const csrf = csrfFrom(await page.text());
  return browser.post("/login.do", { username, password, "X-Uaa-Csrf": csrf });
}

/**
 * The whole browser leg of the code flow: authorize → login form → back to authorize → the client's
 * redirect URI. Returns that final URL (with `code` or `error`).
 */
export async function signInThrough(
  browser: Browser,
  authorizeUrl: URL,
  username: string,
  password = DEMO_PASSWORD,
): Promise<URL> {
  const toLogin = location(await browser.get(authorizeUrl.href));
  if (toLogin !== "/login") throw new Error(`authorize sent us to ${toLogin}, not the login form`);
  const back = location(await submitLoginForm(browser, username, password));
  return new URL(location(await browser.get(back)));
}

/** Decodes a JWT's payload or header without verifying it (for shape checks). */
export function decodePart(jwt: string, part: 0 | 1): Record<string, unknown> {
  const segment = jwt.split(".")[part];
  if (segment === undefined) throw new Error("not a JWT");
  return JSON.parse(Buffer.from(segment, "base64url").toString("utf8")) as Record<string, unknown>;
}

/** A password grant, the way the cf CLI asks for tokens: Basic `cf:`. */
export function cfPasswordGrant(base: string, username: string, extra: Record<string, string> = {}) {
  return tokenRequest(
    base,
    { grant_type: "password", username, password: DEMO_PASSWORD, ...extra },
    "cf",
    "",
  );
}

export function tokenRequest(
  base: string,
  form: Record<string, string>,
  clientId: string,
  clientSecret: string,
): Promise<Response> {
  return fetch(`${base}/oauth/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
    },
    body: new URLSearchParams(form),
  });
}
