import { describe, expect, it } from "vitest";
import type { ChangeEntry, DriftEntry, PolicyEntry, RequestEntry, RuleDriftEntry } from "@/lib/db/types";
import { csvText } from "./csv";
import {
  formatWindow,
  activityCsvRows,
  activityRows,
  describeEntry,
  formatTime,
  kindOf,
  lastChangeOf,
  REQUEST_WITHOUT_DETAILS,
} from "./history";

const T = Date.parse("2026-11-30T10:15:42.123Z");
const change = (over: Partial<ChangeEntry> = {}): ChangeEntry => ({
  id: 7,
  kind: "change",
  occurredAt: T,
  orgGuid: "o",
  requestId: "r-1",
  outcome: "succeeded",
  user: { guid: "u", name: "sam" },
  spaceGuid: "s",
  spaceName: "dev",
  group: { guid: "g", name: "public_networks_egress" },
  lifecycle: "running",
  action: "bind",
  cfError: null,
  message: null,
  settled: null,
  ...over,
});
const drift: DriftEntry = {
  id: 8,
  kind: "drift",
  occurredAt: T + 60_000,
  orgGuid: "o",
  requestId: null,
  spaceGuid: "s",
  spaceName: "dev",
  changes: [
    { groupGuid: "g", groupName: "trusted_local_networks_egress", lifecycle: "running", change: "bound" },
    { groupGuid: "h", groupName: "dns", lifecycle: "staging", change: "unbound" },
  ],
  from: T - 3_600_000,
  to: T + 60_000,
};

describe("the history in words", () => {
  it("writes times in UTC to the minute", () => {
    expect(formatTime(T)).toBe("2026-11-30 10:15 UTC");
  });

  it("says what a change did, and how it ended", () => {
    expect(describeEntry(change(), T)).toBe("Bound public_networks_egress.");
    expect(describeEntry(change({ action: "unbind", lifecycle: "staging" }), T)).toBe(
      "Unbound public_networks_egress for staging.",
    );
    expect(describeEntry(change({ outcome: "failed", message: "This org is suspended." }), T)).toBe(
      "Bind public_networks_egress: failed: This org is suspended.",
    );
    expect(describeEntry(change({ outcome: "unknown" }), T)).toBe(
      "Bind public_networks_egress: outcome unknown",
    );
    // Still pending after ten minutes: the process stopped between the CF request and the outcome.
    expect(describeEntry(change({ outcome: "pending" }), T + 11 * 60_000)).toBe(
      "Bind public_networks_egress: outcome unknown",
    );
    expect(describeEntry(change({ outcome: "pending" }), T + 1_000)).toBe(
      "Bind public_networks_egress: in progress",
    );
    expect(describeEntry(change({ outcome: "failed", settled: { at: T, by: "drift check" } }), T)).toBe(
      "Bind public_networks_egress: failed (settled by the drift check)",
    );
  });

  it("says what changed outside the dashboard, between when and when, actor unknown", () => {
    expect(describeEntry(drift, T)).toBe(
      "Changed outside the dashboard, between 2026-11-30 09:15 UTC and 2026-11-30 10:16 UTC, actor unknown: trusted_local_networks_egress bound; dns unbound for staging.",
    );
  });

  it("says which rules of a group changed outside the dashboard, as the whole org's drift", () => {
    const ruleDrift: RuleDriftEntry = {
      id: 10,
      kind: "rule-drift",
      occurredAt: T + 60_000,
      orgGuid: "o",
      requestId: null,
      group: { guid: "g", name: "trusted_local_networks_egress" },
      changes: {
        added: [{ protocol: "tcp", destination: "10.99.0.0/16", ports: "443" }],
        removed: [{ protocol: "tcp", destination: "10.0.2.0/24", ports: "6379", description: "Redis" }],
        flags: [{ lifecycle: "staging", on: true }],
      },
      from: T - 3_600_000,
      to: T + 60_000,
    };
    expect(describeEntry(ruleDrift, T)).toBe(
      "The rules of security group trusted_local_networks_egress changed outside the dashboard, between 2026-11-30 09:15 UTC and 2026-11-30 10:16 UTC, actor unknown: rule added: tcp 10.99.0.0/16 ports 443; rule removed: tcp 10.0.2.0/24 ports 6379 (Redis); platform-wide for staging turned on.",
    );
    expect(kindOf(ruleDrift, T)).toBe("drift");
    const [row] = activityRows([ruleDrift], new Map(), T);
    expect([row?.space, row?.who, row?.kind]).toEqual([
      "(whole org)",
      "actor unknown (outside the dashboard)",
      "drift",
    ]);
  });

  it("sorts entries into the activity page's kinds", () => {
    expect(kindOf(change(), T)).toBe("change");
    expect(kindOf(change({ outcome: "failed" }), T)).toBe("failure");
    expect(kindOf(drift, T)).toBe("drift");
  });

  it("gives the matrix's Last change", () => {
    expect(lastChangeOf(change())).toEqual({ id: 7, at: T, who: "sam" });
    expect(lastChangeOf(drift)).toEqual({ id: 8, at: T + 60_000, who: "outside the dashboard" });
    expect(lastChangeOf(undefined)).toBeNull();
  });

  it("writes the same rows on the page and in the CSV, with the space's current name", () => {
    const policy: PolicyEntry = {
      id: 9,
      kind: "policy",
      occurredAt: T,
      orgGuid: "o",
      requestId: "r-9",
      user: { guid: "u2", name: "olivia" },
      message: null,
      before: null,
      after: {},
    };
    const rows = activityRows([change(), drift, policy], new Map([["s", "development"]]), T);
    expect(rows.map((r) => [r.space, r.who, r.kind])).toEqual([
      ["development", "sam", "change"],
      ["development", "actor unknown (outside the dashboard)", "drift"],
      ["(whole org)", "olivia", "policy"],
    ]);
    const csv = csvText(activityCsvRows(rows)).split("\r\n");
    expect(csv[0]).toBe("when,space,who,kind,what,request id");
    expect(csv[1]).toBe("2026-11-30 10:15 UTC,development,sam,change,Bound public_networks_egress.,r-1");
  });
});

describe("a drift's window", () => {
  it("is to the minute, or to the second when both ends fall in one minute", () => {
    const at = Date.UTC(2026, 11, 7, 19, 0, 3);
    expect(formatWindow(at - 3_600_000, at)).toBe("between 2026-12-07 18:00 UTC and 2026-12-07 19:00 UTC");
    expect(formatWindow(at, at + 5_000)).toBe("between 2026-12-07 19:00:03 UTC and 2026-12-07 19:00:08 UTC");
    expect(formatWindow(at + 50_000, at + 62_000)).toBe(
      "between 2026-12-07 19:00 UTC and 2026-12-07 19:01 UTC",
    );
  });
});

describe("a private-egress request", () => {
  const request: RequestEntry = {
    id: 11,
    kind: "request",
    occurredAt: T,
    orgGuid: "o",
    requestId: "r-3",
    user: { guid: "u2", name: "olivia" },
    message: "Prepared a private-egress request: endpoint 198.51.100.7, 1 private network (172.20.0.0/16).",
    details: { endpointIp: "198.51.100.7", privateCidrs: ["172.20.0.0/16"] },
  };

  it("names its addresses to a reader who may see network details, and only the fact to others", () => {
    const words = (networkDetails: boolean) =>
      activityRows([request], new Map(), T, { networkDetails }).map((r) => r.what);
    expect(words(true)).toEqual([request.message]);
    expect(words(false)).toEqual([REQUEST_WITHOUT_DETAILS]);
    expect(REQUEST_WITHOUT_DETAILS).not.toMatch(/\d+\.\d+/);
    // Without a reader, the safe default: no addresses.
    expect(describeEntry(request, T)).toBe(REQUEST_WITHOUT_DETAILS);
  });
});
