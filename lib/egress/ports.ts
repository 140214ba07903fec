import type { Parsed } from "./address";
import { memoizeText } from "./memo";
import { normalize, type Interval } from "./sets";

const INVALID_PORTS =
  "ports must be a valid single port, comma separated list of ports, or range of ports, formatted as a string";

const PORT_RANGE = /^\s*(\d+)\s*-\s*(\d+)\s*$/;
const ONE_PORT = /^\s*\d+\s*$/;

function inRange(port: number): boolean {
  return port >= 1 && port <= 65535;
}

/**
 * A tcp/udp rule's `ports`, as CF's TransportRuleValidator reads it: `443`,
 * `80,443` (no ranges inside a list), or `8000-9000` with low < high, each
 * 1–65535, spaces around numbers tolerated. CF splits the list with Ruby's
 * `String#split`, which drops trailing empty fields, so it stores `"80,"` as
 * valid; the engine reads it the same way.
 */
function readPorts(ports: string): Parsed<readonly Interval<number>[]> {
  if (/[^\d\s,-]/.test(ports)) return { ok: false, reason: INVALID_PORTS };
  const range = PORT_RANGE.exec(ports);
  if (range !== null) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    if (lo >= hi || !inRange(lo) || !inRange(hi)) return { ok: false, reason: INVALID_PORTS };
    return { ok: true, value: Object.freeze([Object.freeze({ lo, hi: hi + 1 })]) };
  }
  const list = ports.split(",");
  while (list.length > 0 && list[list.length - 1] === "") list.pop();
  if (list.length === 0) return { ok: false, reason: INVALID_PORTS };
  const intervals: Interval<number>[] = [];
  for (const item of list) {
    const port = Number(item);
    if (!ONE_PORT.test(item) || !inRange(port)) return { ok: false, reason: INVALID_PORTS };
    intervals.push({ lo: port, hi: port + 1 });
  }
  return { ok: true, value: Object.freeze(normalize(intervals).map((i) => Object.freeze(i))) };
}

/** Frozen results, shared between equal texts. */
export const parsePorts: (ports: string) => Parsed<readonly Interval<number>[]> = memoizeText(
  5_000,
  readPorts,
);
