import type { CfRule } from "./rules";

/**
 * What the engine made of a group, found again by the group's guid when a
 * later request reads the same group as a new object. Every page reads its
 * groups from CF afresh; finding each one's compiled form by the text of its
 * rules (./compiled-groups.ts) meant serialising and hashing all of them on
 * every page: at 10,000 groups, the ~900 groups of a 1,000-space org cost the
 * org page 13–50 ms (more on a busy machine), a quarter of its evaluation.
 * Comparing a group's rules field by field with the ones it was compiled
 * from costs well under a millisecond for all of them, allocates nothing,
 * and is exact: the entry is used only when the group still has that name
 * and its rules, in order, have the same protocol, destination, ports, type
 * and code (the fields their meaning depends on, as ./compiled-groups.ts
 * keys them). Anything else (another name, an edited rule, a value that is
 * not a plain string or number) is a miss, and the caller compiles through
 * the cache by rules, which shares one result between groups of the same rules.
 *
 * It keeps, per guid, the rules' meaningful fields in one flat array, not the
 * rule objects, so a description is not held; bounded, it forgets everything
 * once it holds `maxEntries` guids, so memory stays flat whatever the foundation.
 */

const FIELDS_PER_RULE = 5;

/** The rules' meaningful fields, flat; null when a rule is not an object (such rules are never remembered). */
function meaningOf(rules: readonly CfRule[]): unknown[] | null {
  const flat = new Array<unknown>(rules.length * FIELDS_PER_RULE);
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (rule === null || typeof rule !== "object") return null;
    const at = i * FIELDS_PER_RULE;
    flat[at] = rule.protocol;
    flat[at + 1] = rule.destination;
    flat[at + 2] = rule.ports;
    flat[at + 3] = rule.type;
    flat[at + 4] = rule.code;
  }
  return flat;
}

/** Whether each field is a string, a number, absent or null: values that `===` compares by content. */
function plain(value: unknown): boolean {
  return value === undefined || value === null || typeof value === "string" || typeof value === "number";
}

function sameMeaning(flat: readonly unknown[], rules: readonly CfRule[]): boolean {
  if (flat.length !== rules.length * FIELDS_PER_RULE) return false;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (rule === null || typeof rule !== "object") return false;
    const at = i * FIELDS_PER_RULE;
    if (
      flat[at] !== rule.protocol ||
      flat[at + 1] !== rule.destination ||
      flat[at + 2] !== rule.ports ||
      flat[at + 3] !== rule.type ||
      flat[at + 4] !== rule.code
    )
      return false;
  }
  return true;
}

type Entry<T> = { name: string; meaning: readonly unknown[]; value: T };

export class KnownGroups<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly maxEntries = 25_000) {}

  get size(): number {
    return this.entries.size;
  }

  /** What was remembered for this guid, if the group still has this name and rules of the same meaning. */
  get(guid: string, name: string, rules: readonly CfRule[]): T | undefined {
    const entry = this.entries.get(guid);
    if (entry === undefined || entry.name !== name || !sameMeaning(entry.meaning, rules)) return undefined;
    return entry.value;
  }

  remember(guid: string, name: string, rules: readonly CfRule[], value: T): void {
    const meaning = meaningOf(rules);
    // An object where a string or number belongs compares by identity, never equal to a later read's: skip it.
    if (meaning === null || !meaning.every(plain)) return;
    if (this.entries.size >= this.maxEntries && !this.entries.has(guid)) this.entries.clear();
    this.entries.set(guid, { name, meaning, value });
  }
}
