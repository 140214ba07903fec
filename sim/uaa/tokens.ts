/**
 * Token issuing and checking: RS256 JWT access and ID tokens with UAA's claims, opaque single-use
 * refresh tokens, and the validation UAA's resource endpoints (/userinfo, /introspect) apply.
 */
import { randomUUID } from "node:crypto";
import type { JWTPayload } from "jose";
import { z } from "zod";
import type { ClientAuthentication, ClientRegistry } from "./clients";
import { OAuthError, javaDate } from "./errors";
import { tokenKid, type SigningKey } from "./keys";
import { revocationSignature } from "./revocation";
import { audience, invalidScope, javaSet, requireAllowed } from "./scopes";
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

/** The claims the resource endpoints rely on; everything else is passed through untouched. */
const accessClaimsSchema = z.looseObject({
  jti: z.string(),
  iss: z.string(),
  exp: z.number(),
  cid: z.string(),
  scope: z.array(z.string()),
  user_id: z.string().optional(),
  rev_sig: z.string().optional(),
});

export type VerifiedAccessToken = {
  claims: z.infer<typeof accessClaimsSchema>;
  client: UaaClient;
  user?: UserRecord;
};

const invalidRefreshToken = (description: string) => new OAuthError(401, "invalid_token", description);
const invalidAccessToken = (description: string) =>
  new OAuthError(401, "invalid_token", description, { challenge: { scheme: "Bearer", realm: "UAA/oauth" } });

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
    const { guid, username, email } = user.user;
    const iat = this.nowSec();
    const exp = iat + (this.lifetimeOverride ?? DEFAULT_ACCESS_TOKEN_LIFETIME);
    const jti = newTokenId();
    const revSig = this.revocationSignature(client, user);
    const nonce = auth.nonce === undefined ? {} : { nonce: auth.nonce };
    // UAA writes "none" for a client that authenticated with an empty secret, and nothing otherwise.
    const clientAuth = auth.clientAuthMethod === "none" ? { client_auth_method: "none" } : {};

    // Claim order follows UaaTokenServices.createJWTAccessToken.
    const access_token = await this.deps.key.sign({
      jti,
      ...nonce,
      ...clientAuth,
      sub: guid,
      scope: auth.scopes,
      client_id: client.id,
      cid: client.id,
      azp: client.id,
      grant_type: auth.grantType,
      user_id: guid,
      origin: "uaa",
      user_name: username,
      email,
      auth_time: auth.authTimeSec,
      rev_sig: revSig,
      iat,
      exp,
      iss: this.deps.issuer,
      zid: "uaa",
      aud: audience(client.id, auth.scopes),
    });

    // The ID token shares the access token's jti, as in the docs examples.
    const id_token = auth.scopes.includes("openid")
      ? await this.deps.key.sign({
          sub: guid,
          email_verified: true,
          user_name: username,
          ...(auth.amr.length > 0 ? { amr: auth.amr } : {}),
          origin: "uaa",
          iss: this.deps.issuer,
          client_id: client.id,
          aud: [client.id],
          zid: "uaa",
          grant_type: auth.grantType,
          user_id: guid,
          azp: client.id,
          scope: ["openid"],
          auth_time: auth.authTimeSec,
          exp,
          iat,
          email,
          jti,
          rev_sig: revSig,
          cid: client.id,
          ...nonce,
          // IdTokenCreator adds it only when there was an earlier logon.
          ...(user.previousLogonMs === null ? {} : { previous_logon_time: user.previousLogonMs }),
        })
      : undefined;

    let refresh_token: string | undefined;
    if (client.grantTypes.includes("refresh_token")) {
      this.sweepExpiredRefreshTokens();
      refresh_token = `${newTokenId()}-r`;
      this.refreshTokens.set(refresh_token, {
        clientId: client.id,
        userId: guid,
        scopes: refresh?.scopes ?? auth.scopes,
        grantType: auth.grantType,
        authTimeSec: auth.authTimeSec,
        amr: auth.amr,
        ...nonce,
        clientAuthMethod: auth.clientAuthMethod,
        revSig,
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
      jti,
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
    const jti = newTokenId();
    const claims: JWTPayload = {
      jti,
      ...(auth.method === "none" ? { client_auth_method: "none" } : {}),
      sub: client.id,
      authorities,
      scope: scopes,
      client_id: client.id,
      cid: client.id,
      azp: client.id,
      grant_type: "client_credentials",
      rev_sig: this.revocationSignature(client),
      iat,
      exp,
      iss: this.deps.issuer,
      zid: "uaa",
      aud: audience(client.id, scopes),
    };
    return {
      access_token: await this.deps.key.sign(claims),
      token_type: "bearer",
      expires_in: exp - iat,
      scope: scopes.join(" "),
      jti,
    };
  }

  /** UAA's checks for a bearer token at its own resource endpoints: signature, issuer, parties, rev_sig, expiry. */
  async verifyAccessToken(token: string): Promise<VerifiedAccessToken> {
    const { isJwt, kid } = tokenKid(token);
    if (!isJwt) throw invalidAccessToken("The token expired, was revoked, or the token ID is incorrect.");
    if (kid === undefined) throw invalidAccessToken("kid claim not found in JWT token header");
    if (kid !== this.deps.key.kid) {
      throw invalidAccessToken(`Token header claim [kid] references unknown signing key : [${kid}]`);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(await this.deps.key.verifySignature(token)).toString("utf8"));
    } catch {
      throw invalidAccessToken("Could not verify token signature.");
    }
    const parsed = accessClaimsSchema.safeParse(payload);
    if (!parsed.success) throw invalidAccessToken("Cannot read token claims");
    const claims = parsed.data;
    if (claims.iss !== this.deps.issuer) {
      throw invalidAccessToken(
        `Invalid issuer (${claims.iss}) for token did not match expected: ${this.deps.issuer}`,
      );
    }
    const client = this.deps.clients.get(claims.cid);
    if (!client) throw invalidAccessToken(`The token refers to a non-existent client: ${claims.cid}`);
    const user = claims.user_id === undefined ? undefined : this.deps.users.get(claims.user_id);
    if (claims.user_id !== undefined && !user) {
      throw invalidAccessToken(`Token bears a non-existent user ID: ${claims.user_id}`);
    }
    if (claims.rev_sig !== undefined && claims.rev_sig !== this.revocationSignature(client, user)) {
      throw invalidAccessToken("revocable signature mismatch");
    }
    if (claims.exp * 1000 < this.deps.now()) {
      throw invalidAccessToken(`Invalid access token: expired at ${javaDate(claims.exp * 1000)}`);
    }
    return { claims, client, ...(user ? { user } : {}) };
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
