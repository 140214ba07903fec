import { describe, expect, it } from "vitest";
import { busynessOf, PagesBusyness, readBusyness, SAMPLE_MS } from "./busyness";
import { GIVE_WAY, GiveWay, pacer } from "./give-way";

/**
 * The cycle's back-off (./give-way.ts): it pauses only while the pages' thread is busy, in short pauses,
 * within a bound per point and per cycle, and counts what it really paused; the pages' busyness as the
 * cycle's thread reads it (./busyness.ts), a held-up pages' thread counting as busy.
 */

const policy = { busyAbove: 0.5, pauseMs: 20, perPointMs: 100, budgetMs: 150 };

describe("the cycle's back-off policy", () => {
  it("pauses only while the pages' thread is busier than the threshold", () => {
    const way = new GiveWay(policy);
    expect(way.pauseFor(0, 0)).toBe(0);
    expect(way.pauseFor(0.5, 0)).toBe(0);
    expect(way.pauseFor(Number.NaN, 0)).toBe(0);
    expect(way.pauseFor(0.51, 0)).toBe(20);
    expect(way.pauseFor(1, 0)).toBe(20);
  });

  it("stops pausing at a point once that point's bound is reached, and resumes at the next", () => {
    const way = new GiveWay(policy);
    expect(way.pauseFor(1, 80)).toBe(20);
    expect(way.pauseFor(1, 90)).toBe(10);
    expect(way.pauseFor(1, 100)).toBe(0);
    expect(way.pauseFor(1, 0)).toBe(20);
  });

  it("never pauses past the cycle's budget, however busy the pages stay", () => {
    const way = new GiveWay(policy);
    let total = 0;
    for (let point = 0; point < 20; point++) {
      let atPoint = 0;
      for (let pause = way.pauseFor(1, 0); pause > 0; pause = way.pauseFor(1, atPoint)) {
        way.paused(pause);
        atPoint += pause;
        total += pause;
      }
    }
    expect(total).toBe(150);
    expect(way.pausedMs).toBe(150);
    expect(way.pauseFor(1, 0)).toBe(0);
  });

  it("counts a pause as long as it lasted, and a late timer eats into the budget", () => {
    const way = new GiveWay(policy);
    way.paused(140);
    expect(way.pauseFor(1, 0)).toBe(10);
    way.paused(25);
    expect(way.pausedMs).toBe(165);
    expect(way.pauseFor(1, 0)).toBe(0);
  });

  it("has no pauses with a budget of nothing", () => {
    expect(new GiveWay({ ...GIVE_WAY, budgetMs: 0 }).pauseFor(1, 0)).toBe(0);
  });
});

describe("the pacer between a cycle's units of work", () => {
  it("pauses while the pages are busy and goes on when they quieten", async () => {
    const readings = [1, 1, 1, 0.2];
    const pace = pacer({ ...policy, pauseMs: 5 }, () => readings.shift() ?? 0);
    await pace.giveWay();
    expect(readings).toEqual([]);
    expect(pace.pausedMs).toBeGreaterThanOrEqual(14);
    await pace.giveWay();
    expect(pace.pausedMs).toBeLessThan(60);
  });

  it("stops pausing once the cycle is stopped", async () => {
    const stop = new AbortController();
    stop.abort();
    const pace = pacer(policy, () => 1);
    await pace.giveWay(stop.signal);
    expect(pace.pausedMs).toBe(0);
  });
});

describe("the pages' busyness as the cycle's thread reads it", () => {
  it("is the latest reading while it is fresh, and fully busy once the pages' thread stopped renewing it", () => {
    const at = 1_000_000;
    expect(busynessOf({ utilisation: 0.3, sampledAt: at }, at + SAMPLE_MS)).toBe(0.3);
    expect(busynessOf({ utilisation: 0.3, sampledAt: at }, at + 3 * SAMPLE_MS)).toBe(0.3);
    expect(busynessOf({ utilisation: 0.3, sampledAt: at }, at + 3 * SAMPLE_MS + 1)).toBe(1);
  });

  it("crosses threads in a shared buffer: quiet when sampling starts, stale when it stopped long ago", () => {
    const pages = new PagesBusyness();
    pages.start();
    let now = Date.now();
    const read = readBusyness(pages.buffer, () => now);
    expect(read()).toBe(0);
    pages.stop();
    now += 10 * SAMPLE_MS;
    expect(read()).toBe(1);
  });

  it("measures the pages' thread busy while it is held up, and quiet when it idles", async () => {
    const pages = new PagesBusyness();
    const read = readBusyness(pages.buffer);
    pages.start();
    try {
      const until = Date.now() + 4 * SAMPLE_MS;
      while (Date.now() < until) {
        // the pages' thread rendering a page: its reading is not renewed meanwhile
      }
      expect(read()).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(read()).toBeGreaterThan(0.5); // the period it was held up, measured
      await new Promise((resolve) => setTimeout(resolve, 2 * SAMPLE_MS + 20));
      expect(read()).toBeLessThan(0.5);
    } finally {
      pages.stop();
    }
  });
});
