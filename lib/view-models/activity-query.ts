import { z } from "zod";
import { guidSchema } from "@/lib/cf/ids";
import type { KindFilter } from "@/lib/db/types";

/**
 * The activity page's filters as its URL carries them: parsed with zod (a
 * bad value is dropped and named, never a crash), and written back as a
 * query string for links (the next page, the CSV, a filter kept). Pure, so
 * the filter form can use the same list of kinds.
 */

export const ACTIVITY_KINDS = [
  "change",
  "failure",
  "drift",
  "policy",
  "request",
] as const satisfies readonly KindFilter[];

export const daySchema = z
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
  from: daySchema.optional(),
  to: daySchema.optional(),
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

/**
 * A "To" before "From" selects nothing: said in words rather than shown as an
 * empty history. Dates are ISO days, so they compare as text.
 */
export function reversedRange(query: Pick<ActivityQuery, "from" | "to">): string | null {
  const { from, to } = query;
  if (!from || !to || to >= from) return null;
  return `“To” (${to}) is before “From” (${from}), so no entry can match. Choose a “To” on or after the “From”.`;
}
