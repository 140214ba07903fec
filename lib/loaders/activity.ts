import "server-only";
import { z } from "zod";
import { guidSchema } from "@/lib/cf/ids";
import { getCfClient } from "@/lib/cf/session-client";
import { listSpaces } from "@/lib/cf/spaces";
import { MAX_PAGE_SIZE, type HistoryEntry, type KindFilter } from "@/lib/db";
import { historyPage } from "./history";
import { findOrganization } from "./lookups";

/**
 * The org's activity page and its CSV: the history entries of the spaces the
 * user can read now (CF's own list decides, as for the matrix), filtered by
 * space, kind and time range, newest first, a page at a time by cursor.
 */

export const ACTIVITY_KINDS = [
  "change",
  "failure",
  "drift",
  "policy",
  "request",
] as const satisfies readonly KindFilter[];

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 2026-11-30")
  // A round trip through Date refuses days a month does not have (2026-02-31).
  .refine((value) => {
    const ms = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value);
  }, "is not a real date");
const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value];

const querySchema = z.object({
  space: guidSchema.optional(),
  kind: z.preprocess(asList, z.array(z.enum(ACTIVITY_KINDS)).max(ACTIVITY_KINDS.length)),
  from: day.optional(),
  to: day.optional(),
  cursor: z.string().max(200).optional(),
});

export type ActivityQuery = z.infer<typeof querySchema>;

/** The page's query from its URL; a bad value is dropped and named, never a crash. */
export function parseActivityQuery(params: Record<string, string | string[] | undefined>): {
  query: ActivityQuery;
  problems: string[];
} {
  const cleaned = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== "" && v !== undefined));
  const parsed = querySchema.safeParse(cleaned);
  if (parsed.success) return { query: parsed.data, problems: [] };
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const kept = Object.fromEntries(Object.entries(cleaned).filter(([key]) => !bad.has(key)));
  return {
    query: querySchema.parse(kept),
    problems: parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`),
  };
}

/** The query as URL parameters (for links: the next page, the CSV, a filter kept). */
export function activitySearch(query: ActivityQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (query.space) params.set("space", query.space);
  for (const kind of query.kind) params.append("kind", kind);
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export type Activity = {
  org: { guid: string; name: string };
  spaces: { guid: string; name: string }[];
  entries: HistoryEntry[];
  nextCursor: string | null;
  /** The history could not be read, or the cursor was refused. */
  unavailable: string | null;
  loadedAt: number;
};

const startOfDay = (value: string) => Date.parse(`${value}T00:00:00.000Z`);
const endOfDay = (value: string) => Date.parse(`${value}T23:59:59.999Z`);

export async function loadActivity(
  orgGuid: string,
  query: ActivityQuery,
  limit: number,
): Promise<Activity | null> {
  const { client } = await getCfClient();
  const loadedAt = Date.now();
  const [org, spaces] = await Promise.all([
    findOrganization(orgGuid),
    listSpaces(client, { orgGuids: [orgGuid] }),
  ]);
  if (!org) return null;
  const readable = spaces.filter((s) => s.relationships.organization.data.guid === orgGuid);
  const page = await historyPage({
    orgGuid,
    spaceGuids: readable.map((s) => s.guid),
    space: query.space,
    kinds: query.kind,
    from: query.from ? startOfDay(query.from) : undefined,
    to: query.to ? endOfDay(query.to) : undefined,
    cursor: query.cursor,
    limit,
  });
  return {
    org: { guid: org.guid, name: org.name },
    spaces: readable.map((s) => ({ guid: s.guid, name: s.name })),
    entries: page?.ok ? page.entries : [],
    nextCursor: page?.ok ? page.nextCursor : null,
    unavailable:
      page === null ? "The change history could not be read just now." : page.ok ? null : page.message,
    loadedAt,
  };
}

/** Every entry the query selects, for the CSV: page after page, up to `cap` entries. */
export async function loadAllActivity(
  orgGuid: string,
  query: ActivityQuery,
  cap = 10_000,
): Promise<Activity | null> {
  const first = await loadActivity(orgGuid, { ...query, cursor: undefined }, MAX_PAGE_SIZE);
  if (!first || first.unavailable) return first;
  const spaceGuids = first.spaces.map((s) => s.guid);
  let cursor = first.nextCursor;
  while (cursor && first.entries.length < cap) {
    const page = await historyPage({
      orgGuid,
      spaceGuids,
      space: query.space,
      kinds: query.kind,
      from: query.from ? startOfDay(query.from) : undefined,
      to: query.to ? endOfDay(query.to) : undefined,
      cursor,
      limit: MAX_PAGE_SIZE,
    });
    if (!page?.ok) return { ...first, unavailable: "The change history could not be read just now." };
    first.entries.push(...page.entries);
    cursor = page.nextCursor;
  }
  first.nextCursor = cursor;
  return first;
}
