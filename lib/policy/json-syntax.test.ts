import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonSyntaxError } from "./json-syntax";

describe("where a text stops being JSON", () => {
  it.each([
    [
      '{\n  "rules": [\n    { "spaces": "a", }\n  ]\n}',
      3,
      22,
      'expected a property name in double quotes, found "}"',
    ],
    ["{", 1, 2, "expected a property name in double quotes, the text ends"],
    ["", 1, 1, "expected a value (a string, number, object, list, true, false or null), the text ends"],
    ["nope", 1, 1, 'expected a value (a string, number, object, list, true, false or null), found "n"'],
    ['{"a":1}x', 1, 8, 'expected the end of the document, found "x"'],
    ["[1,2", 1, 5, 'expected "," or "]", the text ends'],
    [
      "{'a': 1}",
      1,
      2,
      "expected a property name in double quotes, found ' (JSON strings take double quotes)",
    ],
    ['{"a" 1}', 1, 6, 'expected ":" after the property name, found "1"'],
    ['{"a": "b\nc"}', 1, 9, "a string may not hold a line break or control character; write \\n instead"],
    ['{"a": "b', 1, 7, "this string is never closed with a double quote"],
    ['["\\x"]', 1, 3, "\\x is not an escape JSON knows"],
    ["[01]", 1, 3, 'expected "," or "]", found "1"'],
    ["[1 2]", 1, 4, 'expected "," or "]", found "2"'],
  ])("%j: line %i, column %i", (text, line, column, reason) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(jsonSyntaxError(text)).toEqual({ line, column, reason });
  });

  it("finds nothing wrong in what JSON.parse reads, and something in what it refuses", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(jsonSyntaxError(text)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(
        fc.json(),
        fc.nat(),
        fc.constantFrom("", ",", "}", "]", "{", "[", '"', ":", "x", "'", "\\", "\n"),
        (text, at, insert) => {
          const i = at % (text.length + 1);
          const mutated = text.slice(0, i) + insert + text.slice(i + (insert === "" ? 1 : 0));
          let parses = true;
          try {
            JSON.parse(mutated);
          } catch {
            parses = false;
          }
          expect(jsonSyntaxError(mutated) === null).toBe(parses);
        },
      ),
    );
  });

  it("reads a deeply nested text without exhausting the stack", () => {
    expect(jsonSyntaxError("[".repeat(200_000))).toMatchObject({ line: 1, column: 200_001 });
    expect(jsonSyntaxError(`${"[".repeat(200_000)}${"]".repeat(200_000)}`)).toBeNull();
  });
});
