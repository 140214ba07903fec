import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Budget } from "./bench-groups";
import { budgetTable, mergeBudgets } from "./budget-rows";

const row = (budget: string, pass: boolean | null, measured = "1 ms"): Budget => ({
  budget,
  limit: "2 ms",
  measured,
  pass,
});

describe("budget rows of bench/results.json", () => {
  it("knows the table of every row the file holds", () => {
    const file = JSON.parse(readFileSync("bench/results.json", "utf8")) as { budgets: Budget[] };
    expect(file.budgets.length).toBeGreaterThan(10);
    for (const { budget } of file.budgets) expect(budgetTable(budget), budget).not.toBeNull();
  });

  it("drops a row its table no longer writes, keeps other tables' rows and the rows left unmeasured", () => {
    const previous = [
      row("watcher: peak resident memory of the watching process", false, "502 MB"),
      row("watcher: a cycle over 200 orgs, the longest", true, "19.9 s"),
      row("org page, 5,000 spaces: p90 server time", true, "585 ms"),
      row("foundation, 10,000 groups: lint over every group (wall, median)", true),
      row("some row of no known table", true),
    ];
    const current = [
      row("watcher: a cycle over 200 orgs, the longest", true, "18.0 s"),
      row("watcher: peak RSS of the watching process over start-up and its cycles, no page loaded", true),
      row("org page, 5,000 spaces: p90 server time", null, "not measured"),
    ];
    const merged = mergeBudgets(current, previous, new Set(["watch", "uniform"]));
    expect(merged.map((b) => [b.budget, b.measured])).toEqual([
      ["watcher: a cycle over 200 orgs, the longest", "18.0 s"],
      ["watcher: peak RSS of the watching process over start-up and its cycles, no page loaded", "1 ms"],
      // Unmeasured by this run, still written: the last run's figure stays.
      ["org page, 5,000 spaces: p90 server time", "585 ms"],
      ["foundation, 10,000 groups: lint over every group (wall, median)", "1 ms"],
      ["some row of no known table", "1 ms"],
    ]);
    // Had the watch table not run, its old row would stay as that run found it.
    expect(mergeBudgets([], previous, new Set()).map((b) => b.budget)).toContain(
      "watcher: peak resident memory of the watching process",
    );
  });
});
