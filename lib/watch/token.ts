import "server-only";
import { z } from "zod";

/**
 * The watcher's access token: UAA's client_credentials grant for its own
 * client (docs/cf-behaviour.md §4.4), fetched when first needed and kept until
 * shortly before it expires. No refresh token: a client asks again. The
 * token carries the global auditor's authority, so the CF API lets it read
 * everything and write nothing; it never leaves this module but to the CF API.
 */

const tokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().int().nonnegative(),
  scope: z.string().optional(),
});
const errorResponse = z.looseObject({ error: z.string(), error_description: z.string().optional() });

/** Renew this long before expiry (or at half the token's life when that is shorter). */
export const RENEW_MARGIN_MS = 60_000;

export type ClientTokenOptions = {
  /** The UAA's token endpoint, `<uaa>/oauth/token` (discovered from the CF API's root, lib/auth/uaa.ts). */
  tokenUrl: () => Promise<string>;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  now?: () => number;
};

/** The UAA refused the credential: a wrong secret, or a client without the grant. Says so, never the secret. */
export class WatchCredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WatchCredentialError";
  }
}

export class ClientTokenSource {
  private current: { token: string; renewAt: number; scopes: string[] } | undefined;
  private pending: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ClientTokenOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A valid token: the kept one, or a new one (one request however many ask at once). */
  token(): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return Promise.resolve(this.current.token);
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** The scopes of the last token (for the start-up log: it should say cloud_controller.global_auditor). */
  get scopes(): string[] {
    return this.current?.scopes ?? [];
  }

  /** Forgets the kept token (the CF API refused it as invalid: revoked, or the UAA's key rotated). */
  forget(): void {
    this.current = undefined;
  }

  private async fetchToken(): Promise<string> {
    const { clientId, clientSecret, timeoutMs } = this.options;
    const url = await this.options.tokenUrl();
    const started = this.now();
    // RFC 6749 §2.3.1: the client id and secret are form-encoded before Basic; UAA accepts both.
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString(
      "base64",
    );
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method: "POST",
        headers: {
          Authorization: `Basic ${basic}`,
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
        },
        body: new URLSearchParams({ grant_type: "client_credentials" }).toString(),
        signal: AbortSignal.timeout(timeoutMs),
        cache: "no-store",
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      throw new Error(
        `the UAA did not answer the watcher's token request (${timedOut ? "timed out" : "no connection"})`,
      );
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 400 || response.status === 401) {
      const refusal = errorResponse.safeParse(body);
      const why = refusal.success ? `${refusal.data.error}: ${refusal.data.error_description ?? ""}` : "";
      throw new WatchCredentialError(
        `the UAA refused the watcher's client "${clientId}" (${response.status}${why ? ` ${why}` : ""}); ` +
          "check WATCH_CLIENT_ID, WATCH_CLIENT_SECRET and that the client has the client_credentials grant",
      );
    }
    const parsed = tokenResponse.safeParse(body);
    if (!response.ok || !parsed.success) {
      throw new Error(`the UAA answered the watcher's token request with ${response.status}`);
    }
    const lifetimeMs = parsed.data.expires_in * 1000;
    this.current = {
      token: parsed.data.access_token,
      renewAt: started + lifetimeMs - Math.min(RENEW_MARGIN_MS, lifetimeMs / 2),
      scopes: parsed.data.scope?.split(" ").filter(Boolean) ?? [],
    };
    return this.current.token;
  }
}
