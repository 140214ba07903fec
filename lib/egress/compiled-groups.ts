import type { CfRule } from "./rules";

/**
 * What the engine computed from a group's rules, remembered across requests
 * by the rules themselves. Every page reads the same groups from CF again, as
 * new objects, and on a foundation of thousands of groups compiling them again
 * was most of the engine's time. The key is the text of every field a rule's
 * meaning depends on (protocol, destination, ports, type, code; not the
 * description or `log`), so a group whose rules changed is compiled afresh
 * and two groups with the same rules share one result. It holds nothing about
 * who asked or which group it was, only what a list of rules means.
 *
 * Bounded: the least recently used results go first once the keys pass
 * `maxChars` characters or `maxEntries` entries, so memory stays flat
 * whatever the foundation.
 */

/** The fields of a rule its meaning depends on, in a fixed order. */
const MEANING: (keyof CfRule)[] = ["protocol", "destination", "ports", "type", "code"];

/**
 * The rules as text: absent fields are left out and present ones keep their
 * JSON type, so `"ports": null`, a missing `ports` and a number where a string
 * belongs all differ, as they do to the rule reader.
 */
export function rulesKey(rules: readonly CfRule[]): string {
  return JSON.stringify(rules, MEANING);
}

export class CompiledGroups<T> {
  private readonly entries = new Map<string, T>();
  private chars = 0;

  constructor(
    private readonly maxChars = 8_000_000,
    private readonly maxEntries = 50_000,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The result for these rules, computed by `compile` unless known. */
  get(rules: readonly CfRule[], compile: () => T): T {
    const key = rulesKey(rules);
    const known = this.entries.get(key);
    if (known !== undefined) {
      // Most recently used last, so that eviction takes the oldest first.
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const value = compile();
    if (key.length > this.maxChars) return value;
    this.entries.set(key, value);
    this.chars += key.length;
    for (const [oldest] of this.entries) {
      if (this.chars <= this.maxChars && this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
    return value;
  }
}
