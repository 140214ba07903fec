import { describe, expect, it } from "vitest";
import { nextAttemptAt, retryDelayMs, RETRY_CAP_MS } from "./backoff";

describe("the retry schedule", () => {
  it("doubles from the base, up to the cap", () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 30_000))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000,
    ]);
    expect(retryDelayMs(8, 30_000)).toBe(RETRY_CAP_MS);
    expect(retryDelayMs(1000, 30_000)).toBe(RETRY_CAP_MS);
    expect(retryDelayMs(3, 1000, 2500)).toBe(2500);
  });

  it("stops after the last attempt", () => {
    const policy = { baseMs: 1000, maxAttempts: 3 };
    expect(nextAttemptAt(0, 1, policy)).toBe(1000);
    expect(nextAttemptAt(0, 2, policy)).toBe(2000);
    expect(nextAttemptAt(0, 3, policy)).toBeNull();
  });
});
