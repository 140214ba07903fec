import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The webhook's signature (docs/how-to.md, "Verify an alert's signature"):
 * HMAC-SHA256, keyed with the destination's secret, over
 * `<timestamp>.<body>`, where the timestamp is the `X-Egress-Timestamp`
 * header (Unix seconds) and the body the request's exact bytes. Sent as
 * `X-Egress-Signature: sha256=<hex>`. The timestamp is signed so that a
 * captured request cannot be replayed later: a receiver refuses one whose
 * timestamp is more than a few minutes from its clock, and one whose
 * `Idempotency-Key` it has seen.
 */

export const SIGNATURE_HEADER = "X-Egress-Signature";
export const TIMESTAMP_HEADER = "X-Egress-Timestamp";
export const IDEMPOTENCY_HEADER = "Idempotency-Key";
/** How far a receiver's clock may be from the sender's (the verify function's default). */
export const SIGNATURE_TOLERANCE_S = 300;

/** A new destination's secret: 32 random bytes, prefixed so people recognise it. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does: the signature matches and the timestamp is recent. */
export function verifySignature(input: {
  secret: string;
  body: string;
  timestamp: string | null;
  signature: string | null;
  nowS?: number;
  toleranceS?: number;
}): boolean {
  const { secret, body, timestamp, signature } = input;
  if (timestamp === null || signature === null || !/^\d{1,12}$/.test(timestamp)) return false;
  const nowS = input.nowS ?? Math.floor(Date.now() / 1000);
  if (Math.abs(nowS - Number(timestamp)) > (input.toleranceS ?? SIGNATURE_TOLERANCE_S)) return false;
  const expected = Buffer.from(sign(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
