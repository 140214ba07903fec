import { describe, expect, it } from "vitest";
import { benchOptions } from "./bench-options";

describe("benchOptions", () => {
  it("runs the uniform tables, the group scale and the watcher by default, on ports 3500 and 9522", () => {
    const o = benchOptions([]);
    expect([...o.TABLES]).toEqual(["uniform", "groups", "watch"]);
    expect(o.GROUP_COUNTS).toEqual([50, 2000, 10000, 20000]);
    expect(o.GROUP_SIZES).toEqual([1000, 5000]);
    expect(o.READ_SIZES).toEqual([100, 1000, 5000]);
    expect([o.APP_PORT, o.CF_PORT]).toEqual([3500, 9522]);
    expect(o.PAGES_MEASURED).toBe(true);
  });

  it("picks the group-scale orgs from --sizes, and leaves the group scale out with --groups none", () => {
    expect(benchOptions(["--sizes", "10,1000"]).GROUP_SIZES).toEqual([1000]);
    expect(benchOptions(["--groups", "none"]).GROUP_COUNTS).toEqual([]);
    const watchOnly = benchOptions(["--tables", "watch", "--ports", "3450,9452"]);
    expect(watchOnly.PAGES_MEASURED).toBe(false);
    expect([watchOnly.APP_PORT, watchOnly.CF_PORT]).toEqual([3450, 9452]);
  });

  it("refuses what it cannot measure, with the option's rule", () => {
    expect(() => benchOptions(["--groups", "30000"])).toThrow(/--groups: whole numbers 0…20000/);
    expect(() => benchOptions(["--sizes", "0"])).toThrow(/--sizes: whole numbers 1…5000/);
    expect(() => benchOptions(["--watch-interval", "1"])).toThrow(/--watch-interval: at least 5/);
    expect(() => benchOptions(["--nope"])).toThrow();
  });
});
