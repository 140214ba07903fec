import { intent, observation, OLIVIA, ORG, PUBLIC, space, STALE_MS, T0, TRUSTED } from "./fixtures";
import type { AppDatabase } from "../types";

/** A history with each kind of write: intents and outcomes, drift, a settlement, a policy, a segment, a request, an event. */
export async function writeHistory(h: { store: AppDatabase; clock: number }) {
  const store = h.store;
  await store.observe(observation(T0, [space("s-dev"), space("s-prod")]));
  h.clock = T0 + 1_000;
  const [bound, other] = await store.recordIntents([intent("s-dev", PUBLIC), intent("s-prod", TRUSTED)]);
  await store.recordOutcomes([bound ?? -1], { outcome: "succeeded" });
  h.clock = T0 + 2_000;
  // Drift on prod (TRUSTED seen bound is explained by the pending change, settled as succeeded).
  await store.observe(
    observation(T0 + 1_000 + STALE_MS + 1, [space("s-dev", [PUBLIC]), space("s-prod", [TRUSTED, PUBLIC])]),
  );
  const policy = await store.writePolicy({
    user: OLIVIA,
    orgGuid: ORG,
    document: { rules: [] },
    expectedVersion: 0,
    message: "Policy set",
  });
  const segment = await store.recordSegmentIntent({
    user: OLIVIA,
    orgGuid: ORG,
    spaceGuid: "s-dev",
    spaceName: "dev",
    from: null,
    to: { guid: "seg", name: "secure" },
  });
  await store.recordSegmentOutcome(segment, { outcome: "failed", message: "CF said no" });
  const request = await store.recordRequest({
    user: OLIVIA,
    orgGuid: ORG,
    message: "Asked for 10.0.0.0/8",
    details: { cidr: "10.0.0.0/8" },
  });
  const [event] = await store.watch.recordJudgements(
    [],
    [
      {
        kind: "violation-began",
        orgGuid: ORG,
        spaceGuid: "s-prod",
        spaceName: "prod",
        rule: "1",
        reasons: ["public"],
        cause: { kind: "unknown" },
        windowFrom: T0,
        windowTo: T0 + 2_000,
      },
    ],
  );
  return {
    bound: bound ?? -1,
    other: other ?? -1,
    policy: policy.ok ? policy.entryId : -1,
    segment,
    request,
    event: event ?? -1,
  };
}
