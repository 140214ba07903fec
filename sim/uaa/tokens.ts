/**
 * Token issuing and checking: RS256 JWT access and ID tokens with UAA's claims, opaque single-use
 * refresh tokens, and the validation UAA's resource endpoints (/userinfo, /introspect) apply.
 */
import { randomUUID } from "node:crypto";
import type { ClientAuthentication, ClientRegistry } from "./clients";
import { OAuthError } from "./errors";
import type { SigningKey } from "./keys";
import { revocationSignature } from "./revocation";
import { invalidScope, javaSet, requireAllowed } from "./scopes";
import { clientTokenClaims, idTokenClaims, userAccessClaims } from "./token-claims";
import { verifyAccessToken, type VerifiedAccessToken } from "./token-verify";

export type { VerifiedAccessToken };
import type { UaaClient } from "./types";
import type { UserDirectory, UserRecord } from "./users";

/** 12 h rounded down, as `expires_in` shows in every UAA docs example. */
export const DEFAULT_ACCESS_TOKEN_LIFETIME = 43199;
/** UAA's default refresh-token validity: 30 days. Rotation keeps the original expiry. */
const REFRESH_TOKEN_LIFETIME = 30 * 24 * 60 * 60;

/** Body of a successful `POST /oauth/token` (uaa_token_response*.json); `scope` is space-separated here. */
export type TokenResponse = {
  access_token: string;
  token_type: "bearer";
  id_token?: string;
  refresh_token?: string;
  expires_in: number;
  scope: string;
  jti: string;
};

export type UserGrantType = "authorization_code" | "password";

/** Everything a user token is made from. */
export type UserAuthentication = {
  client: UaaClient;
  clientAuthMethod: ClientAuthentication["method"];
  user: UserRecord;
  scopes: string[];
  /** For a refreshed token this stays the original grant, as in UAA (the refresh fixture says "password"). */
  grantType: UserGrantType;
  authTimeSec: number;
  /** Authentication methods; every login here is a password, so `["pwd"]`. */
  amr: string[];
  nonce?: string;
};

/** What UAA keeps behind an opaque refresh token (it stores a JWT; the claims are what matter). */
type RefreshGrant = {
  clientId: string;
  userId: string;
  scopes: string[];
  grantType: UserGrantType;
  authTimeSec: number;
  amr: string[];
  nonce?: string;
  clientAuthMethod: ClientAuthentication["method"];
  revSig: string;
  expSec: number;
};

const invalidRefreshToken = (description: string) => new OAuthError(401, "invalid_token", description);
/** 32 hex characters, no dashes, as UAA's `jti`. */
const newTokenId = () => randomUUID().replace(/-/g, "");

export class TokenService {
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private lifetimeOverride: number | null = null;

  constructor(
    private readonly deps: {
      issuer: string;
      key: SigningKey;
      clients: ClientRegistry;
      users: UserDirectory;
      now: () => number;
    },
  ) {}

  setAccessTokenLifetime(seconds: number | null): void {
    if (seconds !== null && !(Number.isSafeInteger(seconds) && seconds >= 0)) {
      throw new RangeError(`Access-token lifetime must be a whole number of seconds ≥ 0, not ${seconds}`);
    }
    this.lifetimeOverride = seconds;
  }

  async issueUserTokens(
    auth: UserAuthentication,
    refresh?: { scopes: string[]; expSec: number },
  ): Promise<TokenResponse> {
    const { client, user } = auth;
    const iat = this.nowSec();
    const exp = iat + (this.lifetimeOverride ?? DEFAULT_ACCESS_TOKEN_LIFETIME);
    const stamp = {
      jti: newTokenId(),
      iat,
      exp,
      issuer: this.deps.issuer,
      revSig: this.revocationSignature(client, user),
    };
    const access_token = await this.deps.key.sign(userAccessClaims(auth, stamp));
    const id_token = auth.scopes.includes("openid")
      ? await this.deps.key.sign(idTokenClaims(auth, stamp))
      : undefined;

    let refresh_token: string | undefined;
    if (client.grantTypes.includes("refresh_token")) {
      this.sweepExpiredRefreshTokens();
      refresh_token = `${newTokenId()}-r`;
      this.refreshTokens.set(refresh_token, {
        clientId: client.id,
        userId: user.user.guid,
        scopes: refresh?.scopes ?? auth.scopes,
        grantType: auth.grantType,
        authTimeSec: auth.authTimeSec,
        amr: auth.amr,
        ...(auth.nonce === undefined ? {} : { nonce: auth.nonce }),
        clientAuthMethod: auth.clientAuthMethod,
        revSig: stamp.revSig,
        expSec: refresh?.expSec ?? iat + REFRESH_TOKEN_LIFETIME,
      });
    }

    return {
      access_token,
      token_type: "bearer",
      ...(id_token === undefined ? {} : { id_token }),
      ...(refresh_token === undefined ? {} : { refresh_token }),
      expires_in: exp - iat,
      scope: auth.scopes.join(" "),
      jti: stamp.jti,
    };
  }

  /**
   * The refresh_token grant. The stand-in's zone rotates refresh tokens for every client
   * (UAA with `refresh.rotate: true`): the presented token is spent, the response carries a new one with
   * the same expiry, and the old one then fails like any unknown opaque token.
   */
  async refresh(
    value: string | undefined,
    auth: ClientAuthentication,
    requestedScopes: string[] | undefined,
  ): Promise<TokenResponse> {
    if (value === undefined || value === "") throw invalidRefreshToken("Invalid refresh token (empty token)");
    const grant = this.refreshTokens.get(value);
    if (!grant || grant.expSec * 1000 <= this.deps.now()) {
      this.refreshTokens.delete(value);
      // TokenValidationService's text for an opaque token that is not (or no longer) in the store.
      throw invalidRefreshToken("The token expired, was revoked, or the token ID is incorrect.");
    }
    const client = this.deps.clients.get(grant.clientId);
    if (!client) throw invalidRefreshToken(`The token refers to a non-existent client: ${grant.clientId}`);
    const user = this.deps.users.get(grant.userId);
    if (!user) throw invalidRefreshToken(`Token bears a non-existent user ID: ${grant.userId}`);
    if (grant.revSig !== this.revocationSignature(client, user)) {
      throw invalidRefreshToken("revocable signature mismatch");
    }
    if (grant.clientId !== auth.client.id) {
      throw new OAuthError(400, "invalid_grant", `Wrong client for this refresh token: ${grant.clientId}`);
    }
    const scopes = requestedScopes ?? grant.scopes;
    if (!scopes.every((scope) => grant.scopes.includes(scope))) {
      throw invalidScope(`Unable to narrow the scope of the client authentication to ${javaSet(scopes)}.`);
    }
    if (auth.method === "none" && grant.clientAuthMethod !== "none") {
      throw invalidRefreshToken("Refresh without client authentication not allowed.");
    }
    this.refreshTokens.delete(value);
    return this.issueUserTokens(
      {
        client,
        clientAuthMethod: auth.method,
        user,
        scopes,
        grantType: grant.grantType,
        authTimeSec: grant.authTimeSec,
        amr: grant.amr,
        ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
      },
      { scopes: grant.scopes, expSec: grant.expSec },
    );
  }

  /**
   * client_credentials: no user, no refresh token; `authorities` and `scope` both list what was granted
   * from the client's authorities (UAA gives a client without any the placeholder `uaa.none`).
   */
  async issueClientToken(
    auth: ClientAuthentication,
    requested: string[] | undefined,
  ): Promise<TokenResponse> {
    const { client } = auth;
    const authorities = client.authorities?.length ? client.authorities : ["uaa.none"];
    requireAllowed(requested, authorities);
    const scopes = requested ? authorities.filter((a) => requested.includes(a)) : authorities;
    const iat = this.nowSec();
    const exp = iat + (this.lifetimeOverride ?? DEFAULT_ACCESS_TOKEN_LIFETIME);
    const stamp = {
      jti: newTokenId(),
      iat,
      exp,
      issuer: this.deps.issuer,
      revSig: this.revocationSignature(client),
    };
    const claims = clientTokenClaims(auth, { authorities, scopes }, stamp);
    return {
      access_token: await this.deps.key.sign(claims),
      token_type: "bearer",
      expires_in: exp - iat,
      scope: scopes.join(" "),
      jti: stamp.jti,
    };
  }

  /** UAA's checks for a bearer token at its own resource endpoints (./token-verify.ts). */
  verifyAccessToken(token: string): Promise<VerifiedAccessToken> {
    return verifyAccessToken(token, {
      ...this.deps,
      revocationSignature: (c, u) => this.revocationSignature(c, u),
    });
  }

  private revocationSignature(client: UaaClient, user?: UserRecord): string {
    return revocationSignature({
      clientId: client.id,
      clientSecret: client.secret,
      ...(user ? { user: { ...user.user, salt: user.salt } } : {}),
    });
  }

  private nowSec(): number {
    return Math.floor(this.deps.now() / 1000);
  }

  private sweepExpiredRefreshTokens(): void {
    const now = this.deps.now();
    for (const [value, grant] of this.refreshTokens) {
      if (grant.expSec * 1000 <= now) this.refreshTokens.delete(value);
    }
  }
}
