import { describe, expect, it } from "vitest";
import { pool, type Settled } from "./pool";

/** A promise settled from outside, so a test decides the order in which work ends. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("pool", () => {
  it("answers every item in input order, and reports each as it settles", async () => {
    const gates = [deferred<string>(), deferred<string>(), deferred<string>()];
    const reported: number[] = [];
    const running = pool(
      ["a", "b", "c"],
      3,
      (_item, index) => gates[index]!.promise,
      (s) => reported.push(s.index),
    );
    gates[2]!.resolve("C");
    await tick();
    gates[0]!.resolve("A");
    await tick();
    gates[1]!.resolve("B");
    const settled = await running;
    expect(reported).toEqual([2, 0, 1]);
    expect(settled).toEqual([
      { item: "a", index: 0, ok: true, value: "A" },
      { item: "b", index: 1, ok: true, value: "B" },
      { item: "c", index: 2, ok: true, value: "C" },
    ]);
  });

  it("keeps at most `limit` calls in flight, and starts the next as one ends", async () => {
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    const settled = await pool(
      Array.from({ length: 20 }, (_, i) => i),
      4,
      async (item) => {
        started.push(item);
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, (item * 7) % 5));
        inFlight--;
        return item * 2;
      },
    );
    expect(most).toBe(4);
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(settled.map((s) => s.ok && s.value)).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  });

  it("turns a throwing or rejecting item into that item's failure; the others still run", async () => {
    const boom = new Error("boom");
    const reported: Settled<number, number>[] = [];
    const settled = await pool(
      [1, 2, 3, 4],
      2,
      (item) => {
        if (item === 2) throw boom; // synchronously, before any promise
        if (item === 3) return Promise.reject(new Error("no answer"));
        return Promise.resolve(item * 10);
      },
      (s) => reported.push(s),
    );
    expect(settled.map((s) => (s.ok ? s.value : "failed"))).toEqual([10, "failed", "failed", 40]);
    expect(settled[1]).toEqual({ item: 2, index: 1, ok: false, error: boom });
    expect(reported).toHaveLength(4);
  });

  it("does not stop when the report itself throws", async () => {
    const settled = await pool(
      [1, 2, 3],
      1,
      (item) => Promise.resolve(item),
      () => {
        throw new Error("a broken progress bar");
      },
    );
    expect(settled.map((s) => s.ok)).toEqual([true, true, true]);
  });

  it("answers an empty list at once, without calling anything", async () => {
    let calls = 0;
    const settled = await pool([], 4, () => {
      calls++;
      return Promise.resolve(0);
    });
    expect(settled).toEqual([]);
    expect(calls).toBe(0);
  });

  it("runs one at a time when the limit is below one", async () => {
    let inFlight = 0;
    let most = 0;
    await pool([1, 2, 3], 0, async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      inFlight--;
    });
    expect(most).toBe(1);
  });
});
