import { describe, expect, it } from "vitest";
import { groupObservationOf } from "@/lib/db/group-observation";
import { observationOf } from "@/lib/db/observation";
import { alphaGroups, alphaSpaces, cfGroup } from "@/lib/policy/test-support/world";
import { ids } from "@/sim/seed";
import {
  observedGroup,
  rulesOf,
  shareGuids,
  watchedGroup,
  watchedGroupSchema,
  WatchedGroups,
} from "./watched-groups";

/**
 * The groups as a cycle keeps them, smaller than CF's objects: what the drift checks and the
 * judgement read from them is what they read from the groups as CF gives them.
 */

describe("a watched group", () => {
  it("keeps the rules as their checked text and the bindings as guids, without links or timestamps", () => {
    const cf = cfGroup("trusted_local_networks_egress", [ids.spaces.alphaDev]);
    const group = watchedGroup(cf);
    expect(group).toEqual({
      guid: cf.guid,
      name: cf.name,
      globally_enabled: cf.globally_enabled,
      rulesText: JSON.stringify(cf.rules),
      runningSpaces: cf.relationships.running_spaces.data.map((ref) => ref.guid),
      stagingSpaces: cf.relationships.staging_spaces.data.map((ref) => ref.guid),
    });
    expect(rulesOf(group)).toEqual(cf.rules);
    expect(rulesOf(group)).not.toBe(rulesOf(group));
  });

  it("is checked as CF's group is: a rule of the wrong shape is refused", () => {
    const cf = cfGroup("dns");
    expect(watchedGroupSchema.safeParse({ ...cf, rules: [{ protocol: 6 }] }).success).toBe(false);
    expect(watchedGroupSchema.safeParse({ ...cf, relationships: {} }).success).toBe(false);
  });
});

describe("what the drift checks observe", () => {
  const spaceGuids = alphaSpaces.map((s) => s.guid);

  it("observes each group as from CF's objects, its rules parsed anew at each read", () => {
    const orgOfSpace = new Map(spaceGuids.map((guid) => [guid, "org-alpha"]));
    const fromCf = groupObservationOf({
      observedAt: 1,
      groups: alphaGroups(),
      orgOfSpace,
      allOrgGuids: ["org-alpha"],
      inFlightMs: 0,
    }).groups;
    const observed = alphaGroups().map((g) => observedGroup(watchedGroup(g), orgOfSpace));
    expect(observed).toEqual(fromCf);
    expect(observed[0]?.rules).not.toBe(observed[0]?.rules);
  });

  it("observes each space's bound groups as the pages' observation does", () => {
    const index = new WatchedGroups(alphaGroups().map(watchedGroup));
    const fromCf = observationOf("org-alpha", alphaSpaces, alphaGroups(), 1, true).spaces;
    expect(alphaSpaces.map((space) => index.observedSpace(space))).toEqual(fromCf);
    expect(fromCf.some((space) => space.running.length > 0)).toBe(true);
    expect(index.globalRunning.map((g) => g.name)).toEqual(
      alphaGroups()
        .filter((g) => g.globally_enabled.running)
        .map((g) => g.name),
    );
  });
});

describe("shareGuids", () => {
  it("puts the spaces list's guid in every binding it names, and leaves the others", () => {
    const group = watchedGroup(
      cfGroup(
        "trusted_local_networks_egress",
        alphaSpaces.map((s) => s.guid),
      ),
    );
    const named = group.runningSpaces[0] ?? "";
    const canonical = new Map([[named, named.slice(0)]]);
    group.stagingSpaces.push("not-in-the-list");
    shareGuids([group], canonical);
    expect(group.runningSpaces[0]).toBe(canonical.get(named));
    expect(group.stagingSpaces).toContain("not-in-the-list");
  });
});
