import { kB } from "./measure";
import type { PageResult } from "./lighthouse-summary";

/**
 * The table `npm run bench:lighthouse` prints and docs/benchmarks.md shows, with
 * the budgets of docs/design.md §8 checked on each row: every score of a budgeted
 * page at least `minScore`, an org page's first-load JS within `jsBudgetBytes`
 * of the landing page's. A page measured for information (`~info`) is shown
 * as such, and never a miss.
 */

type TableSettings = { runs: number; minScore: number; jsBudgetBytes: number; load: string };
type Benchmark = { min: number; median: number; max: number } | null;

export function lighthouseTable(
  results: PageResult[],
  settings: TableSettings,
): { lines: string[]; misses: string[]; benchmark: Benchmark } {
  const shortPath = (path: string) => path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ":guid");
  const landing = results.find((r) => r.name === "landing")?.first_load_js?.gzip_bytes;
  const misses: string[] = [];
  const lines = [
    `Lighthouse 12, median of ${settings.runs} run(s) by performance per form factor (mobile: Lighthouse's default, a phone on ` +
      `simulated slow 4G with 4× CPU slowdown; desktop: its desktop preset); first-load JS gzipped. ` +
      `Budgets: every score ≥ ${settings.minScore}; org page JS ≤ landing + 50 kB.`,
    "",
    "| page | path | form factor | performance | accessibility | FCP | LCP | TBT | CLS | first-load JS | vs landing | benchmarkIndex (runs) |",
    "| ---- | ---- | ----------- | ----------: | ------------: | --: | --: | --: | --: | ------------: | ---------: | --------------------: |",
  ];
  /** Every run's benchmarkIndex, for the line under the table. */
  const indices: number[] = [];
  const mark = (ok: boolean, budget: boolean) => (ok || !budget ? "" : " **MISS**");
  const shown = (value: number | null) => (value === null ? "—" : value.toFixed(2));
  for (const r of results) {
    const statusRow = () =>
      lines.push(
        `| ${label} | \`${shortPath(r.path)}\` | ${r.status}${r.note ? `: ${r.note}` : ""} | | | | | | | | | |`,
      );
    const miss = (text: string) => r.budget && misses.push(text);
    // A page measured for information (`~info`) is shown as such, and its scores are never misses.
    const label = r.budget ? r.name : `${r.name} (info)`;
    if (r.status === "failed") miss(`${r.name}: ${r.note ?? "failed"}`);
    if (!r.lighthouse || !r.first_load_js) {
      statusRow();
      continue;
    }
    if (r.status === "failed") statusRow();
    const delta = landing === undefined ? undefined : r.first_load_js.gzip_bytes - landing;
    const jsOk = !(r.name.startsWith("org") && delta !== undefined && delta > settings.jsBudgetBytes);
    if (!jsOk && delta !== undefined) miss(`${r.name}: first-load JS ${kB(delta)} over the landing page's`);
    for (const [formFactor, scores] of Object.entries(r.lighthouse)) {
      const { performance, accessibility, metrics } = scores;
      const perfOk = performance === null || performance >= settings.minScore;
      const a11yOk = accessibility === null || accessibility >= settings.minScore;
      if (!perfOk) miss(`${r.name}, ${formFactor}: performance ${shown(performance)}`);
      if (!a11yOk) miss(`${r.name}, ${formFactor}: accessibility ${shown(accessibility)}`);
      if (!perfOk || !a11yOk) miss(`  audits under 0.9: ${scores.failed_audits.join(", ") || "none"}`);
      lines.push(
        `| ${label} | \`${shortPath(r.path)}\` | ${formFactor} | ${shown(performance)}${mark(perfOk, r.budget)} | ` +
          `${shown(accessibility)}${mark(a11yOk, r.budget)} | ${metrics.fcp_ms} ms | ${metrics.lcp_ms} ms | ${metrics.tbt_ms} ms | ` +
          `${metrics.cls.toFixed(3)} | ${kB(r.first_load_js.gzip_bytes)} | ` +
          `${delta === undefined ? "—" : `${delta >= 0 ? "+" : ""}${kB(delta)}`}${mark(jsOk, r.budget)} | ` +
          `${scores.benchmark_index ?? "—"} (${scores.runs.map((run) => run.benchmark_index ?? "—").join(", ")}) |`,
      );
      indices.push(
        ...scores.runs.flatMap((run) => (run.benchmark_index === null ? [] : [run.benchmark_index])),
      );
    }
  }
  const sorted = [...indices].sort((a, b) => a - b);
  const benchmark =
    sorted.length === 0
      ? null
      : {
          min: sorted[0] ?? 0,
          median: sorted[Math.floor((sorted.length - 1) / 2)] ?? 0,
          max: sorted.at(-1) ?? 0,
        };
  lines.push(
    "",
    benchmark
      ? `Lighthouse's benchmarkIndex over the ${sorted.length} runs (higher is faster): median ${benchmark.median}, ` +
          `${benchmark.min}–${benchmark.max}.`
      : "Lighthouse's benchmarkIndex: no run.",
    settings.load,
  );
  return { lines, misses, benchmark };
}
