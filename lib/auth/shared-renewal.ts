import "server-only";
import { createHmac, hkdfSync } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { RenewalStore } from "@/lib/db/types";
import { RefreshRefusedError, UaaUnavailableError } from "./errors";
import type { TokenSet } from "./refresh";

/**
 * One renewal of a session's tokens across every instance of the dashboard
 * (docs/adr/0007-token-renewal-across-instances.md). UAA refresh tokens are
 * single-use, so of the instances holding requests of one session when its
 * access token is due, one spends the refresh token and the others take the
 * result from the shared database:
 *
 * - the row is keyed by an HMAC of the refresh token, never the token;
 * - the renewed tokens are stored as a JWE (dir, A256GCM) under a key
 *   derived from AUTH_SECRET, which every instance shares, for `ttlMs` only;
 * - a refusal is stored too, so the waiters sign the user out at once;
 * - when the UAA does not answer, the claim is given up and nothing is stored.
 */

export type SharedRenewalOptions = {
  store: RenewalStore;
  /** AUTH_SECRET: the same on every instance. */
  secret: string;
  /** This process. */
  owner: string;
  /** The UAA request itself. */
  exchange: (refreshToken: string) => Promise<TokenSet>;
  /** A claim pending this long belongs to a process that died: take it over. */
  staleAfterMs: number;
  /** How long the outcome is kept for requests still carrying the old cookie. */
  ttlMs: number;
  /** Between looks at a renewal another instance is doing. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told when the outcome could not be shared (the other instances may then sign the user out). */
  onProblem?: (message: string) => void;
};

const KEY_SALT = "egress-dashboard token renewal";

function derive(secret: string, info: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", secret, KEY_SALT, info, 32));
}

const keys = new Map<string, { lookup: Uint8Array; seal: Uint8Array }>();

function keysFor(secret: string) {
  let found = keys.get(secret);
  if (!found) {
    found = { lookup: derive(secret, "row key"), seal: derive(secret, "tokens") };
    keys.set(secret, found);
  }
  return found;
}

/** The row's key: an HMAC of the refresh token, so the database never holds one it could replay. */
export function renewalKey(refreshToken: string, secret: string): string {
  return createHmac("sha256", keysFor(secret).lookup).update(refreshToken).digest("hex");
}

export async function sealTokens(tokens: TokenSet, secret: string, ttlMs: number): Promise<string> {
  return new EncryptJWT({ ...tokens })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setExpirationTime(`${Math.ceil(ttlMs / 1000)}s`)
    .encrypt(keysFor(secret).seal);
}

export async function openTokens(sealed: string, secret: string): Promise<TokenSet> {
  const { payload } = await jwtDecrypt(sealed, keysFor(secret).seal);
  const { accessToken, refreshToken, issuedAt, expiresAt } = payload;
  if (
    typeof accessToken !== "string" ||
    typeof refreshToken !== "string" ||
    typeof issuedAt !== "number" ||
    typeof expiresAt !== "number"
  ) {
    throw new Error("the shared renewal holds no token set");
  }
  return { accessToken, refreshToken, issuedAt, expiresAt };
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function renewShared(refreshToken: string, options: SharedRenewalOptions): Promise<TokenSet> {
  const { store, secret, owner, staleAfterMs, ttlMs } = options;
  const sleep = options.sleep ?? defaultSleep;
  const pollMs = options.pollMs ?? 50;
  const key = renewalKey(refreshToken, secret);
  const giveUpAt = Date.now() + staleAfterMs * 2;

  for (;;) {
    const claim = await store.claim(key, owner, { staleAfterMs, ttlMs });
    switch (claim.kind) {
      case "done":
        return openTokens(claim.tokens, secret);
      case "refused":
        throw new RefreshRefusedError("the UAA refused the refresh token (renewed by another instance)");
      case "pending":
        if (Date.now() > giveUpAt) {
          throw new UaaUnavailableError("another instance is still renewing this session's tokens");
        }
        await sleep(pollMs);
        continue;
      case "claimed":
        return renewClaimed(refreshToken, key, options);
    }
  }
}

async function renewClaimed(
  refreshToken: string,
  key: string,
  options: SharedRenewalOptions,
): Promise<TokenSet> {
  const { store, secret, owner, ttlMs } = options;
  let tokens: TokenSet;
  try {
    tokens = await options.exchange(refreshToken);
  } catch (error) {
    if (error instanceof RefreshRefusedError) {
      await store.complete(key, owner, { state: "refused" }, ttlMs).catch(() => false);
    } else {
      // The UAA is away: whoever comes next may try again.
      await store.abandon(key, owner).catch(() => undefined);
    }
    throw error;
  }
  // The refresh token is spent: these tokens are this request's whatever the database says.
  try {
    const sealed = await sealTokens(tokens, secret, ttlMs);
    if (!(await store.complete(key, owner, { state: "done", tokens: sealed }, ttlMs))) {
      options.onProblem?.("the renewal was taken over by another instance while the UAA answered");
    }
  } catch (error) {
    options.onProblem?.(
      `the renewed tokens could not be shared: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return tokens;
}
