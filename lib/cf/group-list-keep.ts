import { z } from "zod";
import { paginationSchema, securityGroupSchema } from "./schemas";

/**
 * What a page about some spaces (an org's) keeps of the whole group list
 * (listSecurityGroupsFor in ./security-groups.ts): which groups' text is
 * parsed at all, which parsed groups are checked, and which of their bindings.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/**
 * Whether a group, as CF sent it and before it is checked, matters to a page
 * about these spaces: platform-wide, named (a profile's), or bound to one of
 * them. Anything not shaped like a group is kept, for the schema to refuse.
 */
function mattersTo(spaces: ReadonlySet<string>, names: ReadonlySet<string>) {
  return (raw: unknown): boolean => {
    if (!isRecord(raw) || !isRecord(raw.globally_enabled) || !isRecord(raw.relationships)) return true;
    if (raw.globally_enabled.running !== false || raw.globally_enabled.staging !== false) return true;
    if (typeof raw.name !== "string" || names.has(raw.name)) return true;
    for (const lifecycle of ["running_spaces", "staging_spaces"]) {
      const relationship = raw.relationships[lifecycle];
      if (!isRecord(relationship) || !Array.isArray(relationship.data)) return true;
      for (const ref of relationship.data as unknown[])
        if (!isRecord(ref) || typeof ref.guid !== "string" || spaces.has(ref.guid)) return true;
    }
    return false;
  };
}

const SHAPE = ['"globally_enabled"', '"running_spaces"', '"staging_spaces"'];
const GUID_KEY = '"guid"';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The index after any JSON whitespace from `i`. */
function skipSpace(text: string, i: number): number {
  let at = i;
  for (let c = text.charCodeAt(at); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++at));
  return at;
}

/**
 * Whether a group's text may matter (`mattersTo`, before it is parsed): it is
 * enabled platform-wide somewhere, names one of `names`, or holds a guid among
 * `spaces`. A text with an escape, or without the fields that say so, is kept,
 * and the parsed group is checked by `mattersTo` (and its schema) either way.
 * Every `"guid": "…"` is looked up with indexOf rather than a global regex: a
 * page holds tens of thousands of them, and a match array for each was
 * garbage to collect on every load.
 */
export function mayMatter(spaces: ReadonlySet<string>, names: ReadonlySet<string>) {
  // What keeps a text outright, found in one pass rather than one search each (an admin's page scans
  // 11 MB of them): an escape, a platform-wide flag set, or one of the names, quoted as JSON writes it.
  const outright = new RegExp(
    [
      String.raw`\\`,
      String.raw`"(?:running|staging)"\s*:\s*true`,
      ...[...names].map((name) => escapeRegExp(JSON.stringify(name))),
    ].join("|"),
  );
  return (text: string): boolean => {
    if (outright.test(text) || !SHAPE.every((field) => text.includes(field))) return true;
    for (let at = text.indexOf(GUID_KEY); at >= 0; at = text.indexOf(GUID_KEY, at + GUID_KEY.length)) {
      const colon = skipSpace(text, at + GUID_KEY.length);
      if (text.charCodeAt(colon) !== 58) continue; // not a key: `:` does not follow
      const open = skipSpace(text, colon + 1);
      if (text.charCodeAt(open) !== 34) continue; // not a string value
      const close = text.indexOf('"', open + 1);
      if (close >= 0 && spaces.has(text.slice(open + 1, close))) return true;
    }
    return false;
  };
}

/**
 * A kept group with only its bindings to `spaces`: a page about some spaces
 * asks nothing of the others, and an admin sees every binding of a group
 * shared across the foundation. At 10,000 groups the ~900 groups an org of
 * 1,000 spaces keeps held 35,000 bindings, 4,000 of them to its spaces, and
 * the schema checked and copied each one on every load. A binding not shaped
 * like one stays, for the schema to refuse.
 */
function onlyBindingsTo(spaces: ReadonlySet<string>) {
  const wanted = (ref: unknown) => !isRecord(ref) || typeof ref.guid !== "string" || spaces.has(ref.guid);
  return (raw: unknown): unknown => {
    if (!isRecord(raw) || !isRecord(raw.relationships)) return raw;
    const relationships: Record<string, unknown> = { ...raw.relationships };
    for (const lifecycle of ["running_spaces", "staging_spaces"]) {
      const relationship = relationships[lifecycle];
      if (isRecord(relationship) && Array.isArray(relationship.data))
        relationships[lifecycle] = { ...relationship, data: (relationship.data as unknown[]).filter(wanted) };
    }
    return { ...raw, relationships };
  };
}

/** A page of the group list of which only the groups that matter are checked and kept, with their bindings to `spaces`. */
export const pageKeeping = (spaces: ReadonlySet<string>, names: ReadonlySet<string>) => {
  const keep = mattersTo(spaces, names);
  const trim = onlyBindingsTo(spaces);
  return z.object({
    pagination: paginationSchema,
    resources: z
      .array(z.unknown())
      .transform((resources) => resources.filter(keep).map(trim))
      .pipe(z.array(securityGroupSchema)),
  });
};
