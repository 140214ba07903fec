import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

describe("history cursor", () => {
  it("round-trips any position", () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.nat({ max: 2 ** 31 }), (occurredAt, id) => {
        expect(decodeCursor(encodeCursor({ occurredAt, id }))).toEqual({
          ok: true,
          cursor: { occurredAt, id },
        });
      }),
    );
  });

  it("is opaque: URL-safe, no separators to tamper with", () => {
    expect(encodeCursor({ occurredAt: 1_700_000_000_000, id: 42 })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("answers an error value, never throws, for anything it did not make", () => {
    const bad = [
      "",
      "not a cursor",
      Buffer.from("1:2:3").toString("base64url"),
      Buffer.from("-1:2").toString("base64url"),
      Buffer.from("1.5:2").toString("base64url"),
      Buffer.from("99999999999999999:1").toString("base64url"),
      Buffer.from('{"occurredAt":1,"id":2}').toString("base64url"),
      "x".repeat(500),
    ];
    for (const text of bad) expect(decodeCursor(text)).toMatchObject({ ok: false });
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(typeof decodeCursor(text).ok).toBe("boolean");
      }),
    );
  });
});
