import "server-only";
import * as oauth from "oauth4webapi";
import { env } from "@/lib/env";
import { getDatabase } from "@/lib/db";
import { log } from "@/lib/log";
import { RefreshRefusedError, UaaUnavailableError } from "./errors";
import { renewShared } from "./shared-renewal";
import { uaaIssuer } from "./uaa";

/**
 * Refreshing the user's UAA tokens on the server.
 *
 * UAA refresh tokens may be single-use (they always are for public clients,
 * and for every client where the zone sets `refresh.rotate`, as the stand-in
 * does), so two requests that refresh at the same moment must not both
 * spend the same refresh token: the second would be refused and the user
 * signed out. Within a process, refreshes are single-flight per refresh
 * token, and a result is remembered briefly so that a request still carrying
 * the old cookie gets the new tokens instead of an error. Across instances
 * behind one route, the shared database decides which one renews and hands
 * the result to the others (./shared-renewal.ts, docs/adr/0007).
 */

export type TokenSet = {
  accessToken: string;
  refreshToken: string;
  /** Epoch seconds. */
  issuedAt: number;
  /** Epoch seconds. */
  expiresAt: number;
};

/**
 * Refresh this long before expiry, so a token does not expire mid-request:
 * a minute, or half the token's life when it is shorter than two minutes.
 */
export const REFRESH_MARGIN_SECONDS = 60;
const REMEMBER_MS = 60_000;

/** This process, in the shared renewals table. */
const OWNER = crypto.randomUUID();

const inFlight = new Map<string, Promise<TokenSet>>();
const recent = new Map<string, { tokens: TokenSet; at: number }>();

let server: Promise<oauth.AuthorizationServer> | undefined;

function insecureAllowed(url: string): { [oauth.allowInsecureRequests]?: boolean } {
  // The stand-in and local UAAs speak plain http; a production UAA is https.
  return url.startsWith("http://") ? { [oauth.allowInsecureRequests]: true } : {};
}

async function authorizationServer(): Promise<oauth.AuthorizationServer> {
  server ??= (async () => {
    const issuer = new URL(await uaaIssuer());
    const response = await oauth.discoveryRequest(issuer, {
      algorithm: "oidc",
      ...insecureAllowed(issuer.href),
    });
    return oauth.processDiscoveryResponse(issuer, response);
  })().catch((error: unknown) => {
    server = undefined;
    throw error;
  });
  return server;
}

export function needsRefresh(tokens: Pick<TokenSet, "issuedAt" | "expiresAt">, now = Date.now()): boolean {
  const margin = Math.min(REFRESH_MARGIN_SECONDS, (tokens.expiresAt - tokens.issuedAt) / 2);
  return now / 1000 >= tokens.expiresAt - margin;
}

async function exchange(refreshToken: string): Promise<TokenSet> {
  const { uaaClientId, uaaClientSecret, cfRequestTimeoutMs } = env();
  let result: oauth.TokenEndpointResponse;
  try {
    const as = await authorizationServer();
    const client: oauth.Client = { client_id: uaaClientId };
    const response = await oauth.refreshTokenGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(uaaClientSecret),
      refreshToken,
      { ...insecureAllowed(as.issuer), signal: AbortSignal.timeout(cfRequestTimeoutMs) },
    );
    result = await oauth.processRefreshTokenResponse(as, client, response);
  } catch (error) {
    if (isRefusal(error)) throw new RefreshRefusedError(error instanceof Error ? error.message : "refused");
    // Unreachable, timed out, or a 5xx: the session is not over, the UAA is away.
    throw new UaaUnavailableError(error instanceof Error ? error.message : "the UAA did not answer");
  }
  const now = Math.floor(Date.now() / 1000);
  return {
    accessToken: result.access_token,
    // UAA returns the refresh token to keep; a non-rotating zone returns the same one.
    refreshToken: result.refresh_token ?? refreshToken,
    issuedAt: now,
    expiresAt: now + (result.expires_in ?? 0),
  };
}

/**
 * 400 invalid_grant or 401 invalid_token: the refresh token is revoked, expired or spent.
 * oauth4webapi reports a 401 that carries WWW-Authenticate (as UAA's does) as a challenge
 * error, other refusals as body errors. Matched by code rather than class, so that a second
 * copy of the library in a bundle cannot defeat the check.
 */
function isRefusal(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, status } = error as { code?: unknown; status?: unknown };
  return (
    (code === oauth.WWW_AUTHENTICATE_CHALLENGE || code === oauth.RESPONSE_BODY_ERROR) &&
    (status === 400 || status === 401)
  );
}

export function refreshTokens(refreshToken: string): Promise<TokenSet> {
  const now = Date.now();
  for (const [key, entry] of recent) if (now - entry.at > REMEMBER_MS) recent.delete(key);
  const remembered = recent.get(refreshToken);
  if (remembered) return Promise.resolve(remembered.tokens);

  let pending = inFlight.get(refreshToken);
  if (!pending) {
    pending = renew(refreshToken)
      .then((tokens) => {
        recent.set(refreshToken, { tokens, at: Date.now() });
        return tokens;
      })
      .finally(() => inFlight.delete(refreshToken));
    inFlight.set(refreshToken, pending);
  }
  return pending;
}

/**
 * The renewal, coordinated with the other instances through the history's
 * database. Without the database (it is down, or not reachable yet) the
 * process renews alone: right for one instance, and no worse than before for several.
 */
async function renew(refreshToken: string): Promise<TokenSet> {
  let store;
  try {
    store = (await getDatabase()).renewals;
  } catch (error) {
    log.warn(
      { err: error instanceof Error ? error.message : String(error) },
      "token renewal without the shared database: it is unavailable",
    );
    return exchange(refreshToken);
  }
  const { authSecret, cfRequestTimeoutMs } = env();
  return renewShared(refreshToken, {
    store,
    secret: authSecret,
    owner: OWNER,
    exchange,
    // The owner's UAA request times out after cfRequestTimeoutMs; past that and a margin, its process is gone.
    staleAfterMs: cfRequestTimeoutMs + 5_000,
    ttlMs: REMEMBER_MS,
    onProblem: (message) => log.warn({}, `token renewal: ${message}`),
  }).catch((error: unknown) => {
    if (error instanceof RefreshRefusedError || error instanceof UaaUnavailableError) throw error;
    // A database failure in the middle: renewing alone beats signing the user out.
    log.warn(
      { err: error instanceof Error ? error.message : String(error) },
      "token renewal without the shared database: it failed",
    );
    return exchange(refreshToken);
  });
}
