/**
 * `npm run bench`'s first part: the org page and the JSON export against the seeded org and generated
 * orgs of 10 to 5,000 spaces (50 groups of 20 rules), beside the same question answered the cf CLI way,
 * with the org page's budgets of docs/design.md §8. bench.mts says how each figure is taken.
 */
import { ids } from "../../sim/seed";
import type { Budget } from "./bench-groups";
import { depthCell, measureRoute, range, type RouteResult } from "./bench-route";
import { generatedOrgGuid } from "./bench-world";
import { cfSpaceSecurityGroupRules, sample } from "./cf-cli";
import { kB, ms, requestDepth } from "./measure";
import type { SimClient } from "./sim-client";

type CliResult = {
  spaces_timed: number;
  requests_per_space: { mean: number; min: number; max: number };
  depth_per_space: { max: number };
  ms_per_space: { mean: number; min: number; max: number };
  statuses: Record<string, number>;
  not_implemented_by_the_stand_in: string[];
  whole_org: { requests: number; ms: number; extrapolated: boolean };
  ratio_to_org_page: { requests: number; time: number };
};

export type SizeResult = {
  label: string;
  spaces: number;
  org_guid: string;
  user: string;
  page: RouteResult;
  json: RouteResult;
  cf_cli: CliResult;
};

/** A signed-in user as the bench drives it: the dashboard's session cookie and a CF token. */
export type BenchUser = { name: string; cookie: string; token: string };

/** agency-alpha's spaces in the seed (dev, staging, prod, sandbox). */
const SEEDED_SPACES = 4;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The cf CLI's way for up to `cliSample` spaces of the org, extrapolated to all of them. */
async function cliWay(
  sim: SimClient,
  token: string,
  org: string,
  names: string[],
  cliSample: number,
  page: RouteResult,
): Promise<CliResult> {
  const timed = sample(names, cliSample);
  const runs = [];
  for (const name of timed) {
    await sim.clearRequests();
    const run = await cfSpaceSecurityGroupRules(sim.cfUrl, token, org, name);
    runs.push({ ...run, depth: requestDepth(await sim.requests()) });
  }
  const counts = runs.map((r) => r.requests.length);
  const times = runs.map((r) => r.ms);
  const statuses: Record<string, number> = {};
  const missing = new Set<string>();
  for (const r of runs.flatMap((run) => run.requests)) {
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.status === 404) missing.add(r.path.replace(/\?.*/, "").replace(/[0-9a-f-]{36}/g, ":guid"));
  }
  const wholeRequests = Math.round(mean(counts) * names.length);
  const wholeMs = mean(times) * names.length;
  return {
    spaces_timed: timed.length,
    requests_per_space: { mean: mean(counts), min: Math.min(...counts), max: Math.max(...counts) },
    depth_per_space: { max: Math.max(...runs.map((r) => r.depth)) },
    ms_per_space: { mean: mean(times), min: Math.min(...times), max: Math.max(...times) },
    statuses,
    not_implemented_by_the_stand_in: [...missing],
    whole_org: { requests: wholeRequests, ms: wholeMs, extrapolated: timed.length < names.length },
    ratio_to_org_page: {
      requests: wholeRequests / page.cf_requests.max,
      time: wholeMs / page.server_ms.median,
    },
  };
}

/** The seeded org as olivia, then each generated org as its manager: page, export and the cf CLI way. */
export async function measureUniform(options: {
  app: string;
  sim: SimClient;
  sizes: number[];
  loads: number;
  cliSample: number;
  manager: BenchUser;
  olivia: BenchUser;
  log: (line: string) => void;
}): Promise<SizeResult[]> {
  const { app, sim, log } = options;
  const cases = [
    { label: "4 (seeded agency-alpha)", org: ids.orgs.alpha, spaces: SEEDED_SPACES, as: options.olivia },
    ...options.sizes.map((spaces, index) => ({
      label: spaces.toLocaleString("en-US"),
      org: generatedOrgGuid(index),
      spaces,
      as: options.manager,
    })),
  ];
  const results: SizeResult[] = [];
  for (const { label, org, spaces, as } of cases) {
    log(`bench: ${label}: the org page…`);
    const { body: _html, ...page } = await measureRoute(app, sim, `/orgs/${org}`, as.cookie, options.loads);
    log(`bench: ${label}: the JSON export…`);
    const { body: json, ...exported } = await measureRoute(
      app,
      sim,
      `/api/orgs/${org}/posture`,
      as.cookie,
      options.loads,
    );
    const names = (JSON.parse(json) as { spaces: { name: string }[] }).spaces.map((s) => s.name);
    if (names.length !== spaces) throw new Error(`the export lists ${names.length} spaces, not ${spaces}`);
    log(`bench: ${label}: cf space --security-group-rules for up to ${options.cliSample} spaces…`);
    const cfCli = await cliWay(sim, as.token, org, names, options.cliSample, page);
    results.push({ label, spaces, org_guid: org, user: as.name, page, json: exported, cf_cli: cfCli });
  }
  return results;
}

/** The org page's budgets of docs/design.md §8 over the generated orgs (the seeded one for depth too). */
export function uniformBudgets(results: SizeResult[], sizes: number[]): Budget[] {
  if (results.length === 0) return [];
  const generated = results.filter((r) => r.org_guid !== ids.orgs.alpha);
  const bySize = (n: number) => generated.find((r) => r.spaces === n);
  const pageCounts = generated.flatMap((r) => [r.page.cf_requests.min, r.page.cf_requests.max]);
  const pageDepth = Math.max(...results.map((r) => r.page.depth.min));
  const check = (name: string, limit: number, value: number | undefined, show: (v: number) => string) => ({
    budget: name,
    limit: show(limit),
    measured: value === undefined ? "not measured" : show(value),
    pass: value === undefined ? null : value <= limit,
  });
  const exactMs = (v: number) => `${v.toFixed(1)} ms`;
  const thousand = bySize(1000);
  return [
    {
      budget: `org page: the same CF requests for every size (${sizes.join(", ")} spaces), at depth ≤ 2 (the seeded org too)`,
      limit: "constant, depth ≤ 2",
      measured: `${Math.min(...pageCounts)}–${Math.max(...pageCounts)} requests, depth ${pageDepth}`,
      pass: Math.min(...pageCounts) === Math.max(...pageCounts) && pageDepth <= 2,
    },
    check("org page, 1,000 spaces: p90 server time", 250, thousand?.page.server_ms.p90, exactMs),
    check("org page, 1,000 spaces: HTML (1 MB = 1,000 kB)", 1_000_000, thousand?.page.bytes.raw, kB),
    check("org page, 5,000 spaces: p90 server time", 1200, bySize(5000)?.page.server_ms.p90, exactMs),
    check(
      "evaluation of the 1,000-space matrix (Server-Timing `engine`)",
      50,
      thousand?.json.server_timing?.engine_ms,
      exactMs,
    ),
  ];
}

const cell = (v: number | undefined, f: (n: number) => string) => (v === undefined ? "—" : f(v));

/** The Markdown tables of this part, as docs/benchmarks.md shows them. */
export function uniformTables(
  results: SizeResult[],
  setting: {
    latencyMs: number;
    groups: number;
    rulesPerGroup: number;
    loads: number;
    cliSample: number;
    user: string;
  },
): string[] {
  if (results.length === 0) return [];
  const lines = [
    `The dashboard, ${setting.latencyMs} ms added to every CF request, ${setting.groups} groups × ${setting.rulesPerGroup} rules plus the seed; ` +
      `${setting.loads} loads after a warm-up, signed in as an OrgManager (\`${setting.user}\`; \`olivia\` for the seeded org):`,
    "",
    "| spaces | route | CF requests | depth | median | p90 | bytes | gzipped | CF phase | engine |",
    "| -----: | ----- | ----------: | ----: | -----: | --: | ----: | ------: | -------: | -----: |",
  ];
  for (const r of results) {
    for (const [name, route] of [
      ["org page", r.page],
      ["JSON export", r.json],
    ] as const) {
      lines.push(
        `| ${r.label} | ${name} | ${range(route.cf_requests)} | ${depthCell(route.depth)} | ` +
          `${ms(route.server_ms.median)} | ${ms(route.server_ms.p90)} | ${kB(route.bytes.raw)} | ${kB(route.bytes.gzip)} | ` +
          `${cell(route.server_timing?.cf_ms, ms)} | ${cell(route.server_timing?.engine_ms, ms)} |`,
      );
    }
  }
  lines.push(
    "",
    "Depth: the least over the loads (the most in brackets where it differs: a busy machine can delay a parallel request",
    "past another's end, never the reverse). CF phase and engine: the export's `Server-Timing` (medians); the page runs",
    "the same loader.",
    "",
    `The cf CLI way: \`cf space S --security-group-rules\` for each space, in sequence, same stand-in and latency` +
      ` (up to ${setting.cliSample} spaces timed, spread over the org; larger orgs extrapolated per space):`,
    "",
    "| spaces | timed | requests/space | time/space | requests, whole org | time, whole org | × requests | × time |",
    "| -----: | ----: | -------------: | ---------: | ------------------: | --------------: | ---------: | -----: |",
  );
  for (const r of results) {
    const c = r.cf_cli;
    const est = c.whole_org.extrapolated ? " (est.)" : "";
    const wall =
      c.whole_org.ms >= 60_000
        ? `${(c.whole_org.ms / 60_000).toFixed(1)} min`
        : `${(c.whole_org.ms / 1000).toFixed(1)} s`;
    lines.push(
      `| ${r.label} | ${c.spaces_timed} | ${range(c.requests_per_space)} | ${ms(c.ms_per_space.mean)} | ` +
        `${c.whole_org.requests.toLocaleString("en-US")}${est} | ${wall}${est} | ` +
        `${c.ratio_to_org_page.requests.toFixed(0)}× | ${c.ratio_to_org_page.time.toFixed(0)}× |`,
    );
  }
  const missing = [...new Set(results.flatMap((r) => r.cf_cli.not_implemented_by_the_stand_in))];
  if (missing.length > 0)
    lines.push(
      "",
      `The stand-in answers ${missing.map((p) => `\`${p}\``).join(", ")} with 404 (not implemented), after the same latency;` +
        " a real CF answers one page there for a space with under 50 apps or instances, so the counts and times hold.",
    );
  return lines;
}
