import { z } from "zod";
import { daySchema } from "./activity-query";

/**
 * The period of a compliance report (docs/design.md §12), from the URL: `from` and `to` are days
 * (UTC, both included); without them the last 30 days, today included. Validated with zod; a bad
 * period is refused with a sentence that says why, never guessed at.
 */

export const DEFAULT_REPORT_DAYS = 30;
/** A year and a day: enough for an annual audit, bounded so one report stays one download. */
export const MAX_REPORT_DAYS = 366;
const DAY_MS = 86_400_000;

export type ReportPeriod = {
  from: string;
  to: string;
  /** The first and the last millisecond of the period. */
  fromMs: number;
  toMs: number;
};

const schema = z.object({ from: daySchema.optional(), to: daySchema.optional() }).strict();

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function defaultReportPeriod(now: number): { from: string; to: string } {
  const today = Date.parse(`${dayOf(now)}T00:00:00.000Z`);
  return { from: dayOf(today - (DEFAULT_REPORT_DAYS - 1) * DAY_MS), to: dayOf(today) };
}

export function parseReportPeriod(
  search: URLSearchParams,
  now: number,
): { ok: true; period: ReportPeriod } | { ok: false; message: string } {
  const raw = Object.fromEntries([...search.entries()].filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path[0];
    return {
      ok: false,
      message: `${name === undefined ? "The period" : String(name)}: ${issue?.message ?? "is not valid"}`,
    };
  }
  const fallback = defaultReportPeriod(now);
  const to = parsed.data.to ?? fallback.to;
  // Only `to` given: the 30 days up to it.
  const from =
    parsed.data.from ?? dayOf(Date.parse(`${to}T00:00:00.000Z`) - (DEFAULT_REPORT_DAYS - 1) * DAY_MS);
  const fromMs = Date.parse(`${from}T00:00:00.000Z`);
  const toMs = Date.parse(`${to}T23:59:59.999Z`);
  if (fromMs > toMs)
    return { ok: false, message: `from (${from}) is after to (${to}): the period is empty.` };
  const days = Math.round((toMs + 1 - fromMs) / DAY_MS);
  if (days > MAX_REPORT_DAYS) {
    return { ok: false, message: `The period is ${days} days; a report covers at most ${MAX_REPORT_DAYS}.` };
  }
  return { ok: true, period: { from, to, fromMs, toMs } };
}
