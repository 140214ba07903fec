/**
 * `npm run bench -- --tables foundation`: the platform team's view (docs/design.md §13)
 * on a foundation of 200 orgs, 20,000 spaces and 10,000 groups shaped like real ones
 * (sim/generate-realistic.ts: 197 generated orgs of 100 spaces, the rest in orgs of
 * 250, plus the seeded three), as the platform admin, with the stand-in adding 50 ms
 * to every CF request: /foundation, GET /api/reach over every space, and its page
 * /foundation/reach, and a group edit's preview (./bench-group-preview.ts); lint over every
 * group is timed in the bench's process (./bench-lint.ts). Budgets: /foundation p90 ≤ 1.5 s,
 * the search p90 ≤ 500 ms, the preview p90 ≤ 2 s, lint ≤ 1 s, and the same CF requests
 * whatever the size (three lists, depth 1).
 */
import type { Budget } from "./bench-groups";
import type { LintTiming } from "./bench-lint";
import { PREVIEW_LABEL, PREVIEW_PATH, previewedSpaces, previewRequest } from "./bench-group-preview";
import { depthCell, measureRoute, range, type RouteResult } from "./bench-route";
import { kB, ms } from "./measure";
import type { SimClient } from "./sim-client";

export const FOUNDATION_WORLD = {
  orgs: 197,
  orgSize: 100,
  spaces: 20_000,
  groups: 10_000,
};

/** RDS's subnet on 5432: most service-binding groups of the realistic shape touch it. */
const SEARCH = "destination=10.10.0.0%2F22&ports=5432&protocol=tcp";

export type FoundationRow = { route: string; result: RouteResult; listed: number | null };

export async function measureFoundation(options: {
  app: string;
  sim: SimClient;
  cookie: string;
  /** The admin's CF token, to read the group the preview edits. */
  token: string;
  loads: number;
  log: (line: string) => void;
}): Promise<FoundationRow[]> {
  const { app, sim, cookie, loads } = options;
  const w = FOUNDATION_WORLD;
  options.log(
    `bench: a realistic foundation of ${w.groups.toLocaleString("en-US")} groups, ` +
      `${w.spaces.toLocaleString("en-US")} spaces, ${w.orgs + 3}+ orgs…`,
  );
  await sim.world({
    seed: "cloud-gov",
    shape: "realistic",
    org_sizes: Array.from({ length: w.orgs }, () => w.orgSize),
    groups: w.groups,
    foundation_spaces: w.spaces,
  });
  const rows: FoundationRow[] = [];
  for (const route of ["/foundation", `/api/reach?${SEARCH}`, `/foundation/reach?${SEARCH}`]) {
    options.log(`bench: foundation: ${route}…`);
    const { body, ...result } = await measureRoute(app, sim, route, cookie, loads);
    const listed = route.startsWith("/api/")
      ? (JSON.parse(body) as { spaces: unknown[] }).spaces.length
      : null;
    rows.push({ route, result, listed });
  }
  options.log(`bench: foundation: ${PREVIEW_LABEL}…`);
  const post = await previewRequest(sim, options.token, app);
  const { body, ...preview } = await measureRoute(app, sim, PREVIEW_PATH, cookie, loads, post);
  rows.push({ route: PREVIEW_LABEL, result: preview, listed: previewedSpaces(body) });
  const api = rows.find((r) => r.route.startsWith("/api/"));
  // The seeded world's 7 spaces come on top of the generated ones.
  if (api && api.listed !== null && api.listed < w.spaces)
    throw new Error(`GET /api/reach listed ${api.listed} spaces, not the foundation's`);
  return rows;
}

export function foundationTables(
  rows: readonly FoundationRow[],
  latencyMs: number,
  loads: number,
  lint: LintTiming | null,
): string[] {
  if (rows.length === 0) return [];
  const lintLine = lint
    ? [
        "",
        `Group lint over all ${lint.groups.toLocaleString("en-US")} groups (as \`/security-groups\` lints an admin's list), ` +
          `in the bench's process, median of 5 after a warm-up: ${ms(lint.wallMs)} wall, ${ms(lint.cpuMs)} CPU, ` +
          `${lint.findings.toLocaleString("en-US")} findings.`,
      ]
    : [];
  const w = FOUNDATION_WORLD;
  return [
    `The platform team's view as the platform admin, on a realistic foundation of ${w.groups.toLocaleString("en-US")} groups and ` +
      `${w.spaces.toLocaleString("en-US")} spaces in ${w.orgs + 3}+ orgs, ${latencyMs} ms added to every CF request, ${loads} loads after a warm-up:`,
    "",
    "| route | CF requests | depth | median | p90 | bytes | spaces answered (the preview: spaces and lifecycles listed) |",
    "| ----- | ----------: | ----: | -----: | --: | ----: | ---------------------------------------------------------: |",
    ...rows.map(
      (r) =>
        `| ${r.route === PREVIEW_LABEL ? r.route : `\`${r.route}\``} | ${range(r.result.cf_requests)} | ${depthCell(r.result.depth)} | ${ms(r.result.server_ms.median)} | ` +
        `${ms(r.result.server_ms.p90)} | ${kB(r.result.bytes.raw)} | ${r.listed === null ? "—" : r.listed.toLocaleString("en-US")} |`,
    ),
    ...lintLine,
  ];
}

export function foundationBudgets(rows: readonly FoundationRow[], lint: LintTiming | null): Budget[] {
  if (rows.length === 0) return [];
  const p90 = (prefix: string) => rows.find((r) => r.route.startsWith(prefix))?.result.server_ms.p90;
  const exact = (v: number) => `${v.toFixed(1)} ms`;
  const check = (budget: string, limit: number, value: number | undefined): Budget => ({
    budget,
    limit: exact(limit),
    measured: value === undefined ? "not measured" : exact(value),
    pass: value === undefined ? null : value <= limit,
  });
  const counts = rows.flatMap((r) => [r.result.cf_requests.min, r.result.cf_requests.max]);
  const depth = Math.max(...rows.map((r) => r.result.depth.min));
  return [
    check("foundation, 10,000 groups, 20,000 spaces, admin: /foundation p90", 1500, p90("/foundation")),
    check("foundation, 10,000 groups, 20,000 spaces, admin: GET /api/reach p90", 500, p90("/api/reach")),
    check(
      "foundation, 10,000 groups, 20,000 spaces, admin: a group edit's preview p90",
      2000,
      p90(PREVIEW_LABEL),
    ),
    // Wall time in a process doing nothing else; the CPU time is in the table beside it.
    check("foundation, 10,000 groups: lint over every group (wall, median)", 1000, lint?.wallMs),
    {
      budget:
        "foundation, search and preview: three CF lists at once (orgs, spaces, groups, later pages together)",
      limit: "≤ 2 rounds deep",
      measured: `${Math.min(...counts)}–${Math.max(...counts)} requests, depth ${depth}`,
      pass: depth <= 2,
    },
  ];
}
