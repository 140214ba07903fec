/**
 * `npm run bench:engine`: the egress engine's budget from docs/design.md §8 —
 * evaluating an org matrix of 1,000 spaces × 50 groups × 20 rules against the
 * default catalog in under 50 ms. Groups are deterministic pseudo-random
 * rules of every form, drawn per space from a shared pool, as on a real
 * platform where a few groups are bound to many spaces.
 *
 * Each space is evaluated for running and staging (50 groups each), as the
 * org page does. Each figure is the median of several runs after warm-up, and
 * includes compiling every distinct group once where the run needs it (see
 * `Mode`); the first run of the process (cold JIT) is shown separately.
 * Exits non-zero when a median is over budget.
 */
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { defaultCatalog, evaluate, type CfRule, type SecurityGroup } from "@/lib/egress";

const SPACES = 1000;
const GROUPS_PER_SPACE = 50;
const RULES_PER_GROUP = 20;
const POOL_SIZE = 100;
const WARM_UP = 5;
const RUNS = 21;
const BUDGET_MS = 50;

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20240605);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

const ip4 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");

/** Bases near the catalog's subnets, so rules hit, miss and partly cover its endpoints. */
const BASES = [
  "10.10.0.0",
  "10.10.4.0",
  "10.10.5.0",
  "10.10.8.0",
  "52.216.0.0",
  "93.184.216.0",
  "10.0.0.0",
].map((s) => s.split(".").reduce((acc, o) => acc * 256 + Number(o), 0));

function address(): number {
  return random() < 0.15 ? pick(BASES) + int(0, 2047) : int(0, 2 ** 32 - 1);
}

function v4Entry(): string {
  const form = random();
  if (form < 0.2) return ip4(address());
  if (form < 0.75) return `${ip4(address())}/${random() < 0.05 ? int(8, 15) : int(20, 32)}`;
  const start = address();
  return `${ip4(start)}-${ip4(Math.min(2 ** 32 - 1, start + int(0, 600)))}`;
}

function v6Entry(): string {
  const form = random();
  const base = `2001:db8:${int(0, 0xffff).toString(16)}::`;
  if (form < 0.3) return `${base}${int(1, 0xffff).toString(16)}`;
  if (form < 0.8) return `${base}/${int(32, 128)}`;
  return `${base}1-${base}${int(2, 0xffff).toString(16)}`;
}

function destination(v6: boolean): string {
  const entry = v6 ? v6Entry : v4Entry;
  return Array.from({ length: random() < 0.2 ? int(2, 4) : 1 }, entry).join(",");
}

const COMMON_PORTS = [443, 80, 5432, 3306, 1433, 1521, 6379, 9200, 53, 8080];

function ports(): string {
  const form = random();
  if (form < 0.4) return `${pick(COMMON_PORTS)}`;
  if (form < 0.7) return [...new Set(Array.from({ length: int(2, 5) }, () => pick(COMMON_PORTS)))].join(",");
  if (form < 0.9) {
    const lo = int(1, 9000);
    return `${lo}-${lo + int(1, 2000)}`;
  }
  return "1-65535";
}

function rule(): CfRule {
  const kind = random();
  const v6 = random() < 0.1;
  if (kind < 0.55) return { protocol: "tcp", destination: destination(v6), ports: ports() };
  if (kind < 0.75) return { protocol: "udp", destination: destination(v6), ports: ports() };
  if (kind < 0.85) return { protocol: "all", destination: destination(v6) };
  if (kind < 0.95)
    return { protocol: "icmp", destination: destination(false), type: pick([-1, 0, 8]), code: -1 };
  return { protocol: "icmpv6", destination: destination(true), type: -1, code: -1 };
}

function makePool(): SecurityGroup[] {
  return Array.from({ length: POOL_SIZE }, (_, i) => ({
    name: `group-${i}`,
    guid: `00000000-0000-4000-8000-${i.toString().padStart(12, "0")}`,
    rules: Array.from({ length: RULES_PER_GROUP }, rule),
  }));
}

const pool = makePool();

/** Each space's groups as indexes into the pool. */
function draw(): number[] {
  const chosen = new Set<number>();
  while (chosen.size < GROUPS_PER_SPACE) chosen.add(int(0, POOL_SIZE - 1));
  return [...chosen];
}

const layout = Array.from({ length: SPACES }, () => ({ running: draw(), staging: draw() }));

/**
 * How the groups of a run relate to earlier runs:
 * - `same`: the very objects of the previous run (the engine's per-object caches hit);
 * - `copied`: equal copies, as the next request's CF responses would be (per-object
 *   caches miss; every group is compiled again, rule texts have been read before);
 * - `new`: groups never seen, with new rule texts (everything is parsed and compiled).
 */
type Mode = "same" | "copied" | "new";

function spacesOf(mode: Mode) {
  const groups = mode === "same" ? pool : mode === "copied" ? structuredClone(pool) : makePool();
  const at = (i: number): SecurityGroup => {
    const group = groups[i];
    if (group === undefined) throw new Error(`no group ${i}`);
    return group;
  };
  return layout.map((s) => ({ running: s.running.map(at), staging: s.staging.map(at) }));
}

// Collect garbage before each timed run, so that a run does not pay for the previous run's (or the copy's) garbage.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

function runOnce(mode: Mode): { ms: number; tally: Record<string, number> } {
  const spaces = spacesOf(mode);
  collect();
  const tally: Record<string, number> = { allowed: 0, partial: 0, blocked: 0 };
  const start = performance.now();
  for (const space of spaces) {
    const result = evaluate(space, defaultCatalog);
    for (const d of result.running) tally[d.status] = (tally[d.status] ?? 0) + 1;
  }
  return { ms: performance.now() - start, tally };
}

function measure(mode: Mode): { median: number; min: number; max: number } {
  for (let i = 0; i < WARM_UP; i++) runOnce(mode);
  const times = Array.from({ length: RUNS }, () => runOnce(mode).ms).sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)] ?? Number.NaN,
    min: times[0] ?? Number.NaN,
    max: times.at(-1) ?? Number.NaN,
  };
}

const first = runOnce("same");
const same = measure("same");
const copied = measure("copied");
const fresh = measure("new");
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const line = (m: { median: number; min: number; max: number }) =>
  `median ${fmt(m.median)} (min ${fmt(m.min)}, max ${fmt(m.max)})`;

console.log(
  `egress engine: ${SPACES} spaces × ${GROUPS_PER_SPACE} groups × ${RULES_PER_GROUP} rules, running and staging, ` +
    `${defaultCatalog.destinations.length} destinations, groups drawn from a pool of ${POOL_SIZE}`,
);
console.log(`  running statuses of the first run: ${JSON.stringify(first.tally)}`);
console.log(`  first run of the process (cold JIT, everything parsed): ${fmt(first.ms)}`);
console.log(`  ${RUNS} runs after ${WARM_UP} warm-up runs each:`);
console.log(`    same group objects (compiled once, reused):         ${line(same)}`);
console.log(`    copied groups, as in the next request:              ${line(copied)}`);
console.log(`    new groups, never seen (everything parsed):         ${line(fresh)}`);
const worst = Math.max(same.median, copied.median, fresh.median);
console.log(`  budget ${BUDGET_MS} ms for every median: ${worst < BUDGET_MS ? "within" : "OVER"}`);
if (!(worst < BUDGET_MS)) process.exitCode = 1;
