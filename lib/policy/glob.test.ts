import fc from "fast-check";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { compileGlob, globMatches, MAX_ALTERNATIVES, MAX_GLOB_LENGTH, prepareName } from "./glob";

const error = (glob: string) => {
  const result = compileGlob(glob);
  return result.ok ? null : result.message;
};

describe("space-name globs", () => {
  it("match the whole name, with * for any run and ? for one character", () => {
    expect(globMatches("prod*", "prod")).toBe(true);
    expect(globMatches("prod*", "prod-east")).toBe(true);
    expect(globMatches("prod*", "preprod")).toBe(false);
    expect(globMatches("*prod", "preprod")).toBe(true);
    expect(globMatches("prod", "prod-east")).toBe(false);
    expect(globMatches("dev-?", "dev-1")).toBe(true);
    expect(globMatches("dev-?", "dev-10")).toBe(false);
    expect(globMatches("a*b*c", "aXbYc")).toBe(true);
    expect(globMatches("a*b*c", "aXcYb")).toBe(false);
  });

  it("ignore case, as CF does for space names within an org", () => {
    expect(globMatches("prod*", "Prod-East")).toBe(true);
    expect(globMatches("PROD", "prod")).toBe(true);
    expect(globMatches("[a-c]x", "Bx")).toBe(true);
    expect(globMatches("[^a]x", "Ax")).toBe(false);
    expect(globMatches("ä*", "Äpfel")).toBe(true);
  });

  it("treat a name as a name, not a path: * matches slashes and leading dots", () => {
    expect(globMatches("*", "team/a")).toBe(true);
    expect(globMatches("team*", "team/a")).toBe(true);
    expect(globMatches("*", ".hidden")).toBe(true);
    expect(globMatches("*", "..")).toBe(true);
    expect(globMatches("a?b", "a/b")).toBe(true);
    expect(globMatches("*", "with space")).toBe(true);
  });

  it("read classes, alternatives, escapes and a leading negation", () => {
    expect(globMatches("[]a]", "]")).toBe(true);
    expect(globMatches("[!a]x", "bx")).toBe(true);
    expect(globMatches("[!a]x", "ax")).toBe(false);
    expect(globMatches("[a-]", "-")).toBe(true);
    expect(globMatches("{dev,test}-*", "test-1")).toBe(true);
    expect(globMatches("{dev,test}-*", "prod-1")).toBe(false);
    expect(globMatches("x{a,{b,c}}", "xc")).toBe(true);
    expect(globMatches("x{a,}", "x")).toBe(true);
    expect(globMatches("a\\*", "a*")).toBe(true);
    expect(globMatches("a\\*", "ab")).toBe(false);
    expect(globMatches("\\{a\\}", "{a}")).toBe(true);
    expect(globMatches("a,b", "a,b")).toBe(true);
    expect(globMatches("!prod*", "dev")).toBe(true);
    expect(globMatches("!prod*", "prod-1")).toBe(false);
    expect(globMatches("!!prod", "prod")).toBe(true);
    expect(globMatches("a!", "a!")).toBe(true);
  });

  it("know which globs match every name", () => {
    const everything = (g: string) => {
      const r = compileGlob(g);
      return r.ok && r.glob.matchesEverything;
    };
    expect(everything("*")).toBe(true);
    expect(everything("**")).toBe(true);
    expect(everything("{*,a}")).toBe(true);
    expect(everything("!*")).toBe(false);
    expect(everything("*a")).toBe(false);
    expect(globMatches("!*", "anything")).toBe(false);
  });

  it("refuse what they cannot read, saying how to write it", () => {
    expect(error("")).toBe("must not be empty");
    expect(error("x".repeat(MAX_GLOB_LENGTH + 1))).toMatch(/at most 255 characters/);
    expect(error("x".repeat(MAX_GLOB_LENGTH))).toBeNull();
    expect(error("[a")).toMatch(/unclosed \[; write \\\[/);
    expect(error("a]")).toMatch(/unmatched \]/);
    expect(error("{a,b")).toMatch(/unclosed \{/);
    expect(error("a}")).toMatch(/unmatched \}/);
    expect(error("{a}")).toMatch(/needs at least one comma/);
    expect(error("@(a|b)")).toMatch(/extglobs such as @\(…\) are not supported/);
    expect(error("+(a)")).toMatch(/extglobs/);
    expect(error("!(a)")).toMatch(/extglobs/);
    expect(error("x*(a)")).toMatch(/extglobs/);
    expect(error("(a)")).toMatch(/\( has no meaning/);
    expect(error("a|b")).toMatch(/\| has no meaning/);
    expect(error("[[:alpha:]]")).toMatch(/\[:alpha:\] are not supported/);
    expect(error("[z-a]")).toMatch(/range z-a is backwards/);
    expect(error("a\\")).toMatch(/ends with \\/);
    expect(error("{a,b}".repeat(6))).toMatch(new RegExp(`more than ${MAX_ALTERNATIVES} alternatives`));
    expect(error("{a,b}".repeat(5))).toBeNull();
  });

  it("stay fast on globs that make backtracking matchers explode", () => {
    // picomatch took about 2 s for ONE match of *a*a*a*a*b against this name.
    const compiled = compileGlob(`${"*a".repeat(100)}b`);
    if (!compiled.ok) throw new Error(compiled.message);
    const name = prepareName("a".repeat(255));
    const started = performance.now();
    for (let i = 0; i < 100; i++) expect(compiled.glob.matches(name)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("agreement with picomatch", () => {
  // picomatch, case-insensitive, on names without / or leading dots (where a
  // name and a path differ). Its `[!…]` reads ! literally, so classes use ^.
  const reference = (glob: string) => picomatch(glob, { nocase: true, dot: true, windows: false });
  const piece = fc.constantFrom(
    "a",
    "b",
    "A",
    "-",
    "*",
    "?",
    "[ab]",
    "[a-c]",
    "[^a]",
    "{a,b}",
    "{a,}",
    "{ab,*}",
    "\\*",
  );
  const glob = fc
    .tuple(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 6 }))
    .map(([negated, pieces]) => (negated ? "!" : "") + pieces.join(""));
  const name = fc
    .array(fc.constantFrom("a", "b", "A", "B", "c", "-", "*"), { minLength: 1, maxLength: 8 })
    .map((cs) => cs.join(""));

  it("matches the same names as picomatch on the syntax both read", () => {
    fc.assert(
      fc.property(glob, name, (g, n) => {
        // A glob of more than MAX_ALTERNATIVES alternatives is refused here (a bound on the work), read there.
        fc.pre(compileGlob(g).ok);
        expect(globMatches(g, n), `${g} vs ${n}`).toBe(reference(g)(n));
      }),
      { numRuns: 3_000 },
    );
  });
});
