import { intent, observation, OLIVIA, ORG, PUBLIC, space, STALE_MS, T0, TRUSTED } from "./fixtures";
import type { AppDatabase } from "../types";

/**
 * A history with each kind of write: intents and outcomes, drift, a settlement, a policy, a segment, a request,
 * a security group's edit and its outcome, an event.
 */
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
  const [group] = await store.recordGroupEditIntents([
    {
      user: OLIVIA,
      orgGuid: ORG,
      group: TRUSTED,
      details: {
        rules: { before: [], after: [{ protocol: "tcp", destination: "10.0.0.0/8", ports: "443" }] },
        globallyEnabled: {
          before: { running: false, staging: false },
          after: { running: false, staging: false },
        },
        spaces: [],
        command: "cf update-security-group trusted rules.json",
      },
    },
  ]);
  await store.recordGroupEditOutcome([group ?? -1], {
    outcome: "failed",
    cfError: { status: 422, code: 10008, title: "CF-UnprocessableEntity", detail: "Rules[0]: bad" },
    message: "Rules[0]: bad",
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
    group: group ?? -1,
    event: event ?? -1,
  };
}
