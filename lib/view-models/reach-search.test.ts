import { describe, expect, it } from "vitest";
import type { SpaceReach } from "@/lib/egress/reach-search";
import { filterReach, reachFilterOf, runningCounts } from "./reach-search";

const space = (
  name: string,
  running: SpaceReach["running"]["status"],
  staging: SpaceReach["staging"]["status"],
) =>
  ({
    guid: name,
    name,
    org: { guid: "o", name: "o" },
    running: { status: running, by: [] },
    staging: { status: staging, by: [] },
  }) satisfies SpaceReach;

const spaces = [
  space("a", "allowed", "allowed"),
  space("b", "partial", "allowed"),
  space("c", "blocked", "blocked"),
];

describe("the results' status filters", () => {
  it("read the URL, anything unknown meaning any", () => {
    expect(reachFilterOf({ running: "allowed", staging: ["blocked", "allowed"] })).toEqual({
      running: "allowed",
      staging: "blocked",
    });
    expect(reachFilterOf({ running: "open" })).toEqual({ running: "any", staging: "any" });
  });

  it("keep the spaces of the chosen statuses, and count every running status", () => {
    expect(filterReach(spaces, { running: "any", staging: "allowed" }).map((s) => s.name)).toEqual([
      "a",
      "b",
    ]);
    expect(filterReach(spaces, { running: "partial", staging: "any" }).map((s) => s.name)).toEqual(["b"]);
    expect(runningCounts(spaces)).toEqual({ allowed: 1, partial: 1, blocked: 1 });
  });
});
