import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * A webhook's signing secret at rest: AES-256-GCM with a key derived from
 * AUTH_SECRET (HKDF-SHA256), so a copy of the database alone does not let
 * anyone forge alerts. Every instance shares AUTH_SECRET, so any of them can
 * sign. Format: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */

const INFO = "egress-dashboard alert webhook secret v1";

function keyOf(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "egress-dashboard", INFO, 32));
}

export function sealSecret(secret: string, authSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(authSecret), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), sealed]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** The secret; throws when it was sealed with another AUTH_SECRET or was tampered with. */
export function openSecret(sealed: string, authSecret: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || iv === undefined || tag === undefined || data === undefined) {
    throw new Error("the webhook's secret is not in a known format");
  }
  const decipher = createDecipheriv("aes-256-gcm", keyOf(authSecret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
