/**
 * Exact arithmetic on sets of (address × service) points.
 *
 * Intervals are half-open, `[lo, hi)`, so the same code serves IPv4 (numbers)
 * and IPv6 (bigints): it only ever compares coordinates, never adds to them.
 */

export type Coord = number | bigint;

/** `[lo, hi)`; empty when `lo >= hi`. */
export type Interval<T extends Coord> = { readonly lo: T; readonly hi: T };

/** A block of addresses on one axis and of services (ports, or ICMP type/code) on the other. */
export type Rect<T extends Coord> = { readonly addr: Interval<T>; readonly service: Interval<number> };

function compare<T extends Coord>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function max<T extends Coord>(a: T, b: T): T {
  return a > b ? a : b;
}

function min<T extends Coord>(a: T, b: T): T {
  return a < b ? a : b;
}

/** Sorted, disjoint, with touching intervals joined; empty intervals dropped. */
export function normalize<T extends Coord>(intervals: readonly Interval<T>[]): Interval<T>[] {
  if (intervals.length === 1 && intervals[0] !== undefined && intervals[0].lo < intervals[0].hi)
    return [intervals[0]];
  const sorted = intervals.filter((i) => i.lo < i.hi).sort((a, b) => compare(a.lo, b.lo));
  const out: Interval<T>[] = [];
  for (const next of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && next.lo <= last.hi) {
      out[out.length - 1] = { lo: last.lo, hi: max(last.hi, next.hi) };
    } else {
      out.push(next);
    }
  }
  return out;
}

export function intersect<T extends Coord>(a: Interval<T>, b: Interval<T>): Interval<T> | undefined {
  const lo = max(a.lo, b.lo);
  const hi = min(a.hi, b.hi);
  return lo < hi ? { lo, hi } : undefined;
}

export function contains<T extends Coord>(interval: Interval<T>, point: T): boolean {
  return interval.lo <= point && point < interval.hi;
}

/** Whether the sorted-by-`lo` intervals leave no gap in `target`. */
function spans<T extends Coord>(target: Interval<T>, sorted: readonly Interval<T>[]): boolean {
  let reach = target.lo;
  for (const i of sorted) {
    if (i.lo > reach) return false;
    reach = max(reach, i.hi);
    if (reach >= target.hi) return true;
  }
  return reach >= target.hi;
}

function byLo<T extends Coord>(a: Interval<T>, b: Interval<T>): number {
  return compare(a.lo, b.lo);
}

/**
 * Whether the union of `parts` covers every point of `target`. Every part
 * must already lie inside `target` (clip with `intersectRect` first).
 *
 * Cheap tests settle the common cases (one part covers everything; a gap in
 * either projection); otherwise a sweep over the address axis checks every
 * elementary slab between part edges, so a union of pieces from several groups
 * is judged exactly.
 */
export function covers<T extends Coord>(target: Rect<T>, parts: readonly Rect<T>[]): boolean {
  if (parts.length === 0) return false;
  for (const p of parts) {
    if (
      p.addr.lo <= target.addr.lo &&
      p.addr.hi >= target.addr.hi &&
      p.service.lo <= target.service.lo &&
      p.service.hi >= target.service.hi
    ) {
      return true;
    }
  }
  if (!spans(target.addr, parts.map((p) => p.addr).sort(byLo))) return false;
  if (!spans(target.service, parts.map((p) => p.service).sort(byLo))) return false;

  const cuts = [target.addr.lo];
  for (const p of parts) cuts.push(p.addr.lo, p.addr.hi);
  cuts.sort(compare);
  const byService = [...parts].sort((a, b) => a.service.lo - b.service.lo);
  for (let i = 0; i < cuts.length; i++) {
    const start = cuts[i];
    if (start === undefined || start >= target.addr.hi) break;
    const next = cuts[i + 1];
    if (next !== undefined && next <= start) continue;
    // Every part either spans this whole slab or misses it, since no part edge lies inside it.
    const slab = byService.filter((p) => p.addr.lo <= start && p.addr.hi > start).map((p) => p.service);
    if (!spans(target.service, slab)) return false;
  }
  return true;
}
