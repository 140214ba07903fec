import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planSpace, type UnsettledChange } from "./drift";
import { recordedAsObserved } from "./observe";
import { groupRefsJson } from "./rows";
import type { GroupRef } from "./types";

const PUBLIC: GroupRef = { guid: "g-public", name: "public_networks_egress" };
const TRUSTED: GroupRef = { guid: "g-trusted", name: "trusted_local_networks_egress" };
const SECRET: GroupRef = { guid: "g-secret", name: "admins_only" };
const RENAMED: GroupRef = { guid: "g-public", name: "public_egress" };
const T = 1_700_000_000_000;
const STALE = 120_000;

const snapshotOf = (running: GroupRef[], staging: GroupRef[], updatedAt = T - 60_000) => ({
  running: groupRefsJson(running),
  staging: groupRefsJson(staging),
  updated_at: updatedAt,
});

describe("recordedAsObserved (the drift check's shortcut for a space that has not changed)", () => {
  it("takes a record written from the same bindings, in whatever order they were observed", () => {
    const snapshot = snapshotOf([PUBLIC, TRUSTED], [TRUSTED]);
    const space = { running: [TRUSTED, PUBLIC], staging: [TRUSTED] };
    expect(recordedAsObserved(snapshot, space, { unsettled: [], observedAt: T })).toBe(true);
  });

  it("leaves to the full plan a renamed group, a different binding, a change unsettled, a newer record", () => {
    const snapshot = snapshotOf([PUBLIC], []);
    const input = { unsettled: [], observedAt: T };
    expect(recordedAsObserved(snapshot, { running: [RENAMED], staging: [] }, input)).toBe(false);
    expect(recordedAsObserved(snapshot, { running: [PUBLIC], staging: [PUBLIC] }, input)).toBe(false);
    const pending: UnsettledChange = {
      id: 1,
      occurredAt: T - 10 * STALE,
      groupGuid: PUBLIC.guid,
      lifecycle: "running",
      action: "bind",
    };
    expect(
      recordedAsObserved(snapshot, { running: [PUBLIC], staging: [] }, { ...input, unsettled: [pending] }),
    ).toBe(false);
    expect(
      recordedAsObserved(snapshotOf([PUBLIC], [], T + 1), { running: [PUBLIC], staging: [] }, input),
    ).toBe(false);
  });

  it("never answers yes where the full plan would write or skip", () => {
    const ref = fc.constantFrom(PUBLIC, TRUSTED, SECRET, RENAMED);
    const refs = fc.uniqueArray(ref, { selector: (g) => g.guid, maxLength: 3 });
    const unsettled = fc.array(
      fc.record({
        id: fc.nat(),
        occurredAt: fc.integer({ min: T - 4 * STALE, max: T }),
        groupGuid: fc.constantFrom(PUBLIC.guid, TRUSTED.guid, SECRET.guid),
        lifecycle: fc.constantFrom("running" as const, "staging" as const),
        action: fc.constantFrom("bind" as const, "unbind" as const),
      }),
      { maxLength: 2 },
    );
    fc.assert(
      fc.property(
        refs,
        refs,
        refs,
        refs,
        unsettled,
        fc.integer({ min: T - STALE, max: T + STALE }),
        fc.boolean(),
        (recRun, recStage, obsRun, obsStage, changes, updatedAt, everyGroup) => {
          const space = { running: obsRun, staging: obsStage };
          const taken = recordedAsObserved(snapshotOf(recRun, recStage, updatedAt), space, {
            unsettled: changes,
            observedAt: T,
          });
          if (!taken) return;
          const plan = planSpace(
            { running: recRun, staging: recStage, updatedAt },
            {
              observed: space,
              visibleGroupGuids: everyGroup ? { has: () => true } : new Set([PUBLIC.guid]),
              unsettled: changes,
              observedAt: T,
              staleAfterMs: STALE,
            },
          );
          expect(plan).toEqual({ kind: "unchanged" });
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
