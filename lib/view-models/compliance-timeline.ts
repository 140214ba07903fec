import type { Standing, WatchEvent } from "@/lib/db/types";

/**
 * A space's compliance with its org's policy over a period, from the watcher's events (each a turn:
 * violation-began, violation-ended) and its standing now. Pure.
 *
 * The verdict at a moment is the one the last event before it turned to; with no event before it,
 * the opposite of the first event after it (that event turned from it); with no event at all, the
 * standing now (the watcher saw no turn); with no standing either (never judged, or the org has no
 * policy), unknown.
 */

export type Compliance = "complies" | "violates" | "unknown";

export type Violation = {
  began: number | null;
  ended: number | null;
  rule: string | null;
  reasons: string[];
  /** The event that began it, when it began within the period or before it. */
  beganBy: WatchEvent | null;
};

export type SpaceCompliance = {
  atStart: Compliance;
  atEnd: Compliance;
  /** Time spent violating within the period (up to now, for a period that runs on); null when unknown. */
  violatingMs: number | null;
  violations: Violation[];
};

const turnedTo = (event: WatchEvent): Compliance =>
  event.kind === "violation-began" ? "violates" : "complies";

/** `events`: the space's events before and within the period and after it, in time order. */
export function complianceOver(
  events: readonly WatchEvent[],
  standing: Standing | undefined,
  period: { fromMs: number; toMs: number },
  now: number,
): SpaceCompliance {
  const end = Math.min(period.toMs, now);
  const verdictAt = (t: number): Compliance => {
    const before = events.filter((e) => e.occurredAt <= t).at(-1);
    if (before) return turnedTo(before);
    const after = events.find((e) => e.occurredAt > t);
    if (after) return after.kind === "violation-began" ? "complies" : "violates";
    return standing && standing.verdict !== "unjudged" ? standing.verdict : "unknown";
  };
  const atStart = verdictAt(period.fromMs - 1);
  const violations: Violation[] = [];
  let open: Violation | null = null;
  if (atStart === "violates") {
    const began = events.filter((e) => e.occurredAt < period.fromMs).at(-1) ?? null;
    open = {
      began: began?.occurredAt ?? null,
      ended: null,
      rule: began?.rule ?? standing?.rule ?? null,
      reasons: began?.reasons ?? standing?.reasons ?? [],
      beganBy: began,
    };
  }
  for (const event of events) {
    if (event.occurredAt < period.fromMs || event.occurredAt > period.toMs) continue;
    if (event.kind === "violation-began" && !open) {
      open = {
        began: event.occurredAt,
        ended: null,
        rule: event.rule,
        reasons: event.reasons,
        beganBy: event,
      };
    } else if (event.kind === "violation-ended" && open) {
      violations.push({ ...open, ended: event.occurredAt });
      open = null;
    }
  }
  if (open) violations.push(open);
  const atEnd = verdictAt(end);
  const violatingMs =
    atStart === "unknown" && violations.length === 0
      ? null
      : violations.reduce((sum, v) => {
          const from = Math.max(v.began ?? period.fromMs, period.fromMs);
          const to = Math.min(v.ended ?? end, end);
          return sum + Math.max(0, to - from);
        }, 0);
  return { atStart, atEnd, violatingMs, violations };
}
