import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { execFileSync } from "node:child_process";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The house rules that no linter checks, checked on the source itself
 * (docs/design.md §2): no cycle between the folders of lib/, view models that
 * a client component can import (nothing marked server-only, directly or
 * through another module), lib/ free of the stand-in, small rooms, and a
 * repository that explains itself from its own files.
 */

const ROOT = join(import.meta.dirname, "..");
const SKIP = new Set([
  "node_modules",
  ".next",
  "dist",
  "test-results",
  "playwright-report",
  "coverage",
  ".git",
]);
const SOURCE = /\.(ts|tsx|mts)$/;
const isTest = (file: string) => /\.(test|spec)\.|\/test-support\/|\/testing\//.test(file);

function walk(dir: string): string[] {
  if (!existsSync(join(ROOT, dir))) return [];
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = dir === "." ? name : `${dir}/${name}`;
    return statSync(join(ROOT, path)).isDirectory() ? walk(path) : [path];
  });
}

const text = new Map<string, string>();
const read = (file: string) => {
  let content = text.get(file);
  if (content === undefined) text.set(file, (content = readFileSync(join(ROOT, file), "utf8")));
  return content;
};

/** A module specifier as the file it names (the `@/` alias is the repository root), or null for a package. */
function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith("."))
    base = relative(ROOT, join(ROOT, from, "..", specifier))
      .split(sep)
      .join("/");
  else return null;
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}.mts`,
    `${base}/index.ts`,
    `${base}/index.tsx`,
  ];
  return candidates.find((c) => existsSync(join(ROOT, c)) && statSync(join(ROOT, c)).isFile()) ?? base;
}

type Import = { target: string; typeOnly: boolean };

/** The project files a file imports, and whether each import is erased at build time (`import type`). */
function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, false);
  const found: Import[] = [];
  for (const statement of source.statements) {
    if (
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      const target = resolve(file, statement.moduleSpecifier.text);
      if (target === null) continue;
      const typeOnly = ts.isImportDeclaration(statement)
        ? (statement.importClause?.isTypeOnly ?? false)
        : statement.isTypeOnly;
      found.push({ target, typeOnly });
    }
  }
  return found;
}

const isServerOnly = (file: string) => /^import "server-only";/m.test(read(file));
const libFiles = walk("lib").filter((f) => SOURCE.test(f) && !isTest(f));
const folderOf = (file: string) => file.split("/").slice(0, 2).join("/");

/** The folders of lib/ each folder imports from (type imports included: they are dependencies too). */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of libFiles) {
    const from = folderOf(file);
    for (const { target } of importsOf(file)) {
      if (!target.startsWith("lib/") || target.split("/").length < 3) continue;
      const to = folderOf(target);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${file} → ${target}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every cycle between folders, each as the chain of imports that closes it. */
function cycles(graph: Map<string, Map<string, string>>): string[] {
  const found = new Map<string, string>();
  const visit = (node: string, path: string[], via: string[]) => {
    for (const [next, why] of graph.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) {
        const loop = [...path.slice(at), next];
        // Name each cycle once, from its smallest folder.
        const rotations = loop
          .slice(0, -1)
          .map((_, i) => [...loop.slice(i, -1), ...loop.slice(0, i)].join(" → "));
        const key = rotations.sort()[0] ?? "";
        if (!found.has(key)) found.set(key, `${key} (${[...via.slice(at), why].join("; ")})`);
        continue;
      }
      if (path.length < 8) visit(next, [...path, next], [...via, why]);
    }
  };
  for (const node of graph.keys()) visit(node, [node], []);
  return [...found.values()];
}

describe("the house", () => {
  it("has no import cycle between the folders of lib/", () => {
    expect(cycles(folderGraph())).toEqual([]);
  });

  it("keeps view models importable by client components: nothing server-only, directly or through another module", () => {
    const offending: string[] = [];
    for (const start of libFiles.filter((f) => f.startsWith("lib/view-models/"))) {
      const seen = new Set<string>();
      const stack = [{ file: start, chain: [start] }];
      while (stack.length > 0) {
        const { file, chain } = stack.pop()!;
        for (const { target, typeOnly } of importsOf(file)) {
          if (seen.has(target) || !existsSync(join(ROOT, target))) continue;
          seen.add(target);
          // A type import is erased, but naming a server module from a client-safe one is still a wrong arrow.
          if (isServerOnly(target)) offending.push([...chain, target].join(" → "));
          else if (!typeOnly) stack.push({ file: target, chain: [...chain, target] });
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it("keeps lib/ free of the stand-in outside tests", () => {
    const offending = libFiles.flatMap((file) =>
      importsOf(file)
        .filter(({ target }) => target.startsWith("sim/"))
        .map(({ target }) => `${file} → ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it("has no room of app/, components/ or lib/ past 250 lines (tests excepted)", () => {
    const big = ["app", "components", "lib"]
      .flatMap(walk)
      .filter((f) => SOURCE.test(f) && !isTest(f))
      .map((f) => ({ file: f, lines: read(f).split("\n").length - 1 }))
      .filter(({ lines }) => lines > 250)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(big).toEqual([]);
  });

  it("explains itself from its own files: nothing tracked refers to a folder beside the repository", () => {
    const outside = /\.\.\/shared\b|shared\/(docs|fixtures)\//;
    const self = relative(ROOT, import.meta.filename)
      .split(sep)
      .join("/");
    const tracked = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" }).split("\n");
    const offending = tracked
      .filter((f) => f !== "" && f !== self && !/\.(png|ico|woff2?)$|package-lock/.test(f))
      .filter((f) => existsSync(join(ROOT, f)) && outside.test(read(f)));
    expect(offending).toEqual([]);
  });
});
