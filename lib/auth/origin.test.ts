import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./origin";

describe("safeCallbackPath", () => {
  it("keeps same-origin paths, with their query", () => {
    expect(safeCallbackPath("/orgs/abc?posture=public")).toBe("/orgs/abc?posture=public");
  });

  it("refuses anything that could leave the dashboard after sign-in", () => {
    for (const value of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "orgs",
    ]) {
      expect(safeCallbackPath(value), value).toBe("/orgs");
    }
  });

  it("never loops back into the sign-in machinery", () => {
    expect(safeCallbackPath("/signin?callbackUrl=/orgs")).toBe("/orgs");
    expect(safeCallbackPath("/api/auth/signout")).toBe("/orgs");
    expect(safeCallbackPath(null)).toBe("/orgs");
  });
});
