/**
 * Where a text stops being JSON, as a person finds it in an editor: line and
 * column (from 1) and what was expected there. JSON.parse says only a
 * position, and not always that (V8: `Unexpected token 'o', "nope" is not
 * valid JSON`), so this reads the text itself, once JSON.parse has refused
 * it. Iterative, with a stack of the open containers, so a deeply nested text
 * cannot exhaust the call stack. Pure.
 */

export type JsonSyntaxError = { line: number; column: number; reason: string };

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** The first syntax error of `text`, or null when it is JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  let at = 0;
  const stack: ("{" | "[")[] = [];
  const fail = (reason: string, where = at): JsonSyntaxError => ({ ...lineAndColumn(text, where), reason });
  const skip = () => {
    while (at < text.length && WHITESPACE.has(text[at] ?? "")) at++;
  };
  const found = () => (at < text.length ? `found ${describe(text, at)}` : "the text ends");

  /** A string starting at `at` (a double quote); null when it is well formed, and `at` after it. */
  const string = (): JsonSyntaxError | null => {
    const start = at;
    at++;
    while (at < text.length) {
      const c = text[at] ?? "";
      if (c === '"') {
        at++;
        return null;
      }
      if (c === "\\") {
        const next = text[at + 1] ?? "";
        if (next === "u") {
          HEX4.lastIndex = at + 2;
          if (!HEX4.test(text)) return fail("\\u must be followed by four hexadecimal digits");
          at += 6;
        } else if (ESCAPES.has(next)) at += 2;
        else return fail(`\\${next} is not an escape JSON knows`);
        continue;
      }
      if (c < " ") return fail("a string may not hold a line break or control character; write \\n instead");
      at++;
    }
    return fail("this string is never closed with a double quote", start);
  };

  /** A value starting at `at` (after whitespace): an error, "open" when it opened a container, or null. */
  const value = (): JsonSyntaxError | "open" | null => {
    const c = text[at];
    if (c === "{" || c === "[") {
      stack.push(c);
      at++;
      return "open";
    }
    if (c === '"') return string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      NUMBER.lastIndex = at;
      const match = NUMBER.exec(text);
      if (!match) return fail("this is not a number JSON allows");
      at += match[0].length;
      return null;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return null;
      }
    }
    return fail(`expected a value (a string, number, object, list, true, false or null), ${found()}`);
  };

  /** After a key's colon or a list's comma (or its opening), a value must come. */
  let expectValue = true;
  skip();
  for (;;) {
    if (expectValue) {
      const result = value();
      if (result !== null && result !== "open") return result;
      expectValue = false;
      skip();
      if (result === "open") {
        const open = stack[stack.length - 1];
        if (open === "{") {
          if (text[at] === "}") {
            stack.pop();
            at++;
          } else {
            const key = member();
            if (key) return key;
            expectValue = true;
            skip();
            continue;
          }
        } else if (text[at] === "]") {
          stack.pop();
          at++;
        } else {
          expectValue = true;
          continue;
        }
        skip();
      }
    }
    const open = stack[stack.length - 1];
    if (open === undefined) {
      return at < text.length ? fail(`expected the end of the document, ${found()}`) : null;
    }
    const close = open === "{" ? "}" : "]";
    if (text[at] === close) {
      stack.pop();
      at++;
      skip();
      continue;
    }
    if (text[at] !== ",") return fail(`expected "," or "${close}", ${found()}`);
    at++;
    skip();
    if (open === "{") {
      const key = member();
      if (key) return key;
    }
    expectValue = true;
    skip();
  }

  /** A member's key and colon, starting at `at`; leaves `at` after the colon. */
  function member(): JsonSyntaxError | null {
    if (text[at] !== '"') return fail(`expected a property name in double quotes, ${found()}`);
    const error = string();
    if (error) return error;
    skip();
    if (text[at] !== ":") return fail(`expected ":" after the property name, ${found()}`);
    at++;
    return null;
  }
}

function describe(text: string, at: number): string {
  const c = text[at] ?? "";
  return c === "'" ? "' (JSON strings take double quotes)" : `"${c}"`;
}

function lineAndColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      start = i + 1;
    }
  }
  return { line, column: at - start + 1 };
}
