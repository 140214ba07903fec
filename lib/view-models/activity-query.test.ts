import { describe, expect, it } from "vitest";
import { activitySearch, parseActivityQuery, reversedRange } from "./activity-query";

const GUID = "11111111-1111-4111-8111-111111111111";

describe("the activity page's query", () => {
  it("reads space, kinds, dates and cursor", () => {
    const { query, problems } = parseActivityQuery({
      space: GUID,
      kind: ["drift", "failure"],
      from: "2026-11-01",
      to: "2026-11-30",
      cursor: "abc",
    });
    expect(problems).toEqual([]);
    expect(query).toEqual({
      space: GUID,
      kind: ["drift", "failure"],
      from: "2026-11-01",
      to: "2026-11-30",
      cursor: "abc",
    });
    expect(activitySearch(query)).toBe(
      `?space=${GUID}&kind=drift&kind=failure&from=2026-11-01&to=2026-11-30`,
    );
  });

  it("drops a bad value and names it, never throwing", () => {
    const { query, problems } = parseActivityQuery({
      space: "../../etc",
      kind: ["drift", "<script>"],
      from: "2026-02-31x",
      to: "2026-13-01",
      cursor: "x".repeat(500),
    });
    expect(query).toEqual({ kind: [] });
    expect([...new Set(problems.map((p) => p.split(":")[0]))].sort()).toEqual([
      "cursor",
      "from",
      "kind",
      "space",
      "to",
    ]);
    expect(parseActivityQuery({ from: "2026-02-31" }).problems).toEqual(["from: is not a real date"]);
  });

  it("treats empty fields as absent, as a submitted form sends them", () => {
    expect(parseActivityQuery({ space: "", from: "", to: "" })).toEqual({
      query: { kind: [] },
      problems: [],
    });
  });
});

describe("a date range", () => {
  it("whose end is before its start is said, since it selects nothing", () => {
    expect(reversedRange({ from: "2026-11-30", to: "2026-11-01" })).toBe(
      "“To” (2026-11-01) is before “From” (2026-11-30), so no entry can match. Choose a “To” on or after the “From”.",
    );
    expect(reversedRange({ from: "2026-11-30", to: "2026-11-30" })).toBeNull();
    expect(reversedRange({ from: "2026-11-01" })).toBeNull();
    expect(reversedRange({ to: "2026-11-01" })).toBeNull();
  });
});
