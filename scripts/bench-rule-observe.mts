/**
 * What the group list's rule drift check costs a platform admin's view of a realistic foundation
 * (bench-foundation's world: 10,000 groups, 20,000 spaces, 200 orgs; docs/design.md §13, "Drift"):
 *
 *   npx tsx --conditions=react-server scripts/bench-rule-observe.mts
 *
 * In this process, on a fresh SQLite history under a temporary folder: the observation built from
 * the CF lists the page has read anyway (no CF request here), then the check (one batched pass:
 * hashes read, "seen" moved in one statement), for every group's first sight, for a view that finds
 * nothing changed (every later one), for one that finds a group changed outside, and for the slices
 * of 500 and 1,000 groups the list could observe per view instead. Medians of a few runs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SecurityGroup } from "@/lib/cf/schemas";
import { groupObservationOf } from "@/lib/db/group-observation";
import { openDatabase } from "@/lib/db";
import { cfSecurityGroup } from "@/lib/egress/test-support/seeded-foundation";
import { FOUNDATION_WORLD } from "./lib/bench-foundation";
import { benchWorld } from "./lib/bench-world";

const RUNS = 5;
const w = FOUNDATION_WORLD;
const world = benchWorld({
  orgSizes: Array.from({ length: w.orgs }, () => w.orgSize),
  groups: w.groups,
  shape: "realistic",
  foundationSpaces: w.spaces,
});
const groups = world.securityGroups.map(cfSecurityGroup);
const orgOfSpace = new Map(world.spaces.map((s) => [s.guid, s.org]));
const allOrgGuids = world.orgs.map((o) => o.guid);
const rules = groups.reduce((n, g) => n + g.rules.length, 0);
console.log(
  `${groups.length} groups (${rules} rules), ${world.spaces.length} spaces, ${allOrgGuids.length} orgs`,
);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
let clock = Date.now();
const rows: Record<string, number[]> = {
  first: [],
  unchanged: [],
  "one changed": [],
  build: [],
  "slice 500": [],
  "slice 1000": [],
};
for (let run = 0; run < RUNS; run++) {
  const dataDir = mkdtempSync(join(tmpdir(), "egress-bench-rules-"));
  const store = await openDatabase({ dataDir, now: () => clock });
  try {
    const view = async (label: string, list: SecurityGroup[]) => {
      clock += 60_000;
      const started = performance.now();
      const observation = groupObservationOf({
        observedAt: clock,
        groups: list,
        orgOfSpace,
        allOrgGuids,
        inFlightMs: 120_000,
      });
      const built = performance.now();
      const result = await store.observeGroups(observation);
      rows[label]?.push(performance.now() - started);
      if (label === "unchanged") rows.build?.push(built - started);
      return result;
    };
    await view("first", groups);
    await view("unchanged", groups);
    const changed = groups.map((g, i) =>
      i === groups.length - 1
        ? { ...g, rules: [...g.rules, { protocol: "all", destination: "10.99.0.0/16" }] }
        : g,
    );
    const result = await view("one changed", changed);
    if (result.drifted !== 1) throw new Error(`expected one drift, got ${JSON.stringify(result)}`);
    await view("slice 500", groups.slice(1000, 1500));
    await view("slice 1000", groups.slice(3000, 4000));
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
for (const [label, times] of Object.entries(rows))
  console.log(
    `${label.padEnd(12)} median ${median(times).toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(", ")})`,
  );
