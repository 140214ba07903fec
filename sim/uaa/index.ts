/**
 * A small, faithful UAA (OAuth2/OIDC server) for the local Cloud Foundry stand-in: in memory, on plain
 * node:http, built to docs/cf-behaviour.md §4. The stand-in's main program mounts `handle` on its own port;
 * the CF API part talks to it only over HTTP (discovery and /token_keys).
 */
import { ClientRegistry } from "./clients";
import { CodeStore } from "./codes";
import type { UaaContext } from "./context";
import { createHandler } from "./handler";
import { createSigningKey } from "./keys";
import { SessionStore } from "./sessions";
import { TokenService } from "./tokens";
import type { Uaa, UaaOptions } from "./types";
import { UserDirectory } from "./users";

export type { GrantType, Uaa, UaaClient, UaaOptions } from "./types";
export { CLOUD_CONTROLLER_SCOPES, defaultClients, WATCHER_CLIENT_ID, WATCHER_CLIENT_SECRET } from "./clients";

export async function createUaa(options: UaaOptions): Promise<Uaa> {
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const issuer = `${baseUrl}/oauth/token`;
  const now = options.now ?? Date.now;
  const clients = new ClientRegistry(options.clients);
  const users = new UserDirectory(options.users);
  const key = await createSigningKey(`${baseUrl}/token_keys`);
  const tokens = new TokenService({ issuer, key, clients, users, now });
  const ctx: UaaContext = {
    baseUrl,
    issuer,
    secureCookies: baseUrl.startsWith("https:"),
    startedAtMs: now(),
    now,
    clients,
    users,
    key,
    tokens,
    codes: new CodeStore(now),
    sessions: new SessionStore(),
  };
  const handle = createHandler(ctx);
  return {
    issuer,
    handle,
    setAccessTokenLifetime: (seconds) => tokens.setAccessTokenLifetime(seconds),
    // Throws for an unknown user, so a mistyped fault fails loudly instead of revoking nothing.
    revokeRefreshTokens: (user) => users.revoke(user),
    resetFaults: () => tokens.setAccessTokenLifetime(null),
  };
}

function normalizeBaseUrl(value: string): string {
  const url = new URL(value);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error(`UAA baseUrl must be http(s): ${value}`);
  // Routes are matched from the root, as UAA runs in a CF deployment (no context path).
  if (url.pathname !== "/" || url.search || url.hash) {
    throw new Error(`UAA baseUrl must be an origin without path, query or fragment: ${value}`);
  }
  return url.toString().replace(/\/+$/, "");
}
