/**
 * Compares the *shape* of two JSON values: the same keys, nesting, value kinds
 * and null-versus-absent choices. Values themselves may differ. Used by the
 * conformance tests, which hold the stand-in's responses against the official
 * example payloads in sim/fixtures.
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
  const open = new Set(options.openObjects ?? []);
  const optional = new Set(options.optionalKeys ?? []);

  function walk(a: Json, e: Json, path: string): string[] {
    const ka = kind(a);
    const ke = kind(e);
    if (ka !== ke) return [`${path || "(root)"}: expected ${ke}, got ${ka}`];
    if (ka === "array") {
      const aa = a as Json[];
      const ea = e as Json[];
      // Elements are compared where both sides have some; the fixture's elements may differ
      // among themselves (e.g. rules with and without ports), so each element of ours must
      // match the shape of at least one of the fixture's.
      if (aa.length === 0 || ea.length === 0) return [];
      for (const item of aa) {
        const candidates = ea.map((expectedItem) => walk(item, expectedItem, `${path}[]`));
        if (!candidates.some((c) => c.length === 0)) return candidates[0] ?? [];
      }
      return [];
    }
    if (ka !== "object" || open.has(path)) return [];
    const ao = a as Record<string, Json>;
    const eo = e as Record<string, Json>;
    const problems: string[] = [];
    const child = (key: string) => (path ? `${path}.${key}` : key);
    for (const key of Object.keys(eo)) {
      if (!(key in ao)) {
        if (!optional.has(key)) problems.push(`${child(key)}: missing`);
        continue;
      }
      problems.push(...walk(ao[key] as Json, eo[key] as Json, child(key)));
    }
    for (const key of Object.keys(ao)) {
      if (!(key in eo) && !optional.has(key)) problems.push(`${child(key)}: unexpected key`);
    }
    return problems;
  }

  return walk(actual as Json, expected as Json, "");
}
