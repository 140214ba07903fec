import { describe, expect, it } from "vitest";
import type { SecurityGroup } from "@/lib/cf/schemas";
import type { Standing } from "@/lib/db/watch-types";
import { EMPTY_POLICY, type Policy } from "@/lib/policy";
import { alphaGroups, alphaIndex, alphaSpaces, seededContext } from "@/lib/policy/test-support/world";
import { judgeOrg } from "./judge";
import { JudgeMemo } from "./judge-memo";

/**
 * The watcher's memo of its judgements' inputs, on the seeded agency-alpha:
 * a cycle over an unchanged org evaluates nothing and writes nothing; a
 * change of a group's rules, of a space's name, of the policy, of the
 * platform file, or a stored standing that is not the memo's, is judged again.
 */

const noPublic: Policy = {
  ...EMPTY_POLICY,
  rules: [{ spaces: "*", require: { profile: "public", present: false } }],
};

function cycle(
  memo: JudgeMemo,
  previous: Map<string, Standing>,
  options: {
    groups?: SecurityGroup[];
    version?: number;
    spaces?: readonly { guid: string; name: string }[];
    context?: object;
  } = {},
) {
  memo.begin(options.context ?? seededContext);
  const result = judgeOrg({
    orgGuid: "org-alpha",
    spaces: options.spaces ?? alphaSpaces,
    index: alphaIndex(options.groups ?? alphaGroups()),
    policy: { policy: noPublic, version: options.version ?? 1, active: true },
    context: seededContext,
    previous,
    judgedAt: 1,
    baseline: false,
    memo,
  });
  // As the cycle records them.
  for (const standing of result.standings) previous.set(standing.spaceGuid, standing);
  return result;
}

describe("JudgeMemo", () => {
  it("keeps every standing of an unchanged org without evaluating, and judges again what changed", () => {
    const memo = new JudgeMemo();
    const stored = new Map<string, Standing>();
    const first = cycle(memo, stored);
    expect(first.standings).toHaveLength(4);
    expect(first.evaluated).toBeGreaterThan(0);

    // The same groups, parsed anew (a new cycle's objects): nothing evaluated, nothing written.
    expect(cycle(memo, stored)).toEqual({ standings: [], turns: [], evaluated: 0 });

    // A group's rules edited (same guid and name): the spaces it reaches are evaluated again.
    const edited = alphaGroups().map((g) =>
      g.name === "public_networks_egress" ? { ...g, rules: g.rules.slice(1) } : g,
    );
    expect(cycle(memo, stored, { groups: edited }).evaluated).toBeGreaterThan(0);
    expect(cycle(memo, stored, { groups: edited }).evaluated).toBe(0);

    // A new policy version: every space judged again.
    expect(cycle(memo, stored, { groups: edited, version: 2 }).evaluated).toBeGreaterThan(0);

    // A renamed space (globs match names): that space judged again, and its standing written.
    const renamed = alphaSpaces.map((s, i) => (i === 0 ? { ...s, name: `${s.name}-renamed` } : s));
    const afterRename = cycle(memo, stored, { groups: edited, version: 2, spaces: renamed });
    expect(afterRename.standings.map((s) => s.spaceName)).toEqual([`${alphaSpaces[0]?.name}-renamed`]);

    // Another platform file: everything judged again.
    expect(
      cycle(memo, stored, { groups: edited, version: 2, spaces: renamed, context: {} }).evaluated,
    ).toBeGreaterThan(0);
  });

  it("judges again a space whose stored standing is not the one it remembers (a write that failed)", () => {
    const memo = new JudgeMemo();
    const stored = new Map<string, Standing>();
    cycle(memo, stored);
    const [guid, standing] = [...stored.entries()].find(([, s]) => s.verdict === "violates") ?? [];
    if (!guid || !standing) throw new Error("the seed has a violating space");
    // The database still holds an older judgement of that space.
    stored.set(guid, { ...standing, verdict: "complies", rule: null, reasons: [] });
    const again = cycle(memo, stored);
    expect(again.standings.map((s) => [s.spaceGuid, s.verdict])).toEqual([[guid, "violates"]]);
  });
});
