import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseKeeping, splitResources } from "./list-text";

const FIXTURES = path.join(__dirname, "../../sim/fixtures/capi");

/** Every vendored CF list page (a body with "resources"), as CF's docs print it. */
const listPages = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({ name: f, text: readFileSync(path.join(FIXTURES, f), "utf8") }))
  .filter(({ text }) => Array.isArray((JSON.parse(text) as { resources?: unknown }).resources));

describe("parseKeeping", () => {
  it("keeping everything equals JSON.parse on every vendored list page", () => {
    expect(listPages.length).toBeGreaterThan(5);
    for (const { name, text } of listPages)
      expect(
        parseKeeping(text, () => true),
        name,
      ).toEqual(JSON.parse(text));
  });

  it("keeps exactly the resources whose text is accepted, in order, on any JSON page", () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const resource = fc.dictionary(fc.string(), value, { maxKeys: 4 });
    fc.assert(
      fc.property(
        fc.array(resource, { maxLength: 8 }),
        fc.dictionary(fc.string(), value, { maxKeys: 3 }),
        fc.boolean(),
        fc.func(fc.boolean()),
        (resources, rest, pretty, keep) => {
          const page = { pagination: { total_results: resources.length, ...rest }, resources };
          const text = pretty ? JSON.stringify(page, null, 2) : JSON.stringify(page);
          // The split finds exactly the page's resources, each one whole.
          const texts = (splitResources(text)?.resources ?? []).map(([start, end]) => text.slice(start, end));
          expect(texts.map((t) => JSON.parse(t) as unknown)).toEqual(resources);
          const kept = parseKeeping(text, keep) as { resources: unknown[] };
          expect(kept.resources).toEqual(texts.filter((t) => keep(t)).map((t) => JSON.parse(t) as unknown));
          expect({ ...(kept as object), resources }).toEqual(JSON.parse(text));
        },
      ),
      { seed: 20261207, numRuns: 300 },
    );
  });

  it("falls back to the whole parse where the text is not a page of objects, or the key is not found first", () => {
    expect(parseKeeping('{"resources":[1,2]}', () => false)).toEqual({ resources: [1, 2] });
    // A string holding the key's text is a string: the list is still found, and filtered.
    expect(parseKeeping('{"x":"\\"resources\\"","resources":[{"a":1}]}', () => false)).toEqual({
      x: '"resources"',
      resources: [],
    });
    expect(parseKeeping('{"x":"resources","resources":[{"a":1}]}', () => false)).toEqual({
      x: "resources",
      resources: [{ a: 1 }],
    });
    expect(parseKeeping("[]", () => false)).toEqual([]);
  });

  it("passes each kept resource through `each` as it is parsed, and every resource where it falls back", () => {
    const tag = (resource: unknown) => ({ tagged: resource });
    const text = '{"pagination":{},"resources":[{"a":1},{"b":2},{"c":3}]}';
    expect(parseKeeping(text, (r) => !r.includes('"b"'), tag)).toEqual({
      pagination: {},
      resources: [{ tagged: { a: 1 } }, { tagged: { c: 3 } }],
    });
    // Not a list of objects: parsed whole, and still every resource through `each`.
    expect(parseKeeping('{"resources":[1,2]}', () => false, tag)).toEqual({
      resources: [{ tagged: 1 }, { tagged: 2 }],
    });
  });

  it("splits around brackets and quotes inside strings", () => {
    const text = '{"pagination":{},"resources":[{"a":"}],[{\\"x"},{"b":["]"]}]}';
    expect(splitResources(text)?.resources.map(([s, e]) => text.slice(s, e))).toEqual([
      '{"a":"}],[{\\"x"}',
      '{"b":["]"]}',
    ]);
  });
});
