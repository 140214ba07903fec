import { describe, expect, it } from "vitest";
import { EMPTY_POLICY, type Policy } from "@/lib/policy";
import { alphaGroups, alphaIndex, alphaSpaces, seededContext } from "@/lib/policy/test-support/world";
import { judgeOrg } from "./judge";
import { judgingScope, judgingScopes, type JudgedBindings } from "./org-scope";
import { watchedGroup, WatchedGroups } from "./watched-groups";

/**
 * The objects the watcher judges a run of orgs with: copies of the groups that reach their spaces
 * (their rules parsed from the text the cycle keeps) and of the platform, which give the same
 * judgement as the groups as CF gives them, with the same index the pages use.
 */

const watched = () => new WatchedGroups(alphaGroups().map(watchedGroup));

const noPublic: Policy = {
  ...EMPTY_POLICY,
  rules: [{ spaces: "*", require: { profile: "public", present: false } }],
};

describe("judgingScope", () => {
  it("judges the org's spaces as the cycle's own groups and platform do, with objects of its own", () => {
    const index = alphaIndex();
    const scope = judgingScope(
      seededContext,
      watched(),
      alphaSpaces.map((s) => s.guid),
    );
    const judge = (with_: { index: JudgedBindings; context: typeof seededContext }) =>
      judgeOrg({
        orgGuid: "org-alpha",
        spaces: alphaSpaces,
        index: with_.index,
        policy: { policy: noPublic, version: 1, active: true },
        context: with_.context,
        previous: new Map(),
        judgedAt: 1,
        baseline: false,
      });
    const shared = judge({ index, context: seededContext });
    expect(shared.standings.some((s) => s.verdict === "violates")).toBe(true);
    expect(judge(scope)).toEqual(shared);
    // Objects of its own: the engine's per-object forms of them go with the scope.
    expect(scope.context.catalog).not.toBe(seededContext.catalog);
    expect(scope.context.catalog).toEqual(seededContext.catalog);
    const again = judgingScope(seededContext, watched(), [alphaSpaces[0].guid]);
    for (const space of alphaSpaces) {
      const [mine, pages] = [scope.index.bindings(space.guid).running, index.bindings(space.guid).running];
      expect(mine.bound.map((g) => g.name)).toEqual(pages.bound.map((g) => g.name));
      expect(mine.global.map((g) => g.name)).toEqual(pages.global.map((g) => g.name));
      for (const [i, group] of [...mine.bound, ...mine.global].entries()) {
        const cf = [...pages.bound, ...pages.global][i];
        expect(group.rules).toEqual(cf?.rules);
        expect(group.rules).not.toBe(cf?.rules);
      }
    }
    // Another scope parses its own rules.
    const first = alphaSpaces[0].guid;
    expect(again.index.bindings(first).running.global[0]).not.toBe(
      scope.index.bindings(first).running.global[0],
    );
  });
});

describe("judgingScopes", () => {
  it("shares one scope among consecutive orgs up to the spaces per scope, one at a time", () => {
    const spaces = (n: number, org: string) =>
      Array.from({ length: n }, (_, i) => ({ guid: `${org}-space-${i}`, name: `s${i}` }));
    const byOrg = new Map([
      ["a", spaces(3, "a")],
      ["b", spaces(2, "b")],
      ["c", spaces(9, "c")], // more than a scope: its own
      ["d", spaces(1, "d")],
      ["e", spaces(4, "e")],
    ]);
    const scopeOf = judgingScopes(seededContext, watched(), byOrg, 5);
    const [a, b, c, d, e] = ["a", "b", "c", "d", "e"].map((org) => scopeOf(org));
    expect(b).toBe(a);
    expect(c).not.toBe(b);
    expect(d).not.toBe(c);
    expect(e).toBe(d);
    expect(a?.context.catalog).not.toBe(c?.context.catalog);
  });
});
