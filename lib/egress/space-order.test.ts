import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sortByOrgThenName } from "./space-order";

/**
 * The org-by-org sort against the one sort it stands for (org name, then space name, stable), on
 * random foundations whose names repeat and differ only in case, accents or Unicode form, and on
 * orgs whose different names compare equal. The same objects in the same order, or it fails.
 */

const oneSort = <T extends { name: string; org: { name: string } }>(spaces: T[]) =>
  [...spaces].sort((a, b) => a.org.name.localeCompare(b.org.name) || a.name.localeCompare(b.name));

// "é" composed and decomposed are different texts that localeCompare calls equal.
const nameArb = fc.constantFrom("dev", "Dev", "prod", "é", "e\u0301", "a", "b", "Ä", "z", "10", "9");

const foundationArb = fc
  .array(fc.record({ name: nameArb, spaces: fc.array(nameArb, { maxLength: 6 }) }), { maxLength: 8 })
  .chain((orgs) => {
    const spaces = orgs.flatMap((o, i) => {
      const org = { guid: `org-${i}`, name: o.name };
      return o.spaces.map((name, j) => ({ guid: `${i}-${j}`, name, org }));
    });
    return fc.shuffledSubarray(spaces, { minLength: spaces.length, maxLength: spaces.length });
  });

describe("sortByOrgThenName", () => {
  it("gives what the one sort by org name then space name gives, ties in the order given", () => {
    fc.assert(
      fc.property(foundationArb, (spaces) => {
        const expected = oneSort(spaces);
        expect(sortByOrgThenName([...spaces])).toEqual(expected);
        expect(sortByOrgThenName([...spaces]).every((s, i) => s === expected[i])).toBe(true);
      }),
      { seed: 23, numRuns: 500 },
    );
  });

  it("falls back to the one sort when two orgs' different names compare equal", () => {
    const composed = { guid: "o1", name: "\u00e9cole" };
    const decomposed = { guid: "o2", name: "e\u0301cole" };
    const spaces = [
      { guid: "1", name: "b", org: composed },
      { guid: "2", name: "a", org: decomposed },
      { guid: "3", name: "c", org: decomposed },
      { guid: "4", name: "a", org: composed },
    ];
    expect(sortByOrgThenName([...spaces]).map((s) => s.guid)).toEqual(["2", "4", "1", "3"]);
    expect(oneSort(spaces).map((s) => s.guid)).toEqual(["2", "4", "1", "3"]);
  });
});
