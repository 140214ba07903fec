import { describe, expect, it } from "vitest";
import { requestDepth } from "./request-depth";

const span = (startedAt: number, endedAt: number) => ({ startedAt, endedAt });

describe("requestDepth", () => {
  it("counts requests sent together once, and each sent after another answered as one more", () => {
    expect(requestDepth([])).toBe(0);
    expect(requestDepth([span(0, 10), span(0, 12), span(1, 30)])).toBe(1);
    // Three first pages, then every later page at once after the last of them answered.
    expect(requestDepth([span(0, 10), span(0, 20), span(0, 30), span(31, 50), span(31, 40)])).toBe(2);
  });

  it("counts a request sent after a later page answered as a third round trip, in whatever order given", () => {
    // A list's page 2 answered before another list's page 2 was sent: three one after the other.
    expect(requestDepth([span(25, 40), span(0, 10), span(11, 20), span(0, 24)])).toBe(3);
  });

  it("counts a request sent in the very moment another answered as following it", () => {
    expect(requestDepth([span(0, 10), span(10, 20)])).toBe(2);
  });
});
