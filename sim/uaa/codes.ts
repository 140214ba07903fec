/** Authorization codes (UaaTokenStore) and PKCE (PkceValidationService), with UAA's exact error texts. */
import { createHash, randomInt } from "node:crypto";
import { OAuthError, invalidRequest } from "./errors";

/** UaaTokenStore's default code lifetime. */
const CODE_LIFETIME_MS = 5 * 60 * 1000;
const CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** RFC 7636's charset and length, which UAA checks for both challenge and verifier. */
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

export type PkceMethod = "plain" | "S256";

export type CodeGrant = {
  clientId: string;
  userId: string;
  /** The redirect_uri parameter as sent to /oauth/authorize, if it was sent. */
  redirectUriParam?: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge?: string;
  codeChallengeMethod: PkceMethod;
  nonce?: string;
  authTimeSec: number;
};

export class CodeStore {
  private readonly codes = new Map<string, CodeGrant & { expiresAtMs: number }>();

  constructor(private readonly now: () => number) {}

  issue(grant: CodeGrant): string {
    this.sweep();
    const code = Array.from({ length: 32 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
    this.codes.set(code, { ...grant, expiresAtMs: this.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** Single use: a code is gone once presented, even when the exchange then fails (as in UAA). */
  consume(code: string): CodeGrant {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAtMs <= this.now()) {
      throw new OAuthError(400, "invalid_grant", `Invalid authorization code: ${code}`);
    }
    return grant;
  }

  private sweep(): void {
    const now = this.now();
    for (const [code, grant] of this.codes) if (grant.expiresAtMs <= now) this.codes.delete(code);
  }
}

/** Authorize-time checks of UaaAuthorizationEndpoint.validateAuthorizationRequestPkceParameters. */
export function validateChallenge(challenge: string | undefined, method: string | undefined): PkceMethod {
  if (challenge === undefined) return "plain";
  if (!PKCE_VALUE.test(challenge)) {
    throw invalidRequest(
      "Code challenge length must between 43 and 128 and use only [A-Z],[a-z],[0-9],_,.,-,~ characters.",
    );
  }
  const effective = method ?? "plain";
  if (effective !== "plain" && effective !== "S256") {
    throw invalidRequest("Unsupported code challenge method. Supported: [plain, S256]");
  }
  return effective;
}

export function validateVerifierFormat(verifier: string | undefined): void {
  if (verifier !== undefined && !PKCE_VALUE.test(verifier)) {
    throw invalidRequest(
      "Code verifier length must between 43 and 128 and use only [A-Z],[a-z],[0-9],_,.,-,~ characters.",
    );
  }
}

/** Token-time check; every failure is 400 invalid_grant (docs/cf-behaviour.md §4.2). */
export function verifyPkce(grant: CodeGrant, verifier: string | undefined): void {
  const invalidGrant = (text: string) => new OAuthError(400, "invalid_grant", text);
  const given = verifier === "" ? undefined : verifier;
  if (grant.codeChallenge === undefined) {
    if (given !== undefined) {
      throw invalidGrant("PKCE error: Code verifier not required for this authorization code.");
    }
    return;
  }
  if (given === undefined) {
    throw invalidGrant("PKCE error: Code verifier must be provided for this authorization code.");
  }
  const derived =
    grant.codeChallengeMethod === "S256"
      ? createHash("sha256").update(given, "ascii").digest("base64url")
      : given;
  if (derived !== grant.codeChallenge) throw invalidGrant(`Invalid code verifier: ${given}`);
}
