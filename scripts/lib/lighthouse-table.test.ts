import { describe, expect, it } from "vitest";
import type { PageResult, Scores } from "./lighthouse-summary";
import { lighthouseTable } from "./lighthouse-table";

const scores = (performance: number, benchmarkIndex: number): Scores => ({
  performance,
  accessibility: 1,
  benchmark_index: benchmarkIndex,
  runs: [{ performance, accessibility: 1, benchmark_index: benchmarkIndex }],
  metrics: { fcp_ms: 300, lcp_ms: 500, tbt_ms: 0, cls: 0, si_ms: 400, dom_size: 100 },
  lcp_element: null,
  failed_audits: performance < 0.9 ? ["total-blocking-time"] : [],
});

const page = (name: string, js: number, performance: number, budget = true): PageResult => ({
  name,
  path: `/orgs/8b47f982-f3e9-4e76-83ed-3e84b9f77d08/${name}`,
  user: "olivia",
  budget,
  status: "measured",
  first_load_js: { scripts: 3, gzip_bytes: js },
  lighthouse: { desktop: scores(performance, 2000) },
});

const settings = { runs: 1, minScore: 0.95, jsBudgetBytes: 50_000, load: "load 1" };

describe("lighthouseTable", () => {
  it("flags a budgeted page under the score and an org page's JS over the landing page's by more than the budget", () => {
    const { lines, misses, benchmark } = lighthouseTable(
      [page("landing", 100_000, 1), page("org", 160_000, 0.9), page("org-1000", 100_000, 0.5, false)],
      settings,
    );
    expect(misses).toEqual([
      "org: first-load JS 60 kB over the landing page's",
      "org, desktop: performance 0.90",
      "  audits under 0.9: none",
    ]);
    const org = lines.find((line) => line.startsWith("| org |"));
    expect(org).toContain("0.90 **MISS**");
    expect(org).toContain("`/orgs/:guid/org`");
    // A page measured for information is shown, never a miss.
    expect(lines.find((line) => line.startsWith("| org-1000 (info) |"))).not.toContain("MISS");
    expect(benchmark).toEqual({ min: 2000, median: 2000, max: 2000 });
    expect(lines.at(-1)).toBe("load 1");
  });

  it("shows a page that was not built as such, and a failed budgeted page as a miss", () => {
    const built: PageResult = { ...page("space", 1, 1), status: "not yet built" };
    delete built.lighthouse;
    delete built.first_load_js;
    const failed: PageResult = { ...built, name: "activity", status: "failed", note: "answered 500" };
    const { lines, misses } = lighthouseTable([built, failed], settings);
    expect(lines.some((line) => line.includes("| not yet built |"))).toBe(true);
    expect(misses).toEqual(["activity: answered 500"]);
  });
});
