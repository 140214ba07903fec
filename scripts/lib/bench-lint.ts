/**
 * `npm run bench -- --tables foundation`: group lint over every group of the foundation
 * (docs/design.md §13, budget 1 s), as `/security-groups` lints what an admin's list holds.
 * The groups are read from the stand-in once (the admin's token, `per_page=5000`), then
 * linted in this process: a warm-up, then `runs` timed runs, each from freshly copied
 * rules so nothing parsed before is reused. Wall and CPU time are reported (CPU is what
 * a busy machine stretches least); lint itself is pure, so the figure is the app's cost.
 */
import { performance } from "node:perf_hooks";
import { defaultCatalog } from "../../lib/egress/default-catalog";
import { lintContext, lintGroups, type LintGroup } from "../../lib/egress/lint";
import { DEFAULT_PROFILES } from "../../lib/egress/profiles";
import type { CfRule } from "../../lib/egress/rules";
import { median } from "./measure";

type CfGroup = {
  guid: string;
  name: string;
  rules: CfRule[];
  globally_enabled: { running: boolean; staging: boolean };
  relationships: { running_spaces: { data: unknown[] }; staging_spaces: { data: unknown[] } };
};

export type LintTiming = { groups: number; findings: number; wallMs: number; cpuMs: number };

async function allGroups(cfUrl: string, token: string): Promise<CfGroup[]> {
  const page = async (n: number) => {
    const response = await fetch(`${cfUrl}/v3/security_groups?per_page=5000&page=${n}`, {
      headers: { Authorization: `bearer ${token}` },
    });
    if (!response.ok) throw new Error(`listing groups: ${response.status}`);
    return (await response.json()) as { resources: CfGroup[]; pagination: { total_pages: number } };
  };
  const first = await page(1);
  const rest = await Promise.all(
    Array.from({ length: first.pagination.total_pages - 1 }, (_, i) => page(i + 2)),
  );
  return [first, ...rest].flatMap((p) => p.resources);
}

const lintGroupOf = (g: CfGroup): LintGroup => ({
  guid: g.guid,
  name: g.name,
  // A copy of each rule: lint's parse cache is keyed by the rule objects, so every run parses anew.
  rules: g.rules.map((rule) => ({ ...rule })),
  global: g.globally_enabled,
  boundFor: [
    ...(g.relationships.running_spaces.data.length > 0 ? ["running" as const] : []),
    ...(g.relationships.staging_spaces.data.length > 0 ? ["staging" as const] : []),
  ],
});

export async function measureLint(cfUrl: string, token: string, runs: number): Promise<LintTiming> {
  const cf = await allGroups(cfUrl, token);
  const inputs = {
    catalog: defaultCatalog,
    profiles: DEFAULT_PROFILES,
    dynamicAsgs: true,
    seesAllBindings: true,
  };
  const once = () => {
    const groups = cf.map(lintGroupOf);
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const findings = lintGroups(groups, lintContext(inputs, groups));
    const used = process.cpuUsage(cpu);
    let count = 0;
    for (const list of findings.values()) count += list.length;
    return { wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000, findings: count };
  };
  once(); // warms the JIT
  const timed = Array.from({ length: runs }, once);
  return {
    groups: cf.length,
    findings: timed[0]?.findings ?? 0,
    wallMs: median(timed.map((t) => t.wallMs)),
    cpuMs: median(timed.map((t) => t.cpuMs)),
  };
}
