/**
 * The parser of space-name globs (./glob.ts says what they mean): from the
 * text to a tree of single-character tests, stars and brace alternatives,
 * or a GlobSyntaxError that says what to write instead.
 */

export type Char = { c: string; lower: string; upper: string };
export type Node =
  { kind: "star" } | { kind: "one"; test: (ch: Char) => boolean } | { kind: "alt"; options: Node[][] };

export const fold = (c: string): Char => ({ c, lower: c.toLowerCase(), upper: c.toUpperCase() });

function literal(ch: string): (x: Char) => boolean {
  const l = fold(ch);
  return (x) => x.c === l.c || x.lower === l.lower || x.upper === l.upper;
}

export class GlobSyntaxError extends Error {}

export class Parser {
  private i = 0;
  constructor(private readonly chars: string[]) {}

  /** A sequence up to the end, or up to `,` / `}` inside braces. */
  sequence(inBraces: boolean): Node[] {
    const out: Node[] = [];
    while (this.i < this.chars.length) {
      const ch = this.chars[this.i] as string;
      if (inBraces && (ch === "," || ch === "}")) return out;
      this.i++;
      switch (ch) {
        case "\\": {
          const next = this.chars[this.i++];
          if (next === undefined) throw new GlobSyntaxError("ends with \\; write \\\\ to match a backslash");
          out.push({ kind: "one", test: literal(next) });
          break;
        }
        case "*":
          if (this.chars[this.i] === "(") throw extglob("*(");
          if (out.at(-1)?.kind !== "star") out.push({ kind: "star" });
          break;
        case "?":
          if (this.chars[this.i] === "(") throw extglob("?(");
          out.push({ kind: "one", test: () => true });
          break;
        case "[":
          out.push({ kind: "one", test: this.bracket() });
          break;
        case "{":
          out.push(this.braces());
          break;
        case "]":
        case "}":
          throw new GlobSyntaxError(`unmatched ${ch}; write \\${ch} to match a literal ${ch}`);
        case "(":
        case ")":
        case "|":
          throw new GlobSyntaxError(
            `${ch} has no meaning in a space glob; write \\${ch} to match it, or use {a,b} for alternatives`,
          );
        case "@":
        case "+":
        case "!":
          if (this.chars[this.i] === "(") throw extglob(`${ch}(`);
          out.push({ kind: "one", test: literal(ch) });
          break;
        default:
          out.push({ kind: "one", test: literal(ch) });
      }
    }
    if (inBraces) throw new GlobSyntaxError("unclosed {; write \\{ to match a literal {");
    return out;
  }

  private braces(): Node {
    const options: Node[][] = [this.sequence(true)];
    while (this.chars[this.i] === ",") {
      this.i++;
      options.push(this.sequence(true));
    }
    this.i++; // the closing }
    if (options.length < 2) throw new GlobSyntaxError("{…} needs at least one comma, as in {dev,test}");
    return { kind: "alt", options };
  }

  /** `[…]` after its `[`: a `]` first in the class is literal, as in POSIX. */
  private bracket(): (x: Char) => boolean {
    let negated = false;
    if (this.chars[this.i] === "!" || this.chars[this.i] === "^") {
      negated = true;
      this.i++;
    }
    const singles: string[] = [];
    const ranges: [number, number][] = [];
    let first = true;
    for (;;) {
      let ch = this.chars[this.i++];
      if (ch === undefined) throw new GlobSyntaxError("unclosed [; write \\[ to match a literal [");
      if (ch === "]" && !first) break;
      first = false;
      if (ch === "[" && this.chars[this.i] === ":") {
        throw new GlobSyntaxError("character classes such as [:alpha:] are not supported; use [a-z]");
      }
      if (ch === "\\") ch = this.chars[this.i++] ?? "\\";
      const dash = this.chars[this.i] === "-" && this.chars[this.i + 1] !== "]";
      const end = dash ? this.chars[this.i + 1] : undefined;
      if (dash && end !== undefined) {
        this.i += 2;
        const hi = end === "\\" ? (this.chars[this.i++] ?? "\\") : end;
        const [a, b] = [ch.codePointAt(0) ?? 0, hi.codePointAt(0) ?? 0];
        if (a > b) throw new GlobSyntaxError(`range ${ch}-${hi} is backwards`);
        ranges.push([a, b]);
      } else {
        singles.push(ch);
      }
    }
    const has = (s: string) => {
      if (singles.includes(s)) return true;
      const code = s.codePointAt(0) ?? -1;
      return ranges.some(([a, b]) => code >= a && code <= b);
    };
    return (x) => negated !== (has(x.c) || has(x.lower) || has(x.upper));
  }
}

const extglob = (what: string) =>
  new GlobSyntaxError(`extglobs such as ${what}…) are not supported; use {a,b} for alternatives`);
