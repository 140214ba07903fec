import { describe, expect, it } from "vitest";
import { jsonListResponse } from "./responses";

/** The list answer written in chunks must be the very text one JSON.stringify gives, whatever the cut. */
describe("jsonListResponse", () => {
  const item = (i: number) => ({
    guid: `g-${i}`,
    name: i % 3 === 0 ? 'quo"te\\ é 😀' : "dev",
    org: { guid: "o", name: "Org" },
    running: { status: "allowed", by: [{ group: { guid: "x", name: "y" }, rule: { protocol: "tcp" } }] },
    staging: { status: "blocked", by: [], missing: undefined },
  });

  it.each([0, 1, 2, 255, 256, 257, 1000])("%i items, in chunks of 256", async (n) => {
    const items = Array.from({ length: n }, (_, i) => item(i));
    const response = jsonListResponse("spaces", items);
    expect(await response.text()).toBe(JSON.stringify({ spaces: items }));
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("gives the same text for any chunk size", async () => {
    const items = Array.from({ length: 50 }, (_, i) => item(i));
    for (const perChunk of [1, 7, 49, 50, 51]) {
      expect(await jsonListResponse("spaces", items, perChunk).text()).toBe(
        JSON.stringify({ spaces: items }),
      );
    }
  });
});
