/**
 * A list page's JSON, parsed keeping only the resources whose text may matter.
 * A foundation's group list is tens of MB of which an org page uses a few
 * hundred groups: parsing every group only to drop it cost more (the parse,
 * and collecting its garbage) than everything else the page does. The page's
 * text is split into its resources with a scan of brackets and strings, each
 * resource's text is asked `keep`, and only the kept ones are parsed. `keep`
 * may keep too much (the caller still checks every parsed resource), never too
 * little. Anything unexpected in the text falls back to parsing all of it.
 */

const QUOTE = 34; // "
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;

type Split = { arrayStart: number; arrayEnd: number; resources: [number, number][] };

/** Where the top-level "resources" array is, and each of its elements; null if not found as expected. */
export function splitResources(text: string): Split | null {
  const key = text.indexOf('"resources"');
  if (key < 0 || depthAt(text, key) !== 1) return null;
  let i = key + '"resources"'.length;
  while (i < text.length && text.charCodeAt(i) !== OPEN_BRACKET) {
    const c = text[i];
    if (c !== ":" && c !== " " && c !== "\n" && c !== "\r" && c !== "\t") return null;
    i++;
  }
  const arrayStart = i;
  const resources: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (depth === 1 && c !== OPEN_BRACE && c !== CLOSE_BRACKET && c !== COMMA && !isSpace(c)) {
      return null; // an element that is not an object: not a list of resources
    }
    if (c === QUOTE) {
      i = endOfString(text, i);
      if (i < 0) return null;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth === 2) start = i;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 1) resources.push([start, i + 1]);
      else if (depth === 0) return { arrayStart, arrayEnd: i + 1, resources };
    }
  }
  return null;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * The index of the quote that ends the string starting at `open`, or -1: the
 * next quote not escaped, that is, not after an odd run of backslashes. Found
 * with indexOf rather than character by character: most of a page's text is
 * inside strings (links, guids, destinations), and indexOf skips it at once.
 */
function endOfString(text: string, open: number): number {
  for (let i = text.indexOf('"', open + 1); i >= 0; i = text.indexOf('"', i + 1)) {
    let backslashes = 0;
    while (i - backslashes - 1 > open && text.charCodeAt(i - backslashes - 1) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
  return -1;
}

/** The nesting depth at `at` (outside strings), counting from the text's start. */
function depthAt(text: string, at: number): number {
  let depth = 0;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = endOfString(text, i);
      if (i < 0) return -1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return depth;
}

/**
 * The page parsed, its resources only those whose text `keep` accepts (all of them if the text is
 * unexpected), each resource parsed apart and passed through `each` at once: a caller that keeps a
 * few fields of each (a narrow schema) never has the page's whole tree of resources at once.
 */
export function parseKeeping(
  text: string,
  keep: (resource: string) => boolean,
  each: (resource: unknown) => unknown = (resource) => resource,
): unknown {
  const whole = () => {
    const page = JSON.parse(text) as unknown;
    if (hasResources(page)) page.resources = page.resources.map(each);
    return page;
  };
  const split = splitResources(text);
  if (!split) return whole();
  const page = JSON.parse(text.slice(0, split.arrayStart) + "[]" + text.slice(split.arrayEnd)) as unknown;
  if (!hasResources(page)) return whole();
  const kept: unknown[] = [];
  for (const [start, end] of split.resources) {
    const resource = text.slice(start, end);
    if (keep(resource)) kept.push(each(JSON.parse(resource)));
  }
  page.resources = kept;
  return page;
}

function hasResources(page: unknown): page is { resources: unknown[] } {
  return (
    typeof page === "object" && page !== null && Array.isArray((page as { resources?: unknown }).resources)
  );
}
