import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce } from "./headers";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split("; ").map((part) => {
      const [name = "", ...values] = part.split(" ");
      return [name, values];
    }),
  );
}

describe("contentSecurityPolicy", () => {
  it("allows scripts only by nonce and forbids framing", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "abc", development: false, production: false }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it("adds eval only in development and https upgrades only in production", () => {
    const dev = directives(contentSecurityPolicy({ nonce: "n", development: true, production: false }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    const prod = directives(contentSecurityPolicy({ nonce: "n", development: false, production: true }));
    expect(prod.get("script-src")).not.toContain("'unsafe-eval'");
    expect(prod.has("upgrade-insecure-requests")).toBe(true);
  });

  it("lets forms reach the sign-in origin and nothing else", () => {
    const csp = directives(
      contentSecurityPolicy({
        nonce: "n",
        development: false,
        production: false,
        formActionOrigins: ["https://login.example.org"],
      }),
    );
    expect(csp.get("form-action")).toEqual(["'self'", "https://login.example.org"]);
  });
});

describe("createNonce", () => {
  it("is fresh each time and 128 bits long", () => {
    const a = createNonce();
    expect(a).not.toBe(createNonce());
    expect(Buffer.from(a, "base64")).toHaveLength(16);
  });
});
