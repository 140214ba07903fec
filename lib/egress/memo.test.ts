import { describe, expect, it } from "vitest";
import { parseDestination } from "./address";
import { memoizeText } from "./memo";
import { parsePorts } from "./ports";

describe("memoizeText", () => {
  it("reads each text once and forgets everything when full", () => {
    const reads: string[] = [];
    const read = memoizeText(2, (text) => {
      reads.push(text);
      return { text };
    });
    const a = read("a");
    expect(read("a")).toBe(a);
    read("b");
    read("c"); // full: the memo is emptied before "c" is kept
    read("a");
    expect(reads).toEqual(["a", "b", "c", "a"]);
  });
});

describe("shared parse results", () => {
  it("cannot be changed by a caller, so one caller cannot corrupt another's answer", () => {
    const parsed = parseDestination("10.0.0.0/8,192.0.2.1");
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(Object.isFrozen(parsed.value)).toBe(true);
    expect(Object.isFrozen(parsed.value.v4)).toBe(true);
    expect(parsed.value.v4.every((i) => Object.isFrozen(i))).toBe(true);
    const ports = parsePorts("80,443");
    if (!ports.ok) throw new Error(ports.reason);
    expect(Object.isFrozen(ports.value) && ports.value.every((i) => Object.isFrozen(i))).toBe(true);
  });
});
