import { describe, expect, it } from "vitest";
import { decodablePath } from "./paths";

describe("decodablePath", () => {
  it("accepts what a browser or a link sends", () => {
    for (const path of [
      "/",
      "/orgs/8b47f982-f3e9-4e76-83ed-3e84b9f77d08",
      "/orgs/a%2Fb",
      "/q/%F0%9F%98%80",
      "/%25",
    ])
      expect(decodablePath(path), path).toBe(true);
  });

  it("refuses a malformed percent escape", () => {
    for (const path of ["/orgs/%", "/orgs/%zz/activity", "/api/orgs/%E0%A4%A/posture", "/%C0%AF", "/%FF%FE"])
      expect(decodablePath(path), path).toBe(false);
  });
});
