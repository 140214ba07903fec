import { describe, expect, it } from "vitest";
import { covers, normalize, type Rect } from "./sets";

const r = (a0: number, a1: number, s0: number, s1: number): Rect<number> => ({
  addr: { lo: a0, hi: a1 },
  service: { lo: s0, hi: s1 },
});

describe("normalize", () => {
  it("sorts, joins touching and overlapping intervals, and drops empty ones", () => {
    expect(
      normalize([
        { lo: 5, hi: 7 },
        { lo: 0, hi: 2 },
        { lo: 2, hi: 3 },
        { lo: 6, hi: 9 },
        { lo: 4, hi: 4 },
      ]),
    ).toEqual([
      { lo: 0, hi: 3 },
      { lo: 5, hi: 9 },
    ]);
  });

  it("works on bigints", () => {
    expect(
      normalize([
        { lo: 3n, hi: 5n },
        { lo: 1n, hi: 3n },
      ]),
    ).toEqual([{ lo: 1n, hi: 5n }]);
  });
});

describe("covers", () => {
  const target = r(0, 10, 0, 10);

  it.each<[string, Rect<number>[], boolean]>([
    ["nothing", [], false],
    ["the target itself", [r(0, 10, 0, 10)], true],
    ["two halves along the address axis", [r(0, 5, 0, 10), r(5, 10, 0, 10)], true],
    ["two halves along the service axis", [r(0, 10, 0, 5), r(0, 10, 5, 10)], true],
    ["four quadrants", [r(0, 5, 0, 5), r(5, 10, 0, 5), r(0, 5, 5, 10), r(5, 10, 5, 10)], true],
    ["three quadrants", [r(0, 5, 0, 5), r(5, 10, 0, 5), r(0, 5, 5, 10)], false],
    ["overlapping pieces", [r(0, 7, 0, 10), r(3, 10, 0, 10)], true],
    ["a one-point gap in addresses", [r(0, 4, 0, 10), r(5, 10, 0, 10)], false],
    ["a one-point gap in services", [r(0, 10, 0, 9)], false],
    // Both projections are complete, yet the corner (5..10 × 5..10) is missing.
    ["full projections with a hole", [r(0, 10, 0, 5), r(0, 5, 0, 10)], false],
    ["staircase that closes", [r(0, 10, 0, 3), r(0, 6, 3, 10), r(6, 10, 2, 10)], true],
  ])("with %s", (_, parts, expected) => {
    expect(covers(target, parts)).toBe(expected);
  });

  it("works on bigint addresses at the top of IPv6", () => {
    const top = 1n << 128n;
    const big: Rect<bigint> = { addr: { lo: top - 4n, hi: top }, service: { lo: 0, hi: 1 } };
    const half = (lo: bigint, hi: bigint): Rect<bigint> => ({ addr: { lo, hi }, service: { lo: 0, hi: 1 } });
    expect(covers(big, [half(top - 4n, top - 2n), half(top - 2n, top)])).toBe(true);
    expect(covers(big, [half(top - 4n, top - 2n), half(top - 1n, top)])).toBe(false);
  });
});
