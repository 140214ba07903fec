import { describe, expect, it } from "vitest";
import type { SecurityGroup } from "@/lib/cf/schemas";
import { groupObservationOf, sliceOfList } from "./group-observation";

/** A page's or an action's CF reads as a rule drift observation (docs/design.md §13, "Drift"). */

function group(guid: string, running: string[], staging: string[]): SecurityGroup {
  return {
    guid,
    name: `name-${guid}`,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    globally_enabled: { running: false, staging: true },
    rules: [{ protocol: "tcp", destination: "10.0.0.0/8", ports: "443" }],
    relationships: {
      running_spaces: { data: running.map((g) => ({ guid: g })) },
      staging_spaces: { data: staging.map((g) => ({ guid: g })) },
    },
    links: { self: { href: `/v3/security_groups/${guid}` } },
  };
}

describe("groupObservationOf", () => {
  it("names each group's orgs once, from both lifecycles, and keeps its rules and flags as CF gave them", () => {
    const orgOfSpace = new Map([
      ["s-1", "org-a"],
      ["s-2", "org-a"],
      ["s-3", "org-b"],
    ]);
    const observation = groupObservationOf({
      observedAt: 1_000,
      groups: [group("g-1", ["s-1", "s-3"], ["s-2"]), group("g-2", [], [])],
      orgOfSpace,
      allOrgGuids: ["org-a", "org-b", "org-c"],
      inFlightMs: 120_000,
    });
    expect(observation).toEqual({
      observedAt: 1_000,
      groups: [
        {
          guid: "g-1",
          name: "name-g-1",
          rules: [{ protocol: "tcp", destination: "10.0.0.0/8", ports: "443" }],
          globallyEnabled: { running: false, staging: true },
          boundOrgGuids: ["org-a", "org-b"],
        },
        expect.objectContaining({ guid: "g-2", boundOrgGuids: [] }),
      ],
      allOrgGuids: ["org-a", "org-b", "org-c"],
      inFlightMs: 120_000,
    });
  });

  it("leaves out a space it did not read (no org to name)", () => {
    const observation = groupObservationOf({
      observedAt: 1,
      groups: [group("g-1", ["s-gone"], ["s-1"])],
      orgOfSpace: new Map([["s-1", "org-a"]]),
      allOrgGuids: ["org-a"],
      inFlightMs: 0,
    });
    expect(observation.groups[0]?.boundOrgGuids).toEqual(["org-a"]);
  });
});

describe("sliceOfList", () => {
  const items = Array.from({ length: 1_201 }, (_, i) => i);

  it("goes round a long list in slices, one per turn, every item once a round", () => {
    const round = [0, 1, 2].map((turn) => sliceOfList(items, turn, 500));
    expect(round.map((s) => [s[0], s.length])).toEqual([
      [0, 500],
      [500, 500],
      [1000, 201],
    ]);
    expect(round.flat()).toEqual(items);
    expect(sliceOfList(items, 3, 500)).toEqual(round[0]);
  });

  it("keeps a list no longer than a slice whole", () => {
    expect(sliceOfList([1, 2, 3], 7, 500)).toEqual([1, 2, 3]);
    expect(sliceOfList([], 0, 500)).toEqual([]);
  });
});
