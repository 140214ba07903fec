import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { invalidAuthToken, notAuthenticated, notAuthorized } from "./errors";

/**
 * Token checks as the Cloud Controller does them (docs/cf-behaviour.md §1.1):
 * signed by the UAA's published key, `iss` equal to the issuer in the UAA's
 * discovery document, `aud` containing `cloud_controller`, then a scope gate
 * before any role logic. Like CC, the stand-in learns all of that over HTTP.
 */

export type Caller = {
  /** The user's guid, or the client id for a client-credentials token (CC's X-USER-GUID). */
  guid: string;
  isUser: boolean;
  scopes: Set<string>;
};

export const ADMIN = "cloud_controller.admin";
export const ADMIN_READ_ONLY = "cloud_controller.admin_read_only";
export const GLOBAL_AUDITOR = "cloud_controller.global_auditor";

export class TokenVerifier {
  private issuer: Promise<string> | undefined;
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly uaaUrl: string) {
    this.keys = createRemoteJWKSet(new URL(`${uaaUrl}/token_keys`), { cooldownDuration: 1_000 });
  }

  private discoverIssuer(): Promise<string> {
    this.issuer ??= fetch(`${this.uaaUrl}/.well-known/openid-configuration`)
      .then(async (response) => {
        if (!response.ok) throw new Error(`UAA discovery answered ${response.status}`);
        const document = (await response.json()) as { issuer?: unknown };
        if (typeof document.issuer !== "string") throw new Error("UAA discovery has no issuer");
        return document.issuer;
      })
      .catch((error: unknown) => {
        this.issuer = undefined; // try again on the next request
        throw error;
      });
    return this.issuer;
  }

  /** The caller of a request, or a CfError (401) for a missing or bad token. */
  async authenticate(authorization: string | undefined): Promise<Caller> {
    const match = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    if (!match?.[1]) throw notAuthenticated();
    let payload: JWTPayload;
    try {
      const issuer = await this.discoverIssuer();
      ({ payload } = await jwtVerify(match[1], this.keys, { issuer, audience: "cloud_controller" }));
    } catch {
      throw invalidAuthToken();
    }
    const scope = payload.scope;
    const scopes = new Set(
      Array.isArray(scope) ? scope.filter((s): s is string => typeof s === "string") : [],
    );
    const userId = typeof payload.user_id === "string" ? payload.user_id : undefined;
    const clientId = typeof payload.client_id === "string" ? payload.client_id : "";
    return { guid: userId ?? clientId, isUser: userId !== undefined, scopes };
  }
}

/** GET/HEAD need a read scope; every other method needs a write scope. Runs before any role check. */
export function checkScopeGate(caller: Caller, method: string): void {
  const has = (scope: string) => caller.scopes.has(scope);
  const allowed =
    method === "GET" || method === "HEAD"
      ? has("cloud_controller.read") || has(ADMIN) || has(ADMIN_READ_ONLY) || has(GLOBAL_AUDITOR)
      : has("cloud_controller.write") || has(ADMIN);
  if (!allowed) throw notAuthorized();
}
