import { describe, expect, it } from "vitest";
import {
  ALERT_SCHEMA,
  alertBody,
  alertPayloadSchema,
  alertSubject,
  subscriptionOf,
  type AlertFacts,
} from "./payload";

const T = Date.UTC(2026, 11, 7, 14, 2, 0);
const drift: AlertFacts = {
  id: "drift-12",
  kind: "drift",
  orgGuid: "org-1",
  space: { guid: "space-1", name: "dev" },
  occurredAt: T + 120_000,
  window: { from: T, to: T + 120_000 },
  cause: "changed outside the dashboard",
  summary: "public_networks_egress bound (running)",
};

describe("the alert payload (egress-dashboard/alert@1)", () => {
  it("has the versioned schema's fields, the id as idempotency key, and ISO times", () => {
    const payload = alertPayloadSchema.parse(JSON.parse(alertBody(drift, "agency-alpha")));
    expect(payload).toEqual({
      schema: ALERT_SCHEMA,
      id: "drift-12",
      idempotency_key: "drift-12",
      kind: "drift",
      org: { guid: "org-1", name: "agency-alpha" },
      space: { guid: "space-1", name: "dev" },
      occurred_at: "2026-12-07T14:04:00.000Z",
      window: { from: "2026-12-07T14:02:00.000Z", to: "2026-12-07T14:04:00.000Z" },
      cause: "changed outside the dashboard",
      summary: "public_networks_egress bound (running)",
      text:
        "Drift in agency-alpha/dev: public_networks_egress bound (running) " +
        "(between 2026-12-07 14:02:00 UTC and 2026-12-07 14:04:00 UTC); cause: changed outside the dashboard",
    });
  });

  it("is the same bytes every time (what is signed), and its text escapes Slack's control characters", () => {
    expect(alertBody(drift, "agency-alpha")).toBe(alertBody(drift, "agency-alpha"));
    const sneaky = alertPayloadSchema.parse(
      JSON.parse(alertBody({ ...drift, summary: "<!channel> & <https://evil|click>" }, "a&b")),
    );
    expect(sneaky.text).toContain("a&amp;b/dev: &lt;!channel&gt; &amp; &lt;https://evil|click&gt;");
    expect(sneaky.summary).toBe("<!channel> & <https://evil|click>");
  });

  it("names the org and the kind in an email's subject, and maps each kind to its subscription", () => {
    expect(
      alertSubject({ kind: "violation-began", org: { guid: "o", name: "agency-alpha" }, space: null }),
    ).toBe("[Egress dashboard] Policy violation began: agency-alpha");
    expect(subscriptionOf("violation-ended")).toBe("violation");
    expect(subscriptionOf("public-egress-opened")).toBe("public-egress");
    expect(subscriptionOf("test")).toBeNull();
  });

  it("refuses a payload with an unknown field or a missing one", () => {
    const payload = JSON.parse(alertBody(drift, "agency-alpha")) as Record<string, unknown>;
    expect(alertPayloadSchema.safeParse({ ...payload, extra: 1 }).success).toBe(false);
    delete payload.text;
    expect(alertPayloadSchema.safeParse(payload).success).toBe(false);
  });
});
