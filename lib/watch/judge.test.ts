import { describe, expect, it } from "vitest";
import type { Standing } from "@/lib/db/watch-types";
import { EMPTY_POLICY, type Policy } from "@/lib/policy";
import { alphaIndex, alphaSpaces, seededContext } from "@/lib/policy/test-support/world";
import { causeOf, eventOf, judgeOrg, type OrgPolicy } from "./judge";

/**
 * One org judged against its policy by the matrix's test, on the seeded
 * agency-alpha (dev closed, staging trusted-local, prod both, sandbox public).
 */

const ORG = "org-alpha";
const T = 1_700_000_000_000;
const noPublic: Policy = {
  ...EMPTY_POLICY,
  rules: [{ spaces: "*", require: { profile: "public", present: false } }],
};
const active = (policy: Policy, version = 1): OrgPolicy => ({ policy, version, active: true });

function judge(policy: OrgPolicy, previous: Standing[] = [], baseline = false) {
  return judgeOrg({
    orgGuid: ORG,
    spaces: alphaSpaces,
    index: alphaIndex(),
    policy,
    context: seededContext,
    previous: new Map(previous.map((s) => [s.spaceGuid, s])),
    judgedAt: T,
    baseline,
  });
}

const verdicts = (standings: Standing[]) =>
  Object.fromEntries(standings.map((s) => [s.spaceName, s.verdict]));

describe("judgeOrg", () => {
  it("records every space unjudged without evaluating anything when the org has no policy", () => {
    const result = judge({ policy: EMPTY_POLICY, version: 0, active: false });
    expect(verdicts(result.standings)).toEqual({
      dev: "unjudged",
      staging: "unjudged",
      prod: "unjudged",
      sandbox: "unjudged",
    });
    expect(result.evaluated).toBe(0);
    expect(result.turns).toEqual([]);
  });

  it("judges by the matrix's test, evaluating each set of bound groups once, and raises nothing on a baseline", () => {
    const result = judge(active(noPublic), [], true);
    expect(verdicts(result.standings)).toEqual({
      dev: "complies",
      staging: "complies",
      prod: "violates",
      sandbox: "violates",
    });
    expect(result.standings.find((s) => s.spaceName === "prod")).toMatchObject({
      rule: "1",
      reasons: [expect.stringMatching(/^Public egress is on/)],
      policyVersion: 1,
      judgedAt: T,
    });
    expect(result.evaluated).toBe(4);
    expect(result.turns).toEqual([]);
  });

  it("treats a space without a standing as new once a baseline exists, and writes only what changed", () => {
    const known = judge(active(noPublic), [], true).standings.filter((s) => s.spaceName !== "sandbox");
    const result = judge(active(noPublic), known);
    expect(result.standings.map((s) => s.spaceName)).toEqual(["sandbox"]);
    const [turn] = result.turns;
    expect(turn?.kind).toBe("violation-began");
    expect(turn && causeOf(turn, { entries: new Map(), policyEntryId: null })).toEqual({ kind: "new-space" });
  });

  it("names a policy edit as the cause when the version judged against changed, and ends violations it lifts", () => {
    const before = judge(active(noPublic), [], true).standings;
    const lifted = judge(active(EMPTY_POLICY, 2), before);
    expect(lifted.turns.map((t) => [t.standing.spaceName, t.kind])).toEqual([
      ["prod", "violation-ended"],
      ["sandbox", "violation-ended"],
    ]);
    const [turn] = lifted.turns;
    if (!turn) throw new Error("no turn");
    const cause = causeOf(turn, { entries: new Map(), policyEntryId: 42 });
    expect(cause).toEqual({ kind: "policy", entryId: 42, version: 2 });
    // The event keeps the rule and the facts that were missing, in the window from the previous cycle.
    expect(eventOf(turn, cause, T - 300_000)).toMatchObject({
      kind: "violation-ended",
      spaceName: "prod",
      rule: "1",
      reasons: [expect.stringMatching(/^Public egress is on/)],
      windowFrom: T - 300_000,
      windowTo: T,
    });
  });

  it("names the space's latest entry as the cause under the same policy, else says it is unknown", () => {
    const before = judge(active(noPublic), [], true).standings.map((s) =>
      s.spaceName === "dev" ? { ...s, verdict: "violates" as const, rule: "1", reasons: ["was"] } : s,
    );
    const [turn] = judge(active(noPublic), before).turns;
    if (!turn) throw new Error("no turn");
    const drift = { id: 7, kind: "drift" as const, summary: "changed outside the dashboard: …" };
    expect(
      causeOf(turn, { entries: new Map([[turn.standing.spaceGuid, drift]]), policyEntryId: null }),
    ).toEqual({
      kind: "drift",
      entryId: 7,
      summary: drift.summary,
    });
    expect(causeOf(turn, { entries: new Map(), policyEntryId: null })).toEqual({ kind: "unknown" });
  });
});
