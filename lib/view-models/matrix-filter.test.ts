import { describe, expect, it } from "vitest";
import { applyFilter, filterFromSearch, filterSearch } from "./matrix-filter";

describe("the matrix's filters in the URL", () => {
  it("read the keys the page writes, and write them back", () => {
    const filter = filterFromSearch(new URLSearchParams("q=St&posture=public&violations=1&other=x"));
    expect(filter).toEqual({ query: "St", posture: "public", violations: true });
    expect(filterSearch(filter)).toBe("?q=St&posture=public&violations=1");
    expect(filterFromSearch(new URLSearchParams("posture=open&violations=yes"))).toEqual({
      query: "",
      posture: undefined,
      violations: false,
    });
    expect(filterSearch({ query: "", posture: undefined })).toBe("");
  });

  it("keep the rows whose name, posture and compliance match", () => {
    const rows = [
      { name: "dev", posture: "closed" as const },
      { name: "staging", posture: "trusted-local" as const, policy: { reasons: ["must be closed"] } },
      { name: "Sandbox", posture: "public" as const, policy: {} },
    ];
    const names = (filter: Parameters<typeof applyFilter>[1]) => applyFilter(rows, filter).map((r) => r.name);
    expect(names({ query: "s", posture: undefined })).toEqual(["staging", "Sandbox"]);
    expect(names({ query: "", posture: "public" })).toEqual(["Sandbox"]);
    expect(names({ query: "", posture: undefined, violations: true })).toEqual(["staging"]);
  });
});
