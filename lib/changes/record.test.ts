import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/lib/failures";
import { mayHaveChanged } from "./record";

describe("mayHaveChanged", () => {
  const failed = (kind: "sign-in" | "forbidden" | "rate-limited" | "unavailable" | "unconfirmed") => ({
    ok: false as const,
    failure: { kind, message: MESSAGES.signIn },
    cfError: null,
    unrecorded: false,
  });

  it("is true when CF confirmed the change, or did not answer for it", () => {
    expect(mayHaveChanged({ ok: true, unrecorded: false })).toBe(true);
    expect(mayHaveChanged({ ok: true, unrecorded: true })).toBe(true);
    expect(mayHaveChanged(failed("unconfirmed"))).toBe(true);
  });

  it("is false when CF refused it, or it never reached CF", () => {
    for (const kind of ["sign-in", "forbidden", "rate-limited", "unavailable"] as const)
      expect(mayHaveChanged(failed(kind))).toBe(false);
  });
});
