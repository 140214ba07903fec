/**
 * The claims of the tokens the stand-in's UAA signs (./tokens.ts issues them), in the order UAA writes
 * them: what a user's access token and ID token carry, and a client's own token.
 */
import type { JWTPayload } from "jose";
import type { ClientAuthentication } from "./clients";
import { audience } from "./scopes";
import type { UserAuthentication } from "./tokens";

/** What every token of one issue shares. */
export type TokenStamp = { jti: string; iat: number; exp: number; issuer: string; revSig: string };

/** A user's access token; the order follows UaaTokenServices.createJWTAccessToken. */
export function userAccessClaims(auth: UserAuthentication, stamp: TokenStamp): JWTPayload {
  const { client, user } = auth;
  const { guid, username, email } = user.user;
  return {
    jti: stamp.jti,
    ...nonceOf(auth),
    // UAA writes "none" for a client that authenticated with an empty secret, and nothing otherwise.
    ...(auth.clientAuthMethod === "none" ? { client_auth_method: "none" } : {}),
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
    rev_sig: stamp.revSig,
    iat: stamp.iat,
    exp: stamp.exp,
    iss: stamp.issuer,
    zid: "uaa",
    aud: audience(client.id, auth.scopes),
  };
}

/** The ID token of the same issue: it shares the access token's jti, as in the docs examples. */
export function idTokenClaims(auth: UserAuthentication, stamp: TokenStamp): JWTPayload {
  const { client, user } = auth;
  const { guid, username, email } = user.user;
  return {
    sub: guid,
    email_verified: true,
    user_name: username,
    ...(auth.amr.length > 0 ? { amr: auth.amr } : {}),
    origin: "uaa",
    iss: stamp.issuer,
    client_id: client.id,
    aud: [client.id],
    zid: "uaa",
    grant_type: auth.grantType,
    user_id: guid,
    azp: client.id,
    scope: ["openid"],
    auth_time: auth.authTimeSec,
    exp: stamp.exp,
    iat: stamp.iat,
    email,
    jti: stamp.jti,
    rev_sig: stamp.revSig,
    cid: client.id,
    ...nonceOf(auth),
    // IdTokenCreator adds it only when there was an earlier logon.
    ...(user.previousLogonMs === null ? {} : { previous_logon_time: user.previousLogonMs }),
  };
}

/** client_credentials: `authorities` and `scope` both list what was granted. */
export function clientTokenClaims(
  auth: ClientAuthentication,
  granted: { authorities: string[]; scopes: string[] },
  stamp: TokenStamp,
): JWTPayload {
  const { client } = auth;
  return {
    jti: stamp.jti,
    ...(auth.method === "none" ? { client_auth_method: "none" } : {}),
    sub: client.id,
    authorities: granted.authorities,
    scope: granted.scopes,
    client_id: client.id,
    cid: client.id,
    azp: client.id,
    grant_type: "client_credentials",
    rev_sig: stamp.revSig,
    iat: stamp.iat,
    exp: stamp.exp,
    iss: stamp.issuer,
    zid: "uaa",
    aud: audience(client.id, granted.scopes),
  };
}

const nonceOf = (auth: UserAuthentication) => (auth.nonce === undefined ? {} : { nonce: auth.nonce });
