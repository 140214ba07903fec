import { describe, expect, it } from "vitest";
import { groupCreateView } from "./group-create";

const plan = (flags: { lifecycle: "running" | "staging"; on: boolean }[]) => ({
  group: { name: "db", rules: [{ protocol: "tcp", destination: "10.0.0.0/8", ports: "5432" }] },
  nameTaken: false,
  flags,
  preview: { spaces: [], orgs: [] },
  commands: ["cf create-security-group db rules.json"],
  findings: [],
});

describe("groupCreateView", () => {
  it("says why nothing opens for a group on nowhere, and shows the rules file", () => {
    const view = groupCreateView(plan([]), []);
    expect(view.nothing).toMatch(/^Nothing opens: a new group is bound to no space/);
    expect([view.changed, view.rulesChanged, view.spaces]).toEqual([true, true, []]);
    expect(JSON.parse(view.rulesJson)).toEqual(plan([]).group.rules);
  });

  it("says nothing changes, not that nothing could, for a platform-wide group that opens nothing new", () => {
    const view = groupCreateView(plan([{ lifecycle: "running", on: true }]), [
      { ruleIndex: 0, field: "destination", reason: "not an address" },
    ]);
    expect(view.nothing).toMatch(/^No space's reach of a catalog destination changes/);
    expect(view.problems).toEqual([{ rule: 1, field: "destination", reason: "not an address" }]);
  });
});
