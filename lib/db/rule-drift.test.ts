import { describe, expect, it } from "vitest";
import { canonicalState, orgsConcerned, planGroup, ruleChanges, type EditOfGroup } from "./rule-drift";
import { ruleChangesWords } from "./rule-drift-words";

const T0 = 1_700_000_000_000;
const OFF = { running: false, staging: false };
const RUNNING = { running: true, staging: false };
const REDIS = { protocol: "tcp", destination: "10.0.2.0/24", ports: "6379", description: "Redis" };
const DNS = { protocol: "udp", destination: "10.0.0.2", ports: "53" };
const PING = { protocol: "icmp", destination: "0.0.0.0/0", type: 8, code: 0 };

const recordedOf = (rules: object[], flags = OFF, seenAt = T0) => {
  const c = canonicalState(rules, flags);
  return { hash: c.hash, state: c.state, seenAt };
};
const input = (rules: object[], flags = OFF, edits: EditOfGroup[] = [], observedAt = T0 + 60_000) => ({
  observed: canonicalState(rules, flags),
  observedAt,
  edits,
  inFlightMs: 10_000,
});

describe("canonicalState", () => {
  it("hashes the same rules the same whatever their order and their keys' order", () => {
    const a = canonicalState([REDIS, DNS], OFF);
    const b = canonicalState(
      [{ ports: "53", destination: "10.0.0.2", protocol: "udp" }, { ...REDIS }].reverse(),
      OFF,
    );
    expect(b.hash).toBe(a.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(a.json)).toEqual(a.state);
  });

  it("hashes a different rule, an extra copy of a rule or a flag differently", () => {
    const base = canonicalState([REDIS], OFF).hash;
    expect(canonicalState([{ ...REDIS, ports: "6380" }], OFF).hash).not.toBe(base);
    expect(canonicalState([REDIS, REDIS], OFF).hash).not.toBe(base);
    expect(canonicalState([REDIS], RUNNING).hash).not.toBe(base);
    expect(canonicalState([{ ...REDIS, log: true }], OFF).hash).not.toBe(base);
  });
});

describe("planGroup", () => {
  it("takes a group seen for the first time as the baseline, never as drift", () => {
    expect(planGroup(null, input([REDIS]))).toEqual({ kind: "baseline" });
  });

  it("finds the same rules and flags unchanged", () => {
    expect(planGroup(recordedOf([REDIS, DNS]), input([DNS, REDIS]))).toEqual({ kind: "unchanged" });
  });

  it("leaves a state recorded after this observation began alone (a later observer wrote it)", () => {
    expect(planGroup(recordedOf([REDIS], OFF, T0 + 120_000), input([DNS]))).toEqual({ kind: "skip" });
  });

  it("reports a rule added and one removed outside the dashboard as drift", () => {
    const plan = planGroup(recordedOf([REDIS, DNS]), input([DNS, PING]));
    expect(plan).toEqual({ kind: "drift", changes: { added: [PING], removed: [REDIS], flags: [] } });
  });

  it("reports a platform-wide flag turned on (rules unchanged) as drift", () => {
    expect(planGroup(recordedOf([REDIS]), input([REDIS], RUNNING))).toEqual({
      kind: "drift",
      changes: { added: [], removed: [], flags: [{ lifecycle: "running", on: true }] },
    });
  });

  it("is explained by a dashboard edit since the last observation that left exactly what is seen", () => {
    const edit = { id: 7, occurredAt: T0 + 30_000, rulesAfter: [DNS], flagsAfter: OFF };
    expect(planGroup(recordedOf([REDIS, DNS]), input([DNS], OFF, [edit]))).toEqual({
      kind: "explained",
      editId: 7,
    });
  });

  it("is explained by a flags-only edit (no rules in it: the rules stay as recorded)", () => {
    const edit = { id: 8, occurredAt: T0 + 30_000, rulesAfter: null, flagsAfter: RUNNING };
    expect(planGroup(recordedOf([REDIS]), input([REDIS], RUNNING, [edit]))).toEqual({
      kind: "explained",
      editId: 8,
    });
  });

  it("counts an edit a little older than the last observation (that read CF before it landed)", () => {
    const edit = { id: 9, occurredAt: T0 - 5_000, rulesAfter: [DNS], flagsAfter: OFF };
    expect(planGroup(recordedOf([REDIS]), input([DNS], OFF, [edit])).kind).toBe("explained");
  });

  it("is drift when the edit left something else, or was made long before the last observation", () => {
    const other = { id: 10, occurredAt: T0 + 30_000, rulesAfter: [PING], flagsAfter: OFF };
    expect(planGroup(recordedOf([REDIS]), input([DNS], OFF, [other])).kind).toBe("drift");
    // An old edit to the same rules does not make a later change back to them the dashboard's.
    const old = { id: 11, occurredAt: T0 - 60_000, rulesAfter: [DNS], flagsAfter: OFF };
    expect(planGroup(recordedOf([REDIS]), input([DNS], OFF, [old])).kind).toBe("drift");
    // The edit's rules, but the flags CF shows are not the edit's: someone else turned one.
    const rulesOnly = { id: 12, occurredAt: T0 + 30_000, rulesAfter: [DNS], flagsAfter: OFF };
    expect(planGroup(recordedOf([REDIS]), input([DNS], RUNNING, [rulesOnly])).kind).toBe("drift");
  });
});

describe("ruleChanges", () => {
  it("counts copies: one of two identical rules removed is one removal", () => {
    const before = canonicalState([DNS, DNS, REDIS], OFF).state;
    const after = canonicalState([DNS, REDIS], { running: false, staging: true }).state;
    expect(ruleChanges(before, after)).toEqual({
      added: [],
      removed: [DNS],
      flags: [{ lifecycle: "staging", on: true }],
    });
  });

  it("says what changed in words", () => {
    const changes = ruleChanges(
      canonicalState([REDIS], RUNNING).state,
      canonicalState([DNS, PING], OFF).state,
    );
    expect(ruleChangesWords(changes)).toBe(
      "rules added: icmp 0.0.0.0/0 type 8 code 0, udp 10.0.0.2 ports 53; rule removed: tcp 10.0.2.0/24 ports 6379 (Redis); platform-wide for running turned off",
    );
  });
});

describe("orgsConcerned", () => {
  const all = ["o-c", "o-a", "o-b"];
  it("is the orgs where the group is bound", () => {
    expect(
      orgsConcerned({ boundOrgGuids: ["o-b", "o-a", "o-b"], allOrgGuids: all, before: OFF, after: OFF }),
    ).toEqual(["o-a", "o-b"]);
  });

  it("is every org when the group is platform-wide before or after the change", () => {
    expect(orgsConcerned({ boundOrgGuids: [], allOrgGuids: all, before: OFF, after: RUNNING })).toEqual([
      "o-a",
      "o-b",
      "o-c",
    ]);
    expect(orgsConcerned({ boundOrgGuids: [], allOrgGuids: all, before: RUNNING, after: OFF })).toHaveLength(
      3,
    );
  });

  it("is none for a group bound nowhere and never platform-wide", () => {
    expect(orgsConcerned({ boundOrgGuids: [], allOrgGuids: all, before: OFF, after: OFF })).toEqual([]);
  });
});
