import { describe, expect, it } from "vitest";
import { percentile, requestDepth } from "./measure";

const at = (started_at: number, ended_at: number) => ({ started_at, ended_at });

describe("requestDepth", () => {
  it("is 0 without requests and 1 for requests that all overlap", () => {
    expect(requestDepth([])).toBe(0);
    expect(requestDepth([at(0, 50), at(1, 52), at(2, 51)])).toBe(1);
  });

  it("counts requests that started after others ended as in sequence", () => {
    // The org first, then five lists in parallel, then one call per segment.
    const org = at(0, 51);
    const lists = [at(52, 103), at(52, 110), at(53, 104), at(53, 150), at(54, 105)];
    const segments = [at(151, 202), at(151, 203)];
    expect(requestDepth([org, ...lists])).toBe(2);
    expect(requestDepth([...segments, org, ...lists])).toBe(3);
  });

  it("takes the longest chain, not the number of waves", () => {
    // a → b → c in sequence while d spans all of them.
    expect(requestDepth([at(0, 10), at(10, 20), at(20, 30), at(0, 30)])).toBe(3);
  });

  it("does not chain a request that started before another ended", () => {
    expect(requestDepth([at(0, 50), at(49, 100)])).toBe(1);
  });

  it("counts a strictly sequential client (the cf CLI) as deep as its requests", () => {
    const sequential = Array.from({ length: 8 }, (_, i) => at(i * 51, i * 51 + 50));
    expect(requestDepth(sequential)).toBe(8);
  });
});

describe("percentile", () => {
  it("uses the nearest rank", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(twenty, 0.5)).toBe(10);
    expect(percentile(twenty, 0.9)).toBe(18);
    expect(percentile([5], 0.9)).toBe(5);
    expect(percentile([], 0.5)).toBeNaN();
  });
});
