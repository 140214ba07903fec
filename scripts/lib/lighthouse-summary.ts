import type { Result as Lhr } from "lighthouse";

/**
 * What `npm run bench:lighthouse` keeps of Lighthouse's runs of a page
 * (scripts/bench-lighthouse.mts): the run with the median performance score,
 * its metrics, its largest paint, the audits it failed, and every run's scores
 * and benchmarkIndex beside it.
 */

export type Scores = {
  performance: number | null;
  accessibility: number | null;
  /** The machine's speed as Lighthouse measured it before the run that counts (higher is faster). */
  benchmark_index: number | null;
  runs: { performance: number | null; accessibility: number | null; benchmark_index: number | null }[];
  metrics: { fcp_ms: number; lcp_ms: number; tbt_ms: number; cls: number; si_ms: number; dom_size: number };
  /** What Lighthouse took as the largest paint, and its phases (TTFB, load delay, load time, render delay). */
  lcp_element: { label: string; phases_ms: Record<string, number> } | null;
  failed_audits: string[];
};
export type PageResult = {
  name: string;
  path: string;
  user: string | null;
  /** false: measured for information, not a budget (`~info`). */
  budget: boolean;
  status: "measured" | "not yet built" | "failed";
  note?: string;
  first_load_js?: { scripts: number; gzip_bytes: number };
  lighthouse?: Partial<Record<"mobile" | "desktop", Scores>>;
};

const score = (lhr: Lhr, category: string) => lhr.categories[category]?.score ?? null;
const benchmarkIndex = (lhr: Lhr) => {
  const index = lhr.environment.benchmarkIndex;
  return Number.isFinite(index) ? Math.round(index) : null;
};

type LcpDetails = {
  items?: { type?: string; items?: { node?: { nodeLabel?: string }; phase?: string; timing?: number }[] }[];
};

/** The largest paint's element and phases, from the audit that explains a slow LCP. */
function lcpElement(lhr: Lhr): Scores["lcp_element"] {
  const tables = (lhr.audits["largest-contentful-paint-element"]?.details as LcpDetails | undefined)?.items;
  const label = tables?.[0]?.items?.[0]?.node?.nodeLabel;
  if (!label) return null;
  const phases = Object.fromEntries(
    (tables?.[1]?.items ?? []).map((row) => [row.phase ?? "?", Math.round(row.timing ?? Number.NaN)]),
  );
  return { label, phases_ms: phases };
}

/** The run with the median performance score, summarised. */
export function summarise(runs: Lhr[]): Scores {
  const ordered = [...runs].sort((a, b) => (score(a, "performance") ?? 0) - (score(b, "performance") ?? 0));
  const chosen = ordered[Math.floor((ordered.length - 1) / 2)];
  if (!chosen) throw new Error("no Lighthouse run");
  const metric = (id: string) => chosen.audits[id]?.numericValue ?? Number.NaN;
  const weighted = (category: string) =>
    new Set(chosen.categories[category]?.auditRefs.filter((ref) => ref.weight > 0).map((ref) => ref.id));
  const scored = new Set([...weighted("performance"), ...weighted("accessibility")]);
  return {
    performance: score(chosen, "performance"),
    accessibility: score(chosen, "accessibility"),
    benchmark_index: benchmarkIndex(chosen),
    runs: runs.map((lhr) => ({
      performance: score(lhr, "performance"),
      accessibility: score(lhr, "accessibility"),
      benchmark_index: benchmarkIndex(lhr),
    })),
    metrics: {
      fcp_ms: Math.round(metric("first-contentful-paint")),
      lcp_ms: Math.round(metric("largest-contentful-paint")),
      tbt_ms: Math.round(metric("total-blocking-time")),
      cls: Math.round(metric("cumulative-layout-shift") * 1000) / 1000,
      si_ms: Math.round(metric("speed-index")),
      dom_size: Math.round(metric("dom-size")),
    },
    lcp_element: lcpElement(chosen),
    failed_audits: Object.values(chosen.audits)
      .filter((a) => scored.has(a.id) && a.score !== null && a.score < 0.9)
      .map((a) => a.id),
  };
}
