import { describe, expect, it } from "vitest";
import { shapeDifferences } from "./shape";

describe("shapeDifferences", () => {
  it("accepts different values in the same shape", () => {
    expect(shapeDifferences({ a: 1, b: { c: "x" }, d: null }, { a: 2, b: { c: "y" }, d: null })).toEqual([]);
  });

  it("reports missing and unexpected keys, and null versus absent", () => {
    expect(shapeDifferences({ a: 1, z: 2 }, { a: 1, b: null })).toEqual(["b: missing", "z: unexpected key"]);
    expect(shapeDifferences({ next: null }, { next: { href: "x" } })).toEqual([
      "next: expected object, got null",
    ]);
  });

  it("matches each element against any of the example's elements", () => {
    const expected = {
      rules: [
        { p: "tcp", ports: "1" },
        { p: "icmp", type: 0 },
      ],
    };
    expect(
      shapeDifferences(
        {
          rules: [
            { p: "icmp", type: 8 },
            { p: "udp", ports: "53" },
          ],
        },
        expected,
      ),
    ).toEqual([]);
    expect(shapeDifferences({ rules: [{ p: "all" }] }, expected)).toEqual(["rules[].ports: missing"]);
  });

  it("honours open objects and optional keys", () => {
    expect(shapeDifferences({ custom: { x: 1 } }, { custom: { y: 2 } }, { openObjects: ["custom"] })).toEqual(
      [],
    );
    expect(shapeDifferences({ a: 1 }, { a: 1, b: 2 }, { optionalKeys: ["b"] })).toEqual([]);
  });
});
