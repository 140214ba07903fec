/**
 * Compares the *shape* of two JSON values: the same keys, nesting, value kinds
 * and null-versus-absent choices. Values themselves may differ. Used by the
 * conformance tests, which hold the stand-in's responses against the official
 * example payloads in ../shared/fixtures.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type ShapeOptions = {
  /**
   * Paths (dot-separated, `[]` for array elements, e.g. `resources[].metadata.labels`)
   * whose keys are free-form (labels, annotations, custom links): only their kind is compared.
   */
  openObjects?: string[];
  /** Keys that may be present in one and absent in the other (documented optional fields). */
  optionalKeys?: string[];
};

function kind(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Returns the list of differences; empty when the shapes match. */
export function shapeDifferences(actual: unknown, expected: unknown, options: ShapeOptions = {}): string[] {
  const problems: string[] = [];
  const open = new Set(options.openObjects ?? []);
  const optional = new Set(options.optionalKeys ?? []);

  function walk(a: Json, e: Json, path: string): void {
    const ka = kind(a);
    const ke = kind(e);
    if (ka !== ke) {
      problems.push(`${path || "(root)"}: expected ${ke}, got ${ka}`);
      return;
    }
    if (ka === "array") {
      const aa = a as Json[];
      const ea = e as Json[];
      // Arrays are compared element shape to element shape where both have elements;
      // elements of the fixture may differ among themselves (e.g. rules with and without ports).
      if (aa.length === 0 || ea.length === 0) return;
      for (const item of aa) {
        const candidates = ea.map((expectedItem) => shapeDifferences(item, expectedItem, options));
        if (!candidates.some((c) => c.length === 0)) {
          problems.push(
            ...(candidates[0] ?? []).map((p) => `${path}[]${p.startsWith("(root)") ? p.slice(6) : `.${p}`}`),
          );
          return;
        }
      }
      return;
    }
    if (ka !== "object") return;
    if (open.has(path)) return;
    const ao = a as Record<string, Json>;
    const eo = e as Record<string, Json>;
    for (const key of Object.keys(eo)) {
      const child = path ? `${path}.${key}` : key;
      if (!(key in ao)) {
        if (!optional.has(key)) problems.push(`${child}: missing`);
        continue;
      }
      walk(ao[key] as Json, eo[key] as Json, child);
    }
    for (const key of Object.keys(ao)) {
      if (!(key in eo) && !optional.has(key))
        problems.push(`${path ? `${path}.${key}` : key}: unexpected key`);
    }
  }

  walk(actual as Json, expected as Json, "");
  return problems;
}
