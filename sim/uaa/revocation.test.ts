import { describe, expect, it } from "vitest";
import { murmur3x86_32, revocationHash, revocationSignature } from "./revocation";

const hex = (text: string, seed: number) =>
  (murmur3x86_32(Buffer.from(text, "utf8"), seed) >>> 0).toString(16);

describe("murmur3x86_32", () => {
  it("agrees with the published MurmurHash3 x86_32 test vectors", () => {
    expect(hex("", 0)).toBe("0");
    expect(hex("", 1)).toBe("514e28b7");
    expect(hex("hello", 0)).toBe("248bfa47");
    expect(hex("abc", 0)).toBe("b3dd93fa");
    expect(hex("aaaa", 0x9747b28c)).toBe("5a97808a");
    expect(hex("The quick brown fox jumps over the lazy dog", 0)).toBe("2e4ff723");
  });
});

describe("revocation signature", () => {
  const user = { guid: "u-1", password: "pw", salt: "s1", email: "a@example.gov", username: "a" };

  it("is a short hex hash that changes with any of its inputs, the user's salt included", () => {
    const base = revocationSignature({ clientId: "cf", clientSecret: "", user });
    expect(base).toMatch(/^[0-9a-f]{1,8}$/);
    expect(revocationSignature({ clientId: "cf", clientSecret: "", user })).toBe(base);
    expect(revocationSignature({ clientId: "cf", clientSecret: "", user: { ...user, salt: "s2" } })).not.toBe(
      base,
    );
    expect(revocationSignature({ clientId: "other", clientSecret: "", user })).not.toBe(base);
    expect(revocationSignature({ clientId: "cf", clientSecret: "" })).not.toBe(base);
  });

  it("chains the hash as UAA does: each step hashes the previous hex, ### and the next salt", () => {
    const first = (murmur3x86_32(Buffer.from("###a"), 0xf0f0) >>> 0).toString(16);
    const second = (murmur3x86_32(Buffer.from(`${first}###b`), 0xf0f0) >>> 0).toString(16);
    expect(revocationHash(["a", "b"])).toBe(second);
  });
});
