import type { IncomingMessage, ServerResponse } from "node:http";
import type { SeedUser } from "../seed";

export type GrantType = "authorization_code" | "refresh_token" | "password" | "client_credentials";

export type UaaClient = {
  id: string;
  /** "" for the public-ish `cf` client (Basic `cf:`). */
  secret: string;
  grantTypes: GrantType[];
  /** Allowed scopes. */
  scopes: string[];
  /** For client_credentials tokens, and for endpoints that need `uaa.resource` (introspect, check_token). */
  authorities?: string[];
  /** Exact URLs or UAA-style wildcards (`*` within a segment, `**` any path). */
  redirectUris: string[];
  autoApprove: boolean;
};

export type UaaOptions = {
  /** e.g. "http://127.0.0.1:9023"; issuer = `${baseUrl}/oauth/token`. */
  baseUrl: string;
  users: SeedUser[];
  clients: UaaClient[];
  /** Epoch ms, for tests. */
  now?: () => number;
};

export interface Uaa {
  readonly issuer: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Test fault: lifetime of newly issued access tokens in seconds; null restores the default (43199). */
  setAccessTokenLifetime(seconds: number | null): void;
  /** Test fault: every refresh token issued so far to this user (guid or username) becomes invalid. */
  revokeRefreshTokens(user: string): void;
  /** Clears faults (lifetime back to default). Issued tokens, keys, sessions stay valid. */
  resetFaults(): void;
}
