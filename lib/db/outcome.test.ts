import { describe, expect, it } from "vitest";
import { DEFAULT_PENDING_STALE_AFTER_MS, outcomeAsOf } from "./outcome";

describe("outcomeAsOf", () => {
  const T = 1_700_000_000_000;

  it("reads a change pending past the stale age as outcome unknown", () => {
    expect(outcomeAsOf({ outcome: "pending", occurredAt: T }, T + 1_000, 60_000)).toBe("pending");
    expect(outcomeAsOf({ outcome: "pending", occurredAt: T }, T + 60_000, 60_000)).toBe("unknown");
    expect(outcomeAsOf({ outcome: "pending", occurredAt: T }, T + DEFAULT_PENDING_STALE_AFTER_MS)).toBe(
      "unknown",
    );
  });

  it("leaves every recorded outcome as it is", () => {
    for (const outcome of ["succeeded", "failed", "unknown"] as const) {
      expect(outcomeAsOf({ outcome, occurredAt: T }, T + 10 * DEFAULT_PENDING_STALE_AFTER_MS)).toBe(outcome);
    }
  });
});
