import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, sign, verifySignature } from "./signature";
import { openSecret, sealSecret } from "./secret-box";

describe("the webhook signature", () => {
  const secret = "whsec_test";
  const body = '{"schema":"egress-dashboard/alert@1","id":"drift-1"}';
  const now = 1_800_000_000;

  it("is HMAC-SHA256 over '<timestamp>.<body>', as docs/how-to.md tells a receiver to compute it", () => {
    const expected = createHmac("sha256", secret).update(`${now}.${body}`).digest("hex");
    expect(sign(secret, now, body)).toBe(`sha256=${expected}`);
  });

  it("verifies the exact body and a recent timestamp, and nothing else", () => {
    const signature = sign(secret, now, body);
    const ok = { secret, body, timestamp: String(now), signature, nowS: now + 10 };
    expect(verifySignature(ok)).toBe(true);
    expect(verifySignature({ ...ok, body: body.replace("drift-1", "drift-2") })).toBe(false);
    expect(verifySignature({ ...ok, body: `${body} ` })).toBe(false);
    expect(verifySignature({ ...ok, secret: "whsec_other" })).toBe(false);
    // The timestamp is signed: moving it breaks the signature; an old request is a replay.
    expect(verifySignature({ ...ok, timestamp: String(now + 1) })).toBe(false);
    expect(verifySignature({ ...ok, nowS: now + 301 })).toBe(false);
    expect(verifySignature({ ...ok, signature: null })).toBe(false);
    expect(verifySignature({ ...ok, timestamp: "soon" })).toBe(false);
  });

  it("secrets are random, and sealed at rest with a key from AUTH_SECRET", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
    const auth = "x".repeat(40);
    const sealed = sealSecret(a, auth);
    expect(sealed).not.toContain(a.slice(6));
    expect(openSecret(sealed, auth)).toBe(a);
    expect(() => openSecret(sealed, "y".repeat(40))).toThrow();
    const parts = sealed.split(".");
    const data = parts[3] ?? "";
    const tampered = [...parts.slice(0, 3), (data[0] === "A" ? "B" : "A") + data.slice(1)].join(".");
    expect(() => openSecret(tampered, auth)).toThrow();
  });
});
