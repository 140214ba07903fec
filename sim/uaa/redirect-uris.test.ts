import { describe, expect, it } from "vitest";
import { redirectMatches, withQuery } from "./redirect-uris";

describe("redirectMatches", () => {
  it("matches a registered URI without wildcards exactly, allowing extra query parameters", () => {
    const registered = "http://localhost:3000/api/auth/callback/uaa";
    expect(redirectMatches(registered, registered)).toBe(true);
    expect(redirectMatches(registered, `${registered}?x=1`)).toBe(true);
    expect(redirectMatches(registered, "http://localhost:3000/api/auth/callback/uaa/more")).toBe(false);
    expect(redirectMatches(registered, "http://localhost:3001/api/auth/callback/uaa")).toBe(false);
    expect(redirectMatches(registered, "https://localhost:3000/api/auth/callback/uaa")).toBe(false);
    expect(redirectMatches("http://app.example/cb?tenant=a", "http://app.example/cb?tenant=b")).toBe(false);
  });

  it("expands * within a segment and ** across segments", () => {
    expect(redirectMatches("http://localhost:3000/*", "http://localhost:3000/x")).toBe(true);
    expect(redirectMatches("http://localhost:3000/*", "http://localhost:3000/x/y")).toBe(false);
    expect(redirectMatches("http://localhost:3000/**", "http://localhost:3000/x/y?z=1")).toBe(true);
    expect(redirectMatches("https://*.apps.example/**", "https://dash.apps.example/cb")).toBe(true);
    expect(redirectMatches("https://*.apps.example/**", "https://apps.example.evil/cb")).toBe(false);
  });

  it("never matches user info, fragments or non-http schemes, whose host could be spoofed", () => {
    expect(redirectMatches("https://*.apps.example/**", "https://evil@x.apps.example/cb")).toBe(false);
    expect(redirectMatches("http://localhost:3000/**", "http://localhost:3000/cb#frag")).toBe(false);
    expect(redirectMatches("**", "javascript:alert(1)")).toBe(false);
    expect(redirectMatches("https://*.apps.example/**", "https://evil.example?.apps.example/")).toBe(false);
  });
});

describe("withQuery", () => {
  it("adds parameters after existing ones and skips undefined", () => {
    expect(withQuery("http://a.example/cb?x=1", { code: "c", state: undefined })).toBe(
      "http://a.example/cb?x=1&code=c",
    );
  });
});
