import { describe, expect, it } from "vitest";
import type { GroupEntry } from "@/lib/db/types";
import { whatChanged } from "./compliance-report";
import { createdWords } from "./group-edit-words";
import { describeEntry, kindOf } from "./history";

/** A group's create in the history's words (activity page, CSV, compliance report). */

const T = Date.parse("2026-12-07T10:15:00Z");
const created = (over: Partial<GroupEntry> = {}): GroupEntry => ({
  id: 9,
  kind: "group",
  occurredAt: T,
  orgGuid: "o",
  requestId: "r-1",
  outcome: "succeeded",
  user: { guid: "u", name: "admin" },
  group: { guid: "g-new", name: "db_egress" },
  details: {
    created: true,
    rules: {
      before: [],
      after: [
        { protocol: "tcp", destination: "10.0.0.0/8" },
        { protocol: "all", destination: "10.1.0.1" },
      ],
    },
    globallyEnabled: { before: { running: false, staging: false }, after: { running: true, staging: false } },
    spaces: [{ guid: "s", name: "dev", lifecycle: "running", opens: ["RDS", "Redis"], closes: [] }],
    command: "cf create-security-group db_egress rules.json\ncf bind-running-security-group db_egress",
  },
  cfError: null,
  message: null,
  ...over,
});

describe("a group's create in words", () => {
  it("says what was created and what it opened in the org's spaces", () => {
    expect(describeEntry(created(), T)).toBe(
      "Created security group db_egress (2 rules; platform-wide for running). In dev, RDS, Redis open.",
    );
    expect(kindOf(created(), T)).toBe("change");
    expect(whatChanged(created())).toBe("created security group db_egress");
  });

  it("says a refused create failed, in CF's words, and counts it as a failure", () => {
    const refused = created({
      outcome: "failed",
      group: { guid: "", name: "db_egress" },
      message: "Security group with name 'db_egress' already exists.",
    });
    expect(describeEntry(refused, T)).toBe(
      "Create of security group db_egress (2 rules; platform-wide for running): failed: Security group with name 'db_egress' already exists.",
    );
    expect(kindOf(refused, T)).toBe("failure");
  });

  it("words an empty group on nowhere, and both lifecycles", () => {
    const none = { rules: { before: [], after: [] }, globallyEnabled: created().details.globallyEnabled };
    expect(
      createdWords({
        ...none,
        globallyEnabled: { ...none.globallyEnabled, after: { running: false, staging: false } },
      }),
    ).toBe("no rules; not platform-wide");
    expect(
      createdWords({
        ...none,
        globallyEnabled: { ...none.globallyEnabled, after: { running: true, staging: true } },
      }),
    ).toBe("no rules; platform-wide for running and staging");
  });
});
