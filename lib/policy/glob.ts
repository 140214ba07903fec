/**
 * Space-name globs for policy rules: `*` (any run of characters, none
 * included), `?` (one character), `[a-z]` / `[^a]` / `[!a]` classes, `{a,b}`
 * alternatives (nestable), `\` to escape, and a leading `!` to negate.
 *
 * Why not picomatch, which the rest of the ecosystem uses: its globs compile
 * to backtracking regular expressions, and an org manager writes these. One
 * match of `*a*a*a*a*b` against a 250-character name (CF allows 255) took two
 * seconds there. Here each alternative is matched by the classic two-pointer
 * wildcard algorithm, O(name × glob) at worst. Semantics follow picomatch's
 * where both define them (a test checks that against picomatch itself), minus
 * its path rules: a space name is not a path, so `*` also matches `/` and a
 * leading dot. Extglobs and regex groups are refused rather than read as
 * literals, so nobody is surprised by `@(a|b)` silently matching nothing.
 *
 * Matching is case-insensitive: CF keeps space names unique case-insensitively
 * within an org and filters them by name case-insensitively, so `prod*` is
 * meant to catch `Prod-east` too; a policy must not be evaded by capitals.
 */

import { memoizeText } from "@/lib/egress/memo";
import { fold, GlobSyntaxError, Parser, type Char, type Node } from "./glob-parse";

export const MAX_GLOB_LENGTH = 255;
/** Brace alternatives multiply; this bounds the work per name. */
export const MAX_ALTERNATIVES = 32;

type Token = { star: true } | { star: false; test: (ch: Char) => boolean };

export type GlobResult = { ok: true; glob: CompiledGlob } | { ok: false; message: string };

export type CompiledGlob = {
  source: string;
  /** True when the glob matches the name (prepared once with `prepareName`). */
  matches: (name: PreparedName) => boolean;
  /** True for globs such as `*` and `**` that match every name. */
  matchesEverything: boolean;
};

/** A name split into characters (code points) with their case folds, shared by every rule. */
export type PreparedName = readonly Char[];

/**
 * Folding allocates per character, and the same names are judged again on
 * every page view and by every rule, so prepared names are memoized (frozen,
 * and dropped wholesale at the bound, as lib/egress does for rule texts).
 */
export const prepareName: (name: string) => PreparedName = memoizeText(20_000, (name) =>
  Object.freeze(Array.from(name, (c) => Object.freeze(fold(c)))),
);

/** Brace groups multiplied out into flat alternatives of single-character tokens and stars. */
function expand(nodes: readonly Node[]): Token[][] {
  let alternatives: Token[][] = [[]];
  for (const node of nodes) {
    if (node.kind === "alt") {
      const options = node.options.flatMap(expand);
      alternatives = alternatives.flatMap((prefix) => options.map((o) => [...prefix, ...o]));
    } else {
      const token: Token = node.kind === "star" ? { star: true } : { star: false, test: node.test };
      alternatives = alternatives.map((a) => [...a, token]);
    }
    if (alternatives.length > MAX_ALTERNATIVES) {
      throw new GlobSyntaxError(`expands to more than ${MAX_ALTERNATIVES} alternatives`);
    }
  }
  // `{a*,*}` can put two stars side by side; one is enough.
  return alternatives.map((a) => a.filter((t, i) => !(t.star && a[i - 1]?.star)));
}

/**
 * Two pointers, remembering only the last star: on a mismatch, that star
 * swallows one more character and matching resumes after it. Earlier stars
 * never need revisiting, which is what keeps this O(name × glob).
 */
function matchTokens(tokens: readonly Token[], name: PreparedName): boolean {
  let t = 0;
  let n = 0;
  let starT = -1;
  let starN = 0;
  while (n < name.length) {
    const token = tokens[t];
    if (token !== undefined && token.star) {
      starT = t++;
      starN = n;
    } else if (token !== undefined && token.test(name[n] as Char)) {
      t++;
      n++;
    } else if (starT >= 0) {
      t = starT + 1;
      n = ++starN;
    } else {
      return false;
    }
  }
  while (tokens[t]?.star) t++;
  return t === tokens.length;
}

export function compileGlob(source: string): GlobResult {
  if (source.length === 0) return { ok: false, message: "must not be empty" };
  if (source.length > MAX_GLOB_LENGTH) {
    return { ok: false, message: `must be at most ${MAX_GLOB_LENGTH} characters` };
  }
  const chars = Array.from(source);
  let negated = false;
  // A leading ! negates (as in picomatch), unless it starts an extglob !(…).
  while (chars[0] === "!" && chars[1] !== "(") {
    chars.shift();
    negated = !negated;
  }
  try {
    const alternatives = expand(new Parser(chars).sequence(false));
    const everything = alternatives.some((a) => a.length === 1 && a[0]?.star === true);
    return {
      ok: true,
      glob: {
        source,
        matches: (name) => negated !== alternatives.some((a) => matchTokens(a, name)),
        matchesEverything: everything && !negated,
      },
    };
  } catch (error) {
    if (error instanceof GlobSyntaxError)
      return { ok: false, message: `is not a valid glob: ${error.message}` };
    throw error;
  }
}

/** One glob against one name; for callers that test a single name. */
export function globMatches(glob: string, name: string): boolean {
  const result = compileGlob(glob);
  return result.ok && result.glob.matches(prepareName(name));
}
