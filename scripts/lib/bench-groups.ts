/**
 * `npm run bench`'s group-scale part: the org page of 1,000 and 5,000 spaces
 * on foundations of 50 to 20,000 security groups shaped like real ones
 * (sim/generate-realistic.ts), as an admin (who sees every group) and as the
 * org's manager, with the stand-in adding 50 ms to every CF request.
 *
 * The world: the realistic shape with generated orgs of 1,000, 5,000 and 100
 * spaces (the same orgs whichever of them a run measures, so subsets compare),
 * `bench` managing the three, in a foundation of twice their spaces or of as
 * many spaces as groups, whichever is more. It is replaced through
 * `POST /__sim/world` for each number of groups, with the dashboard left
 * running.
 *
 * Per number of groups, org and user: the page as bench.mts measures it
 * (CF requests, depth, median and p90 of `loads` loads after a warm-up, HTML
 * bytes), the JSON export's Server-Timing for the CF phase and the engine
 * (medians of `exportLoads`), and the dashboard's peak resident memory over
 * those loads: VmHWM of its server process in /proc/<pid>/status, reset
 * before each row by writing 5 to /proc/<pid>/clear_refs (Linux). Then the
 * two ways of reading the groups, side by side (./bench-reads.ts).
 */
import { cpuSeconds, memoryMb, resetPeak } from "./proc-stats";
import { stableGuid } from "../../sim/world";
import { compareReads, type ReadResult } from "./bench-reads";
import { depthCell, measureRoute, range, type RouteResult } from "./bench-route";
import { kB, ms } from "./measure";
import type { SimClient } from "./sim-client";

/** The generated orgs of the group-scale world, in this order (org:0, org:1, org:2). */
export const GROUP_WORLD_ORGS = [1000, 5000, 100];

export type Who = { name: string; role: "admin" | "manager"; cookie: string; token: string };

export type GroupRow = {
  groups: number;
  spaces: number;
  user: string;
  role: Who["role"];
  page: RouteResult;
  json: RouteResult;
  /** Whether the page read the groups by space (its CF requests carried space filters). */
  read_by_space: boolean;
  /** Peak resident memory of the dashboard over the row's loads, and after them, in MB; null off Linux. */
  rss_mb: { peak: number; after: number } | null;
  /**
   * The dashboard's CPU time per page load (its warm-up included), in ms: what a busy machine does
   * not inflate as it inflates wall time, so rows compare across runs at different loads.
   */
  cpu_ms_per_load: number | null;
};

export type ReadRow = {
  groups: number;
  spaces: number;
  user: string;
  role: Who["role"];
  reads: ReadResult[];
};

export type GroupScale = { rows: GroupRow[]; reads: ReadRow[]; peak_rss_mb: number | null };

export async function measureGroupScale(options: {
  app: string;
  sim: SimClient;
  appPid: number;
  groups: number[];
  sizes: number[];
  readSizes: number[];
  users: Who[];
  loads: number;
  exportLoads: number;
  readRuns: number;
  profileGroups: string[];
  log: (line: string) => void;
}): Promise<GroupScale> {
  const { app, sim, appPid } = options;
  const rows: GroupRow[] = [];
  const reads: ReadRow[] = [];
  let processPeak = 0;
  const orgOf = (size: number) => stableGuid(`org:${GROUP_WORLD_ORGS.indexOf(size)}`);
  for (const groups of options.groups) {
    options.log(`bench: a realistic foundation of ${groups.toLocaleString("en-US")} groups…`);
    // On the plain seed: the stand-in started on the first part's world, whose orgs have the same guids.
    await sim.world({ seed: "cloud-gov", shape: "realistic", org_sizes: GROUP_WORLD_ORGS, groups });
    for (const spaces of options.sizes) {
      for (const who of options.users) {
        const label = `${groups} groups, ${spaces} spaces, ${who.role}`;
        options.log(`bench: ${label}: the org page and the JSON export…`);
        resetPeak(appPid);
        const cpuBefore = cpuSeconds(appPid);
        const { body: _html, ...page } = await measureRoute(
          app,
          sim,
          `/orgs/${orgOf(spaces)}`,
          who.cookie,
          options.loads,
        );
        const cpuAfter = cpuSeconds(appPid);
        const { body: json, ...exported } = await measureRoute(
          app,
          sim,
          `/api/orgs/${orgOf(spaces)}/posture`,
          who.cookie,
          options.exportLoads,
        );
        const listed = (JSON.parse(json) as { spaces: unknown[] }).spaces.length;
        if (listed !== spaces) throw new Error(`${label}: the export lists ${listed} spaces`);
        const mem = memoryMb(appPid);
        if (mem) processPeak = Math.max(processPeak, mem.peak);
        rows.push({
          groups,
          spaces,
          user: who.name,
          role: who.role,
          page,
          json: exported,
          read_by_space: page.last_load_requests.some((r) => r.path.includes("_space_guids=")),
          rss_mb: mem ? { peak: Math.round(mem.peak), after: Math.round(mem.now) } : null,
          cpu_ms_per_load:
            cpuBefore === null || cpuAfter === null
              ? null
              : Math.round(((cpuAfter - cpuBefore) * 1000) / (options.loads + 1)),
        });
      }
    }
    for (const spaces of options.readSizes) {
      for (const who of options.users) {
        options.log(
          `bench: ${groups} groups, ${spaces} spaces, ${who.role}: the two ways of reading groups…`,
        );
        const result = await compareReads(
          sim,
          who.token,
          orgOf(spaces),
          options.profileGroups,
          options.readRuns,
        );
        reads.push({ groups, spaces, user: who.name, role: who.role, reads: result });
      }
    }
  }
  return { rows, reads, peak_rss_mb: processPeak > 0 ? Math.round(processPeak) : null };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 10e6 ? 1 : 0)} MB`;

/** The Markdown tables of the group-scale part. */
export function groupScaleTables(scale: GroupScale, latencyMs: number, loads: number): string[] {
  const lines: string[] = [];
  const base = (row: GroupRow) =>
    scale.rows.find((r) => r.spaces === row.spaces && r.role === row.role && r.groups === 50);
  lines.push(
    `The org page on realistic foundations (sim/generate-realistic.ts), ${latencyMs} ms added to every CF request, ` +
      `${loads} loads after a warm-up; admin sees every group, the manager (\`bench\`) the org's and the platform's. ` +
      "Engine and CF phase: the JSON export's Server-Timing (medians). App CPU: the dashboard process's CPU time per page load (/proc/<pid>/stat), which a busy machine inflates less than wall time. Peak RSS: the dashboard's server process over the row's loads (VmHWM). × 50: the median against the same org and user with 50 groups.",
    "",
    "| groups | spaces | user | groups read | CF requests | depth | median | p90 | × 50 | CF phase | engine | app CPU | HTML | peak RSS |",
    "| -----: | -----: | ---- | ----------- | ----------: | ----: | -----: | --: | ---: | -------: | -----: | ------: | ---: | -------: |",
  );
  for (const row of scale.rows) {
    const first = base(row);
    const ratio = first ? `${(row.page.server_ms.median / first.page.server_ms.median).toFixed(2)}×` : "—";
    const timing = row.json.server_timing;
    lines.push(
      `| ${row.groups.toLocaleString("en-US")} | ${row.spaces.toLocaleString("en-US")} | ${row.role} | ` +
        `${row.read_by_space ? "by space" : "whole"} | ${range(row.page.cf_requests)} | ${depthCell(row.page.depth)} | ` +
        `${ms(row.page.server_ms.median)} | ${ms(row.page.server_ms.p90)} | ${ratio} | ` +
        `${timing ? ms(timing.cf_ms) : "—"} | ${timing ? ms(timing.engine_ms) : "—"} | ` +
        `${row.cpu_ms_per_load === null ? "—" : ms(row.cpu_ms_per_load)} | ${kB(row.page.bytes.raw)} | ` +
        `${row.rss_mb ? `${row.rss_mb.peak} MB` : "—"} |`,
    );
  }
  lines.push(
    "",
    "The two ways of reading the groups, straight against the stand-in with the user's token (scripts/lib/bench-reads.ts): " +
      "requests and depth include the org's spaces list, which the page reads either way; bytes and groups are the " +
      "security-group answers'; time runs to the last answer parsed (JSON and zod), median.",
    "",
    "| groups | spaces | user | read | CF requests | depth | bytes | groups received (distinct) | time |",
    "| -----: | -----: | ---- | ---- | ----------: | ----: | ----: | -------------------------: | ---: |",
  );
  for (const row of scale.reads) {
    for (const read of row.reads) {
      lines.push(
        `| ${row.groups.toLocaleString("en-US")} | ${row.spaces.toLocaleString("en-US")} | ${row.role} | ${read.way} | ` +
          `${read.requests} | ${read.depth} | ${mb(read.bytes)} | ${read.received.toLocaleString("en-US")} ` +
          `(${read.unique.toLocaleString("en-US")}) | ${ms(read.ms)} |`,
      );
    }
  }
  return lines;
}

export type Budget = { budget: string; limit: string; measured: string; pass: boolean | null };

/** The group-scale budgets of docs/design.md §8; not measured (null) where a run left their row out. */
export function groupBudgets(scale: GroupScale): Budget[] {
  if (scale.rows.length === 0) return [];
  const budgets: Budget[] = [];
  const row = (groups: number, spaces: number, role: Who["role"]) =>
    scale.rows.find((r) => r.groups === groups && r.spaces === spaces && r.role === role);
  const exact = (v: number) => `${v.toFixed(1)} ms`;
  const check = (name: string, limit: number, value: number | undefined, show: (v: number) => string) =>
    budgets.push({
      budget: name,
      limit: show(limit),
      measured: value === undefined ? "not measured" : show(value),
      pass: value === undefined ? null : value <= limit,
    });

  const depth = Math.max(...scale.rows.map((r) => r.page.depth.min));
  // An org of up to 150 spaces on a foundation of more than 5,000 groups reads by space: 4 requests more.
  const counts = new Map<string, Set<number>>();
  for (const r of scale.rows.filter((r) => r.spaces > 150)) {
    const key = `${r.groups}/${r.role}`;
    const seen = counts.get(key) ?? new Set<number>();
    seen.add(r.page.cf_requests.min).add(r.page.cf_requests.max);
    counts.set(key, seen);
  }
  const varying = [...counts.entries()].filter(([, seen]) => seen.size > 1).map(([key]) => key);
  const all = scale.rows.flatMap((r) => [r.page.cf_requests.min, r.page.cf_requests.max]);
  budgets.push({
    budget:
      "group scale, org page: the same CF requests for every org size over 150 spaces at each number of groups and user, at depth ≤ 2",
    limit: "constant, depth ≤ 2",
    measured: `${Math.min(...all)}–${Math.max(...all)} requests${varying.length > 0 ? ` (varies with the size at ${varying.join(", ")})` : ""}, depth ${depth}`,
    pass: varying.length === 0 && depth <= 2,
  });
  for (const role of ["admin", "manager"] as const) {
    check(
      `10,000 groups, 1,000 spaces, ${role}: org page p90`,
      400,
      row(10_000, 1000, role)?.page.server_ms.p90,
      exact,
    );
    check(
      `10,000 groups, 1,000 spaces, ${role}: engine (Server-Timing)`,
      50,
      row(10_000, 1000, role)?.json.server_timing?.engine_ms,
      exact,
    );
    check(
      `20,000 groups, 5,000 spaces, ${role}: org page p90`,
      1500,
      row(20_000, 5000, role)?.page.server_ms.p90,
      exact,
    );
  }
  const peaks = scale.rows.flatMap((r) => (r.rss_mb ? [r.rss_mb.peak] : []));
  check(
    "the dashboard's peak resident memory over the group-scale loads (the manifest's 512 MB)",
    512,
    peaks.length > 0 ? Math.max(...peaks) : undefined,
    (v) => `${Math.round(v)} MB`,
  );
  return budgets;
}
