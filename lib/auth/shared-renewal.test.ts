import { describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/test-support/backends";
import { useHistory } from "@/lib/db/test-support/fixtures";
import type { AppDatabase } from "@/lib/db/types";
import { RefreshRefusedError, UaaUnavailableError } from "./errors";
import type { TokenSet } from "./refresh";
import { openTokens, renewalKey, renewShared, sealTokens, type SharedRenewalOptions } from "./shared-renewal";

const SECRET = "a-shared-auth-secret-of-at-least-32-chars";
const OLD = "0123456789abcdef0123456789abcdef-r";
const NEW: TokenSet = {
  accessToken: "eyJ.new-access.token",
  refreshToken: "fedcba9876543210fedcba9876543210-r",
  issuedAt: 1_700_000_000,
  expiresAt: 1_700_000_005,
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fake UAA: counts the refresh token's uses, answers after `delayMs`, and refuses a token spent before. */
function fakeUaa(delayMs = 100) {
  const spent = new Set<string>();
  const uaa = {
    calls: 0,
    exchange: async (refreshToken: string): Promise<TokenSet> => {
      uaa.calls += 1;
      await sleep(delayMs);
      if (spent.has(refreshToken)) throw new RefreshRefusedError("Invalid refresh token (spent)");
      spent.add(refreshToken);
      return NEW;
    },
  };
  return uaa;
}

function options(store: AppDatabase, owner: string, exchange: SharedRenewalOptions["exchange"]) {
  return {
    store: store.renewals,
    secret: SECRET,
    owner,
    exchange,
    staleAfterMs: 5_000,
    ttlMs: 60_000,
    pollMs: 10,
  };
}

describe("the renewal row's key and the sealed tokens", () => {
  it("keys by an HMAC of the refresh token, never the token", () => {
    const key = renewalKey(OLD, SECRET);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain(OLD.slice(0, 8));
    expect(renewalKey(OLD, SECRET)).toBe(key);
    expect(renewalKey(OLD, `${SECRET}-other`)).not.toBe(key);
  });

  it("seals the tokens so that only an instance with the same AUTH_SECRET can open them", async () => {
    const sealed = await sealTokens(NEW, SECRET, 60_000);
    expect(sealed).not.toContain(NEW.refreshToken);
    expect(sealed).not.toContain("new-access");
    expect(await openTokens(sealed, SECRET)).toEqual(NEW);
    await expect(openTokens(sealed, `${SECRET}-other`)).rejects.toThrow();
  });
});

describe.each(testBackends())("renewals shared by two instances on $name", (backend) => {
  const h = useHistory(backend);

  it("20 requests of one session on two instances at once: the refresh token is spent once, all get the new tokens", async () => {
    const a = h.store;
    const b = await h.another();
    const uaa = fakeUaa();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? renewShared(OLD, options(a, "instance-a", uaa.exchange))
          : renewShared(OLD, options(b, "instance-b", uaa.exchange)),
      ),
    );
    expect(uaa.calls).toBe(1);
    for (const tokens of results) expect(tokens).toEqual(NEW);
    // A request still carrying the old cookie a moment later gets them too, without the UAA.
    expect(await renewShared(OLD, options(b, "instance-b", uaa.exchange))).toEqual(NEW);
    expect(uaa.calls).toBe(1);
  });

  it("a refusal reaches every waiter at once: the session is over everywhere", async () => {
    const b = await h.another();
    const refuse = async () => {
      await sleep(50);
      throw new RefreshRefusedError("Invalid refresh token (expired)");
    };
    let calls = 0;
    const counted = async (token: string) => {
      calls += 1;
      return refuse().then(() => ({ ...NEW, refreshToken: token }));
    };
    const outcomes = await Promise.allSettled([
      renewShared(OLD, options(h.store, "instance-a", counted)),
      renewShared(OLD, options(b, "instance-b", counted)),
      renewShared(OLD, options(b, "instance-b", counted)),
    ]);
    expect(calls).toBe(1);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe("rejected");
      if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(RefreshRefusedError);
    }
  });

  it("when the UAA does not answer, nothing is stored and the next request tries again", async () => {
    let calls = 0;
    const away = async (): Promise<TokenSet> => {
      calls += 1;
      await sleep(10);
      throw new UaaUnavailableError("connect ECONNREFUSED");
    };
    await expect(renewShared(OLD, options(h.store, "instance-a", away))).rejects.toBeInstanceOf(
      UaaUnavailableError,
    );
    const uaa = fakeUaa(10);
    expect(await renewShared(OLD, options(h.store, "instance-a", uaa.exchange))).toEqual(NEW);
    expect([calls, uaa.calls]).toEqual([1, 1]);
  });

  it("takes over a claim whose process died, once it is stale", async () => {
    const key = renewalKey(OLD, SECRET);
    // Instance a claims, then dies before the UAA answers.
    expect(await h.store.renewals.claim(key, "dead", { staleAfterMs: 5_000, ttlMs: 60_000 })).toEqual({
      kind: "claimed",
    });
    const b = await h.another();
    expect(await b.renewals.claim(key, "instance-b", { staleAfterMs: 5_000, ttlMs: 60_000 })).toEqual({
      kind: "pending",
    });
    h.clock += 5_001;
    const uaa = fakeUaa(10);
    expect(await renewShared(OLD, options(b, "instance-b", uaa.exchange))).toEqual(NEW);
    expect(uaa.calls).toBe(1);
    // The dead owner's late answer changes nothing.
    expect(await h.store.renewals.complete(key, "dead", { state: "refused" }, 60_000)).toBe(false);
  });

  it("forgets a renewal after its time to live", async () => {
    const uaa = fakeUaa(10);
    await renewShared(OLD, options(h.store, "instance-a", uaa.exchange));
    h.clock += 60_001;
    // The old refresh token is spent: asking again goes to the UAA, which refuses it.
    await expect(renewShared(OLD, options(h.store, "instance-a", uaa.exchange))).rejects.toBeInstanceOf(
      RefreshRefusedError,
    );
    expect(uaa.calls).toBe(2);
  });
});
