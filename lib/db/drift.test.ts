import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planSpace, planBaseline, type PlanInput, type RecordedState, type UnsettledChange } from "./drift";
import type { GroupRef } from "./types";

const PUBLIC: GroupRef = { guid: "g-public", name: "public_networks_egress" };
const TRUSTED: GroupRef = { guid: "g-trusted", name: "trusted_local_networks_egress" };
const SECRET: GroupRef = { guid: "g-secret", name: "admins_only" };
const VISIBLE = new Set([PUBLIC.guid, TRUSTED.guid]);
const T = 1_700_000_000_000;
const STALE = 120_000;

function recorded(running: GroupRef[], staging: GroupRef[] = [], updatedAt = T - 60_000): RecordedState {
  return { running, staging, updatedAt };
}

function input(running: GroupRef[], staging: GroupRef[] = [], more: Partial<PlanInput> = {}): PlanInput {
  return {
    observed: { running, staging },
    visibleGroupGuids: VISIBLE,
    unsettled: [],
    observedAt: T,
    staleAfterMs: STALE,
    ...more,
  };
}

function change(id: number, group: GroupRef, action: "bind" | "unbind", ageMs: number): UnsettledChange {
  return { id, occurredAt: T - ageMs, groupGuid: group.guid, lifecycle: "running", action };
}

describe("planSpace", () => {
  it("compares every group when the reads were filtered by space: one that is gone is unbound, seen or not", () => {
    const every = input([PUBLIC], [], { visibleGroupGuids: { has: () => true } });
    expect(planSpace(recorded([PUBLIC, SECRET]), every)).toMatchObject({
      kind: "write",
      next: { running: [PUBLIC], staging: [] },
      drift: [{ groupGuid: SECRET.guid, groupName: SECRET.name, lifecycle: "running", change: "unbound" }],
    });
  });

  it("leaves a space whose record is newer than the observation (the dashboard's own change landed after it)", () => {
    expect(planSpace(recorded([], [], T + 1), input([PUBLIC]))).toEqual({
      kind: "skip",
      reason: "recorded-after-observation",
    });
  });

  it("finds nothing when CF shows what was recorded", () => {
    expect(planSpace(recorded([PUBLIC], [TRUSTED]), input([PUBLIC], [TRUSTED]))).toEqual({
      kind: "unchanged",
    });
  });

  it("reports a group bound outside the dashboard, and records it", () => {
    expect(planSpace(recorded([]), input([PUBLIC]))).toEqual({
      kind: "write",
      next: { running: [PUBLIC], staging: [] },
      drift: [{ groupGuid: PUBLIC.guid, groupName: PUBLIC.name, lifecycle: "running", change: "bound" }],
      settle: { succeeded: [], failed: [] },
    });
  });

  it("reports a group unbound outside, under the name it was recorded with", () => {
    const plan = planSpace(recorded([PUBLIC], [TRUSTED]), input([PUBLIC], []));
    expect(plan).toMatchObject({
      kind: "write",
      next: { running: [PUBLIC], staging: [] },
      drift: [{ groupGuid: TRUSTED.guid, groupName: TRUSTED.name, lifecycle: "staging", change: "unbound" }],
    });
  });

  it("never reports a group the observer cannot see as unbound, and keeps it in the record", () => {
    expect(planSpace(recorded([PUBLIC, SECRET]), input([PUBLIC]))).toEqual({ kind: "unchanged" });
    const plan = planSpace(recorded([SECRET]), input([TRUSTED]));
    expect(plan).toMatchObject({
      kind: "write",
      next: { running: [SECRET, TRUSTED].sort((a, b) => (a.guid < b.guid ? -1 : 1)), staging: [] },
      drift: [{ groupGuid: TRUSTED.guid, change: "bound" }],
    });
  });

  it("compares a group the observer saw bound even if it was missing from the visible list", () => {
    expect(planSpace(recorded([]), input([SECRET]))).toMatchObject({
      kind: "write",
      drift: [{ groupGuid: SECRET.guid, change: "bound" }],
    });
  });

  it("ignores, this time, a difference on a change still in flight, but not the others", () => {
    const inFlight = [change(7, PUBLIC, "bind", 1_000)];
    expect(planSpace(recorded([]), input([PUBLIC], [], { unsettled: inFlight }))).toEqual({
      kind: "skip",
      reason: "in-flight",
    });
    const plan = planSpace(recorded([]), input([PUBLIC, TRUSTED], [], { unsettled: inFlight }));
    expect(plan).toMatchObject({
      kind: "write",
      next: { running: [TRUSTED] },
      drift: [{ groupGuid: TRUSTED.guid, change: "bound" }],
      settle: { succeeded: [], failed: [] },
    });
  });

  it("counts a change written after the observation began as in flight", () => {
    const young = [{ ...change(7, PUBLIC, "unbind", 0), occurredAt: T + 5_000 }];
    expect(planSpace(recorded([PUBLIC]), input([], [], { unsettled: young }))).toMatchObject({
      kind: "skip",
    });
  });

  it("settles a stale change that landed as succeeded, and that explains its difference", () => {
    const plan = planSpace(
      recorded([]),
      input([PUBLIC], [], { unsettled: [change(7, PUBLIC, "bind", STALE)] }),
    );
    expect(plan).toEqual({
      kind: "write",
      next: { running: [PUBLIC], staging: [] },
      drift: [],
      settle: { succeeded: [7], failed: [] },
    });
  });

  it("settles a stale change that did not land as failed", () => {
    const plan = planSpace(
      recorded([PUBLIC]),
      input([PUBLIC], [], { unsettled: [change(8, PUBLIC, "unbind", 3 * STALE)] }),
    );
    expect(plan).toEqual({
      kind: "write",
      next: { running: [PUBLIC], staging: [] },
      drift: [],
      settle: { succeeded: [], failed: [8] },
    });
  });

  it("still reports drift beside a settled change, and a failed one explains nothing", () => {
    const plan = planSpace(
      recorded([]),
      input([PUBLIC, TRUSTED], [], {
        unsettled: [change(8, TRUSTED, "bind", STALE), change(9, PUBLIC, "unbind", STALE)],
      }),
    );
    expect(plan).toMatchObject({
      kind: "write",
      drift: [{ groupGuid: PUBLIC.guid, change: "bound" }],
      settle: { succeeded: [8], failed: [9] },
    });
  });

  it("leaves unsettled a stale change on a group the observer cannot see, or with a newer one in flight", () => {
    const hidden = [change(7, SECRET, "bind", STALE)];
    expect(planSpace(recorded([]), input([], [], { unsettled: hidden }))).toEqual({ kind: "unchanged" });
    const both = [change(7, PUBLIC, "bind", STALE), change(8, PUBLIC, "unbind", 10)];
    expect(planSpace(recorded([]), input([], [], { unsettled: both }))).toEqual({ kind: "unchanged" });
  });

  it("treats running and staging separately", () => {
    const plan = planSpace(
      recorded([PUBLIC], []),
      input([PUBLIC], [PUBLIC], { unsettled: [change(3, PUBLIC, "unbind", STALE)] }),
    );
    expect(plan).toMatchObject({
      kind: "write",
      drift: [{ groupGuid: PUBLIC.guid, lifecycle: "staging", change: "bound" }],
      settle: { succeeded: [], failed: [3] },
    });
  });

  it("does not call a renamed group drift", () => {
    const renamed = { ...PUBLIC, name: "public_egress_v2" };
    expect(planSpace(recorded([PUBLIC]), input([renamed]))).toEqual({ kind: "unchanged" });
  });

  it("is settled by its own write: planning again over the new record finds nothing", () => {
    const group = fc.constantFrom(PUBLIC, TRUSTED, SECRET);
    const groups = fc.uniqueArray(group, { selector: (g) => g.guid });
    const unsettled = fc.array(
      fc.record({
        id: fc.nat(),
        occurredAt: fc.integer({ min: T - 3 * STALE, max: T - STALE }),
        groupGuid: group.map((g) => g.guid),
        lifecycle: fc.constantFrom("running" as const, "staging" as const),
        action: fc.constantFrom("bind" as const, "unbind" as const),
      }),
    );
    fc.assert(
      fc.property(groups, groups, groups, groups, unsettled, (r1, s1, r2, s2, stale) => {
        const observation = input(r2, s2, { unsettled: stale });
        const plan = planSpace(recorded(r1, s1), observation);
        if (plan.kind !== "write") return;
        const settled = new Set([...plan.settle.succeeded, ...plan.settle.failed]);
        const again = { ...observation, unsettled: stale.filter((c) => !settled.has(c.id)) };
        expect(planSpace({ ...plan.next, updatedAt: T }, again)).toEqual({ kind: "unchanged" });
      }),
    );
  });
});

describe("planBaseline", () => {
  it("settles stale changes of a space seen for the first time from what it shows", () => {
    const unsettled = [
      change(1, PUBLIC, "bind", STALE),
      change(2, TRUSTED, "bind", STALE),
      change(3, SECRET, "bind", STALE),
    ];
    expect(planBaseline(input([PUBLIC], [], { unsettled }), false)).toEqual({
      kind: "baseline",
      settle: { succeeded: [1], failed: [2] },
    });
  });

  it("waits while the dashboard changed the space recently: these reads may predate that change", () => {
    expect(planBaseline(input([PUBLIC]), true)).toEqual({ kind: "defer" });
  });
});
