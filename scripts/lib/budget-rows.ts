import type { Budget } from "./bench-groups";

/**
 * The budget rows bench/results.json keeps from one run to the next. A run of some tables keeps
 * the other tables' rows as the run that measured them found them; and of a table it ran, the rows
 * it left unmeasured (a smaller `--sizes`, say). A row that no table of this bench writes any more
 * (a budget renamed or dropped) would otherwise stay in the file for good, as a stale pass or miss:
 * a table that ran takes its old rows with it unless it still writes them.
 */

export type BenchTable = "uniform" | "groups" | "watch" | "foundation";

/** The table a budget row belongs to, by how each table's rows are named; null when none is known. */
export function budgetTable(name: string): BenchTable | null {
  if (name.startsWith("watcher:")) return "watch";
  if (name.startsWith("foundation")) return "foundation";
  if (name.startsWith("org page") || name.startsWith("evaluation of the")) return "uniform";
  if (name.startsWith("group scale") || /^[\d,]+ groups, /.test(name) || name.includes("group-scale"))
    return "groups";
  return null;
}

/**
 * This run's measured rows, then the previous run's rows this one did not measure: kept where their
 * table did not run, or where it ran and still writes them (as not measured); dropped where it ran
 * and no longer writes them. A row of no known table is kept.
 */
export function mergeBudgets(
  current: readonly Budget[],
  previous: readonly Budget[],
  ran: ReadonlySet<BenchTable>,
): Budget[] {
  const measured = current.filter((b) => b.pass !== null);
  const written = new Set(current.map((b) => b.budget));
  const kept = previous.filter((b) => {
    if (b.pass === null || measured.some((m) => m.budget === b.budget)) return false;
    const table = budgetTable(b.budget);
    return table === null || !ran.has(table) || written.has(b.budget);
  });
  return [...measured, ...kept];
}
