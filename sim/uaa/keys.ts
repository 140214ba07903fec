/**
 * The zone's signing key: one RSA key pair generated at start-up, published at `/token_keys` in UAA's
 * format (a JWK plus the non-standard `value` member holding the PEM).
 */
import {
  calculateJwkThumbprint,
  compactVerify,
  decodeProtectedHeader,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWTPayload,
} from "jose";

export type TokenKey = {
  kty: "RSA";
  e: string;
  use: "sig";
  kid: string;
  alg: "RS256";
  value: string;
  n: string;
};

export type SigningKey = {
  readonly kid: string;
  readonly publicJwk: TokenKey;
  sign(claims: JWTPayload): Promise<string>;
  /** Verifies the signature only; returns the payload bytes. Throws on any failure. */
  verifySignature(token: string): Promise<Uint8Array>;
};

export async function createSigningKey(jku: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  if (!jwk.n || !jwk.e) throw new Error("RSA public key without modulus or exponent");
  // A kid derived from the key itself: a restarted stand-in has a new key, and a JWKS cache keyed
  // by kid (CC's, jose's) must not keep verifying with the old one.
  const kid = `sim-${(await calculateJwkThumbprint(jwk)).slice(0, 16)}`;
  const publicJwk: TokenKey = {
    kty: "RSA",
    e: jwk.e,
    use: "sig",
    kid,
    alg: "RS256",
    value: (await exportSPKI(publicKey)).trim(),
    n: jwk.n,
  };
  return {
    kid,
    publicJwk,
    sign: (claims) => sign(privateKey, jku, kid, claims),
    verifySignature: async (token) =>
      (await compactVerify(token, publicKey, { algorithms: ["RS256"] })).payload,
  };
}

/** UAA's JOSE header, key order included: `{jku, kid, typ, alg}` (uaa_jwt_header.json). */
function sign(privateKey: CryptoKey, jku: string, kid: string, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ jku, kid, typ: "JWT", alg: "RS256" }).sign(privateKey);
}

/** The `kid` of a compact JWS, or undefined when the token is not one. */
export function tokenKid(token: string): { isJwt: boolean; kid?: string } {
  if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) return { isJwt: false };
  try {
    const header = decodeProtectedHeader(token);
    return { isJwt: true, kid: typeof header.kid === "string" ? header.kid : undefined };
  } catch {
    return { isJwt: false };
  }
}
