import { describe, expect, it } from "vitest";
import { Remembered } from "./remembered";

describe("Remembered", () => {
  it("forgets the entry written longest ago past its bound, a rewritten one counting as new", () => {
    const memory = new Remembered<number>(2);
    memory.set("a", 1);
    memory.set("b", 2);
    memory.set("a", 3); // rewritten: now b is the oldest
    memory.set("c", 4);
    expect(memory.size).toBe(2);
    expect([memory.get("a"), memory.get("b"), memory.get("c")]).toEqual([3, undefined, 4]);
    memory.delete("a");
    expect(memory.get("a")).toBeUndefined();
    expect(memory.size).toBe(1);
  });
});
